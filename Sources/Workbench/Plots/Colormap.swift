/// A sequential colour scale for heatmaps: maps a value in 0...1 to a colour.
///
/// Each map is a short list of published anchor colours interpolated linearly; both built-in
/// maps are perceptually ordered and readable by people with colour-vision deficiencies.
public enum Colormap: String, Codable, Sendable, Hashable, CaseIterable {
    /// Dark purple through teal to yellow (matplotlib's default sequential map).
    case viridis
    /// Dark blue through grey to yellow, designed for colour-vision deficiency.
    case cividis
    /// White through light to dark blue, for values where "more" should look "darker".
    case blues

    /// The anchor colours, evenly spaced from 0 to 1.
    var anchors: [Color] {
        switch self {
        case .viridis:
            return [0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725]
                .map { Color(hex: $0) }
        case .cividis:
            return [0x00224E, 0x123570, 0x3B496C, 0x575D6D, 0x707173, 0x8A8779, 0xA69D75, 0xC4B56C, 0xE4CF5B, 0xFEE838]
                .map { Color(hex: $0) }
        case .blues:
            return [0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B]
                .map { Color(hex: $0) }
        }
    }

    /// The colour at `t` (clamped to 0...1).
    public func color(at t: Double) -> Color {
        let anchors = self.anchors
        guard t.isFinite else { return anchors[0] }
        let x = min(max(t, 0), 1) * Double(anchors.count - 1)
        let i = min(Int(x), anchors.count - 2)
        return Color.mix(anchors[i], anchors[i + 1], x - Double(i))
    }
}
