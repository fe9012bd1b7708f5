/// One axis of a panel: its label (with units), scale and optional fixed limits.
///
/// Without limits the renderer fits the axis to the data with a 5 % margin (and starts bar axes
/// at zero); tick positions come from ``TickGenerator``.
public struct Axis: Codable, Sendable, Hashable {
    /// How data values map to positions.
    public enum Scale: String, Codable, Sendable, Hashable {
        /// Equal distances for equal differences.
        case linear
        /// Equal distances for equal ratios (base 10); every value must be positive.
        case log
    }

    /// The axis label, units in parentheses, e.g. `"Latency (ms)"`; nil for none.
    public var label: String?
    /// Linear or logarithmic.
    public var scale: Scale
    /// Fixed lower limit, or nil to fit the data.
    public var min: Double?
    /// Fixed upper limit, or nil to fit the data.
    public var max: Double?

    /// Creates an axis.
    public init(_ label: String? = nil, scale: Scale = .linear, min: Double? = nil, max: Double? = nil) {
        self.label = label
        self.scale = scale
        self.min = min
        self.max = max
    }

    /// A base-10 logarithmic axis.
    public static func log(_ label: String? = nil, min: Double? = nil, max: Double? = nil) -> Axis {
        Axis(label, scale: .log, min: min, max: max)
    }
}
