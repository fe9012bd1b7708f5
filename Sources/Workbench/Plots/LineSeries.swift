/// A line through (x, y) points, optionally with markers, a shaded band and smoothing.
///
/// Non-finite y values (NaN) leave a gap in the line. The band is drawn behind the line in the
/// series colour; typical bands are min-max or mean ± std over seeds (see ``init(_:x:runs:band:)``).
public struct LineSeries: Codable, Sendable, Hashable {
    /// A shaded region around the line: lower and upper y for every x.
    public struct Band: Codable, Sendable, Hashable {
        /// Lower edge, one value per x.
        public var lower: [Double]
        /// Upper edge, one value per x.
        public var upper: [Double]

        /// Creates a band from its two edges.
        public init(lower: [Double], upper: [Double]) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// How a band is derived from several runs (seeds).
    public enum Spread: String, Codable, Sendable, Hashable {
        /// From the smallest to the largest run at each x.
        case minMax
        /// Mean ± one (population) standard deviation.
        case std
        /// No band.
        case none
    }

    /// Legend entry; nil or empty keeps the series out of the legend.
    public var name: String?
    /// X coordinates.
    public var x: [Double]
    /// Y coordinates, one per x.
    public var y: [Double]
    /// Optional shaded band.
    public var band: Band?
    /// Explicit colour, or nil to take the next palette colour.
    public var color: Color?
    /// Marker symbol, or nil to take the next one from ``Marker/cycle``.
    public var marker: Marker?
    /// Dash pattern.
    public var dash: LineDash
    /// Line width in points, or nil for the style default.
    public var lineWidth: Double?
    /// Centred moving-average window (odd number of points) applied to y and the band; 1 = none.
    public var smoothing: Int

    /// Creates a line series.
    public init(
        _ name: String?, x: [Double], y: [Double], band: Band? = nil, color: Color? = nil,
        marker: Marker? = nil, dash: LineDash = .solid, lineWidth: Double? = nil, smoothing: Int = 1
    ) {
        self.name = name
        self.x = x
        self.y = y
        self.band = band
        self.color = color
        self.marker = marker
        self.dash = dash
        self.lineWidth = lineWidth
        self.smoothing = smoothing
    }

    /// Creates the mean line of several runs (one array per seed) with a band showing their spread.
    ///
    /// Every run must have one value per x; the caller validates by rendering (mismatched
    /// lengths are reported as invalid input).
    public init(_ name: String?, x: [Double], runs: [[Double]], band spread: Spread = .minMax) {
        let n = x.count
        var mean = [Double](repeating: .nan, count: n)
        var lower = mean, upper = mean
        for i in 0..<n {
            let values = runs.compactMap { i < $0.count ? $0[i] : nil }.filter(\.isFinite)
            guard !values.isEmpty else { continue }
            let m = values.reduce(0, +) / Double(values.count)
            mean[i] = m
            switch spread {
            case .minMax, .none:
                lower[i] = values.min()!
                upper[i] = values.max()!
            case .std:
                let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
                lower[i] = m - variance.squareRoot()
                upper[i] = m + variance.squareRoot()
            }
        }
        self.init(name, x: x, y: mean, band: spread == .none ? nil : Band(lower: lower, upper: upper))
    }
}

/// Points drawn as markers without connecting lines.
public struct ScatterSeries: Codable, Sendable, Hashable {
    /// Legend entry; nil or empty keeps the series out of the legend.
    public var name: String?
    /// X coordinates.
    public var x: [Double]
    /// Y coordinates, one per x.
    public var y: [Double]
    /// Explicit colour, or nil for the next palette colour.
    public var color: Color?
    /// Marker symbol, or nil for the next one from ``Marker/cycle``.
    public var marker: Marker?
    /// Marker size (diameter) in points, or nil for the style default.
    public var size: Double?
    /// Marker opacity (lower it for dense clouds).
    public var opacity: Double

    /// Creates a scatter series.
    public init(
        _ name: String?, x: [Double], y: [Double], color: Color? = nil, marker: Marker? = nil,
        size: Double? = nil, opacity: Double = 0.8
    ) {
        self.name = name
        self.x = x
        self.y = y
        self.color = color
        self.marker = marker
        self.size = size
        self.opacity = opacity
    }
}
