/// Min–max scaling of each dimension to [−1, 1] over a whole dataset (the repository's
/// "safe limits" normaliser), with the constant-dimension fix.
///
/// `x′ = 2·(x − min)/(max − min) − 1` per dimension. A dimension whose values are all equal gets
/// its own range widened to `[v − 1, v + 1]` (so it maps to 0). The repository widens *every*
/// dimension's range by ±1 once per constant dimension, which squeezes all normalised values
/// towards 0; this port widens only the constant one (docs/multimec.md lists the difference).
public struct MECMinMaxNormalizer: Sendable, Hashable {
    /// Per-dimension minima (after widening constant dimensions).
    public let minimums: [Float]
    /// Per-dimension maxima (after widening constant dimensions).
    public let maximums: [Float]

    /// The normaliser of `rows` row-major rows of `width` numbers (`values.count / width` rows, at least one).
    public init(values: [Float], width: Int) {
        var lo = [Float](repeating: .infinity, count: width), hi = [Float](repeating: -.infinity, count: width)
        let rows = width > 0 ? values.count / width : 0
        for r in 0..<rows {
            for j in 0..<width {
                let v = values[r * width + j]
                if v < lo[j] { lo[j] = v }
                if v > hi[j] { hi[j] = v }
            }
        }
        for j in 0..<width where !(lo[j] < hi[j]) {
            let v = lo[j].isFinite ? lo[j] : 0
            (lo[j], hi[j]) = (v - 1, v + 1)
        }
        (minimums, maximums) = (lo, hi)
    }

    /// A normaliser with given limits (decoding).
    public init(minimums: [Float], maximums: [Float]) { (self.minimums, self.maximums) = (minimums, maximums) }

    /// Dimensions.
    public var width: Int { minimums.count }

    /// Scales row-major rows of ``width`` numbers to [−1, 1].
    public func normalize(_ values: [Float]) -> [Float] {
        guard width > 0 else { return values }
        return values.indices.map { i in
            let j = i % width
            return 2 * (values[i] - minimums[j]) / (maximums[j] - minimums[j]) - 1
        }
    }

    /// Maps normalised rows back. As in the repository, when any value lies outside [−1, 1] by
    /// more than 10⁻⁴ all values are first clipped into [−1, 1].
    public func unnormalize(_ values: [Float]) -> [Float] {
        guard width > 0 else { return values }
        let clip = values.contains { $0 > 1 + 1e-4 || $0 < -1 - 1e-4 }
        return values.indices.map { i in
            let j = i % width
            let x = clip ? min(max(values[i], -1), 1) : values[i]
            return (x + 1) / 2 * (maximums[j] - minimums[j]) + minimums[j]
        }
    }
}
