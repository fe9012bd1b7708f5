import LabCore

/// Tensors filled from a seeded ``RandomSource`` (same seed ⇒ same bits).
///
/// Each kernel is one loop over the output buffer with the generator copied into a local and
/// inlined (``RandomSource/next()`` is `@inlinable`), drawing in element order exactly as the
/// per-element formulas in the comments; the tests keep those formulas as references.
extension Tensor {
    /// Uniform values in [low, high).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout RandomSource) -> Tensor {
        var r = rng
        defer { rng = r }
        let span = high - low
        return Tensor(shape: shape) { o in
            let p = o.baseAddress!
            var local = r  // a local the loop keeps in registers, not the captured variable
            for i in 0..<o.count { p[i] = low + span * local.nextFloat() }  // low + (high - low)·u
            r = local
        }
    }

    /// Normal values with the given mean and standard deviation.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomSource) -> Tensor {
        var r = rng
        defer { rng = r }
        return Tensor(shape: shape) { o in
            let p = o.baseAddress!
            var local = r  // a local the loop keeps in registers, not the captured variable
            for i in 0..<o.count { p[i] = mean + std * Float(local.normal()) }
            r = local
        }
    }

    /// Normal values redrawn until within ±2 standard deviations of the mean.
    public static func truncatedNormal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { o in
            for i in 0..<o.count {
                o[i] = Float(rng.truncatedNormal(mean: Double(mean), std: Double(std), low: Double(mean - 2 * std), high: Double(mean + 2 * std)))
            }
        }
    }

    /// 1 with probability `p`, else 0 (one ``RandomSource/nextFloat()`` per element, in order).
    public static func bernoulli(_ shape: [Int], probability p: Float, using rng: inout RandomSource) -> Tensor {
        var r = rng
        defer { rng = r }
        return Tensor(shape: shape) { o in
            let q = o.baseAddress!
            var local = r  // a local the loop keeps in registers, not the captured variable
            for i in 0..<o.count { q[i] = local.nextFloat() < p ? 1 : 0 }
            r = local
        }
    }
}
