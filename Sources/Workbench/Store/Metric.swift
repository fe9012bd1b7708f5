/// One point of a metric series: `(key, name, step) → value` at a wall time.
public struct MetricPoint: Sendable, Hashable, Codable {
    /// The cache key of the training cell (the training identity, not the process).
    public var key: String
    /// Series name, e.g. `loss` or `val/cost_ratio`.
    public var name: String
    /// Training step; writing a step again replaces its value (a resumed run rewrites cleanly).
    public var step: Int64
    /// The value; NaN is kept (stored as SQL NULL) so diverging runs stay visible.
    public var value: Double
    /// When it was measured (seconds since 1970, from the injected clock).
    public var wallTime: Double

    /// Creates a point.
    public init(key: String, name: String, step: Int64, value: Double, wallTime: Double) {
        self.key = key
        self.name = name
        self.step = step
        self.value = value
        self.wallTime = wallTime
    }

    /// NaN-aware equality: two NaN values are equal, so stored and read points compare equal.
    public static func == (lhs: MetricPoint, rhs: MetricPoint) -> Bool {
        lhs.key == rhs.key && lhs.name == rhs.name && lhs.step == rhs.step && lhs.wallTime == rhs.wallTime
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }

    /// Hashes the identity and the value (NaN hashes alike).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(name)
        hasher.combine(step)
        hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
    }
}

/// A per-series summary kept up to date on every flush, so listings never scan the points.
public struct SeriesSummary: Sendable, Hashable, Codable {
    /// The training cell's cache key.
    public var key: String
    /// Series name.
    public var name: String
    /// Number of stored steps.
    public var count: Int
    /// Smallest step.
    public var firstStep: Int64
    /// Largest step.
    public var lastStep: Int64
    /// Value at the largest step (NaN if it was NaN).
    public var lastValue: Double
    /// Smallest non-NaN value (NaN if every value is NaN).
    public var minValue: Double
    /// Largest non-NaN value (NaN if every value is NaN).
    public var maxValue: Double

    /// NaN-aware equality.
    public static func == (lhs: SeriesSummary, rhs: SeriesSummary) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return lhs.key == rhs.key && lhs.name == rhs.name && lhs.count == rhs.count && lhs.firstStep == rhs.firstStep
            && lhs.lastStep == rhs.lastStep && same(lhs.lastValue, rhs.lastValue) && same(lhs.minValue, rhs.minValue)
            && same(lhs.maxValue, rhs.maxValue)
    }

    /// Hashes the identity and counts.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(name)
        hasher.combine(count)
        hasher.combine(lastStep)
    }
}
