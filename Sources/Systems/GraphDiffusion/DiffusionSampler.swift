import Learning
import Foundation
import LabCore
import Tensors

/// Few-step joint sampling of bits and shares (docs/gadsg.md §4.3, §7.9 item 22, §8.3).
///
/// Starts from fair coin bits and y ~ N(0, 1) on every slot of every batch row, then for each
/// (t₁, t₂) of the ``InferenceSchedule`` runs the denoiser at t₁ on the encoded bits, draws
/// x_{t₂} ~ Bernoulli(π) from the mixed exact posterior (``BernoulliDiffusion``) and moves y by
/// DDIM. After the last step (t₂ = 0) the bits are the probabilities π (p₁ with the exact rule),
/// not samples, and the shares are the predicted y₀.
public struct DiffusionSampler: Sendable, Hashable {
    /// The shared schedule.
    public var schedule: DiffusionSchedule
    /// The time grid (default: 5 cosine-spaced steps).
    public var steps: InferenceSchedule
    /// The last-step rule for the bits (default exact; `.gdsgQuirk` for fidelity ablations).
    public var finalStep: BernoulliDiffusion.FinalStep
    /// How bits are fed to the network (GDSG inference: `.raw`; `.gdsgTraining` is the ablation).
    public var inputEncoding: BitEncoding
    /// Whether bits on padded slots (link flag 0) are held at 0 throughout (ablation; GDSG lets
    /// them diffuse and repairs afterwards, docs/gadsg.md §4.4 step 2). Random draws are made either way.
    public var maskPadding: Bool

    /// Creates a sampler.
    public init(schedule: DiffusionSchedule = DiffusionSchedule(), inferenceSteps: Int = 5,
                spacing: InferenceSchedule.Spacing = .cosine, finalStep: BernoulliDiffusion.FinalStep = .exact,
                inputEncoding: BitEncoding = .raw, maskPadding: Bool = false) {
        self.schedule = schedule
        steps = InferenceSchedule(diffusionSteps: schedule.steps, inferenceSteps: inferenceSteps, spacing: spacing)
        self.finalStep = finalStep
        self.inputEncoding = inputEncoding
        self.maskPadding = maskPadding
    }

    /// Samples one final state per row of `graph` (replicate instances in the ``InstanceBatch`` for
    /// P parallel samples). Returns `bits` and `shares`, both `[B, U, S+1]`.
    ///
    /// Draw order: B·U·(S+1) fair bits, then as many normals, then per step the encoding jitter
    /// and one uniform per bit (none at the last step).
    public func sample(_ graph: InstanceBatch, denoiser: some Denoiser, using rng: inout RandomSource) -> SampledState {
        let grid = [graph.batchSize, graph.userCount, graph.slotCount]
        let n = grid.reduce(1, *)
        let bitProcess = BernoulliDiffusion(schedule: schedule)
        let shareProcess = GaussianDiffusion(schedule: schedule)
        var x = (0..<n).map { _ in Float(rng.bernoulli(0.5) ? 1 : 0) }
        var y = (0..<n).map { _ in Float(rng.normal()) }
        let flags = maskPadding ? graph.linkMask.scalars : nil
        if let flags { for i in 0..<n where flags[i] == 0 { x[i] = 0 } }
        for (t1, t2) in steps.pairs {
            let encoded = inputEncoding.encode(x, using: &rng)
            let input = DenoiserInput(bits: Tensor(shape: grid, scalars: encoded), shares: Tensor(shape: grid, scalars: y),
                                      timesteps: Array(repeating: t1, count: grid[0]), graph: graph)
            let output = Tensor.withoutGrad { denoiser.denoise(input) }
            precondition(output.epsilon.shape == grid, "denoiser returned ε of shape \(output.epsilon.shape), expected \(grid)")
            let p1 = output.offloadProbabilities
            let eps = output.epsilon.scalars
            for i in 0..<n {
                let pi = bitProcess.reverseProbability(p1: p1[i], xt: x[i] > 0.5 ? 1 : 0, from: t1, to: t2, finalStep: finalStep)
                x[i] = t2 > 0 ? (rng.bernoulli(pi) ? 1 : 0) : Float(pi)
                if let flags, flags[i] == 0 { x[i] = 0 }
                y[i] = shareProcess.ddimStep(y[i], epsilon: eps[i], from: t1, to: t2)
            }
        }
        return SampledState(bits: Tensor(shape: grid, scalars: x), shares: Tensor(shape: grid, scalars: y))
    }
}

/// The sampler's final state (docs/gadsg.md §4.3 "Decoding").
public struct SampledState: Sendable {
    /// `[B, U, S+1]` final bit values: probabilities π of the last step (threshold them to decode).
    public var bits: Tensor
    /// `[B, U, S+1]` predicted y₀ (GDSG decodes sigmoid(y₀); only the per-user order matters here).
    public var shares: Tensor
}
