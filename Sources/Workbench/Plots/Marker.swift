/// The symbol drawn at data points of a line or scatter series.
///
/// Markers repeat the colour information in shape, so series stay distinguishable in greyscale
/// print; line series with many points draw at most about 15 markers, evenly spaced.
public enum Marker: String, Codable, Sendable, Hashable, CaseIterable {
    /// No marker.
    case none
    /// A filled circle.
    case circle
    /// A filled square.
    case square
    /// A filled upward triangle.
    case triangle
    /// A filled diamond.
    case diamond
    /// A filled downward triangle.
    case triangleDown
    /// A plus sign (stroked).
    case plus
    /// A cross (stroked).
    case cross

    /// The filled shapes in the order series take them by default.
    public static let cycle: [Marker] = [.circle, .square, .triangle, .diamond, .triangleDown, .plus, .cross]
}

/// The dash pattern of a line.
public enum LineDash: String, Codable, Sendable, Hashable {
    /// A continuous line.
    case solid
    /// Long dashes.
    case dashed
    /// Dots.
    case dotted
    /// Alternating dashes and dots.
    case dashDot
}
