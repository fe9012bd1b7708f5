import LabCore

/// Tensors filled from a seeded ``RandomSource`` (same seed ⇒ same bits).
extension Tensor {
    /// Uniform values in [low, high).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = low + (high - low) * rng.nextFloat() } }
    }

    /// Normal values with the given mean and standard deviation.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = mean + std * Float(rng.normal()) } }
    }

    /// Normal values redrawn until within ±2 standard deviations of the mean.
    public static func truncatedNormal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { o in
            for i in 0..<o.count {
                o[i] = Float(rng.truncatedNormal(mean: Double(mean), std: Double(std), low: Double(mean - 2 * std), high: Double(mean + 2 * std)))
            }
        }
    }

    /// 1 with probability `p`, else 0.
    public static func bernoulli(_ shape: [Int], probability p: Float, using rng: inout RandomSource) -> Tensor {
        Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = rng.nextFloat() < p ? 1 : 0 } }
    }
}
