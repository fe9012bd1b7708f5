import LabCore
import Tensors

/// The Gaussian noise one reverse chain injects: the start `x_K` and one draw per step except
/// the last. Held fixed, it makes the chain's output a deterministic, differentiable function
/// of the actor's parameters (the reparameterisation GDMOPT trains through).
public struct DiffusionNoise: Sendable {
    /// `x_K ~ N(0, I)` `[N, A]`.
    public var start: Tensor
    /// `z` added after 0-based step `k ≥ 1`, at index `k − 1` (`K − 1` tensors `[N, A]`).
    public var steps: [Tensor]

    /// Wraps given draws.
    public init(start: Tensor, steps: [Tensor]) { (self.start, self.steps) = (start, steps) }

    /// Draws the noise of `rows` chains of `actions` values over `denoisingSteps` steps: `x_K`
    /// first, then the step draws from `k = K − 1` down to 1.
    public init(rows: Int, actions: Int, denoisingSteps: Int, using rng: inout RandomSource) {
        start = .normal([rows, actions], using: &rng)
        var draws = [Tensor](repeating: Tensor.zeros([rows, actions]), count: max(0, denoisingSteps - 1))
        for k in stride(from: denoisingSteps - 1, through: 1, by: -1) { draws[k - 1] = .normal([rows, actions], using: &rng) }
        steps = draws
    }
}

extension DiffusionActor {
    /// Runs the reverse chain from `noise.start` and returns `x_0` `[N, A]` in `[−1, 1]`.
    ///
    /// For 0-based `k = K − 1 … 0`: `ε̂ = ε_θ(x, k, o)`, `x̂_0 = clip(x/√ᾱ − √(1/ᾱ − 1)·ε̂, −1, 1)`,
    /// then `x ← c1·x̂_0 + c2·x + σ·z_k` for `k ≥ 1`; at `k = 0` the posterior mean is `x̂_0`
    /// itself (`c1 = 1`, `c2 = σ = 0`), which is returned exactly. Gradients flow through every
    /// step; the clip passes none where it is active.
    public func sample(_ observations: Tensor, noise: DiffusionNoise) -> Tensor {
        let s = schedule
        let context = context(observations)
        var x = noise.start
        for k in stride(from: s.steps - 1, through: 0, by: -1) {
            let epsilon = denoise(x, step: k, context: context)
            let start = (x * Float(s.startFromSample[k]) - epsilon * Float(s.startFromNoise[k])).clamped(-1, 1)
            guard k > 0 else { return start }
            x = start * Float(s.meanFromStart[k]) + x * Float(s.meanFromSample[k]) + noise.steps[k - 1] * Float(s.sigmas[k])
        }
        return x
    }

    /// The action logits `x_0 / temperature` `[N, A]`.
    public func logits(_ observations: Tensor, noise: DiffusionNoise) -> Tensor {
        sample(observations, noise: noise) * (1 / configuration.temperature)
    }

    /// `π(·|o)` `[N, A]`: the softmax of the logits over the actions `mask` allows (`[N, A]`,
    /// 1 = allowed; nil allows all). Masked actions get probability exactly 0.
    public func probabilities(_ observations: Tensor, mask: Tensor?, noise: DiffusionNoise) -> Tensor {
        logits(observations, noise: noise).softmax(alongAxis: -1, mask: mask)
    }
}
