
extension Mark {
    /// The JSON key naming each kind of mark.
    private enum Kind: String, CodingKey, CaseIterable {
        case line, scatter, bars, heatmap, boxes
    }

    /// Decodes `{"line": {…}}`, `{"scatter": {…}}`, `{"bars": {…}}`, `{"heatmap": {…}}` or `{"boxes": {…}}`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard container.allKeys.count == 1, let kind = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a mark needs exactly one of the keys line, scatter, bars, heatmap, boxes"))
        }
        switch kind {
        case .line: self = .line(try container.decode(LineSeries.self, forKey: kind))
        case .scatter: self = .scatter(try container.decode(ScatterSeries.self, forKey: kind))
        case .bars: self = .bars(try container.decode(BarChart.self, forKey: kind))
        case .heatmap: self = .heatmap(try container.decode(Heatmap.self, forKey: kind))
        case .boxes: self = .boxes(try container.decode(BoxChart.self, forKey: kind))
        }
    }

    /// Encodes as a one-key object named after the kind, e.g. `{"line": {"name": …}}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        switch self {
        case .line(let s): try container.encode(s, forKey: .line)
        case .scatter(let s): try container.encode(s, forKey: .scatter)
        case .bars(let b): try container.encode(b, forKey: .bars)
        case .heatmap(let h): try container.encode(h, forKey: .heatmap)
        case .boxes(let b): try container.encode(b, forKey: .boxes)
        }
    }
}
