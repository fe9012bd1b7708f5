import Learning
import Foundation
import LabCore
import Tensors

/// An untrained stand-in network: random x₀ logits and ε̂ (for tests and as a lower baseline).
///
/// Logits are N(`bias`, `scale`²) for class 1 and 0 for class 0, ε̂ is N(0, 1); the draws come
/// from a ``RandomSource`` derived from `seed`, the batch size and the first timestep, so the
/// output is a deterministic function of the seed and the step (same seed ⇒ same bits).
public struct RandomDenoiser: Denoiser, Sendable, Hashable {
    /// Seed of the derived streams.
    public var seed: UInt64
    /// Standard deviation of the class-1 logit.
    public var scale: Float
    /// Mean of the class-1 logit (positive favours offloading everywhere).
    public var bias: Float

    /// Creates a random denoiser.
    public init(seed: UInt64, scale: Float = 3, bias: Float = 0) {
        self.seed = seed
        self.scale = scale
        self.bias = bias
    }

    /// Random logits `[B, U, S+1, 2]` and ε̂ `[B, U, S+1]`.
    public func denoise(_ input: DenoiserInput) -> DenoiserOutput {
        var rng = RandomSource(seed: seed, stream: "random-denoiser/\(input.timesteps.count)/\(input.timesteps.first ?? 0)")
        let grid = input.bits.shape
        let n = input.bits.count
        var logits = [Float](repeating: 0, count: 2 * n)
        for i in 0..<n { logits[2 * i + 1] = bias + scale * Float(rng.normal()) }
        let eps = (0..<n).map { _ in Float(rng.normal()) }
        return DenoiserOutput(x0Logits: Tensor(shape: grid + [2], scalars: logits), epsilon: Tensor(shape: grid, scalars: eps))
    }
}
