/// A straight line across a panel at a fixed data value, e.g. `ratio = 1`.
///
/// Drawn dashed in grey on top of the data and below the legend; a y reference line is kept
/// inside the y limits that are fitted to the data.
public struct ReferenceLine: Codable, Sendable, Hashable {
    /// Which axis the value belongs to.
    public enum Orientation: String, Codable, Sendable, Hashable {
        /// A horizontal line at a y value.
        case horizontal
        /// A vertical line at an x value (numeric x axes only).
        case vertical
    }

    /// Horizontal or vertical.
    public var orientation: Orientation
    /// The data value the line is drawn at.
    public var value: Double
    /// Short text drawn at the line's end inside the plot, or nil.
    public var label: String?

    /// Creates a reference line.
    public init(_ orientation: Orientation, at value: Double, label: String? = nil) {
        self.orientation = orientation
        self.value = value
        self.label = label
    }
}
