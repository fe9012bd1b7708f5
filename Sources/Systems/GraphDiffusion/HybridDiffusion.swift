import Foundation
import LAENet
import LabCore
import Learning
import Tensors

/// The joint discrete + continuous process used for training (docs/gadsg.md §4.2, §7.7 Algorithm 1).
///
/// One t per instance drives both processes. ``noised(x0:y0:using:)`` draws the training input
/// and ``loss(_:targets:mask:)`` the two loss terms (cross-entropy on x₀, MSE on ε, weight 1:1).
public struct HybridDiffusion: Sendable, Hashable {
    /// The shared schedule.
    public var schedule: DiffusionSchedule
    /// How x_t is encoded for the network during training (GDSG: (2x−1)·(1 + 0.05u)).
    public var trainingEncoding: BitEncoding

    /// Creates the process; defaults follow docs/gadsg.md §4.2 and §8.3.
    public init(schedule: DiffusionSchedule = DiffusionSchedule(), trainingEncoding: BitEncoding = .gdsgTraining) {
        self.schedule = schedule
        self.trainingEncoding = trainingEncoding
    }

    /// The bit process on the shared schedule.
    public var bits: BernoulliDiffusion { BernoulliDiffusion(schedule: schedule) }
    /// The share process on the shared schedule.
    public var shares: GaussianDiffusion { GaussianDiffusion(schedule: schedule) }

    /// Clean targets of labelled instances: `x0` `[B, U, S+1]` (1 on the chosen server's slot,
    /// all 0 for a local user) and `y0` `[B, U, S+1]` (the share on that slot, else 0). Shares a
    /// solution leaves nil are filled with the optimal (water-filled) shares of its decisions.
    ///
    /// - Precondition: same-scale instances, one solution per model, every solution feasible.
    public static func targets(models: [LAENetModel], solutions: [LAENetSolution]) -> (x0: Tensor, y0: Tensor) {
        precondition(models.count == solutions.count && !models.isEmpty, "one solution per model")
        var x0: [Float] = [], y0: [Float] = []
        var grid: [Int] = []
        for (model, solution) in zip(models, solutions) {
            var filled = solution
            if solution.shares == nil || zip(solution.choice, solution.shares!).contains(where: { $0 != nil && $1 == nil }) {
                let evaluation = model.evaluate(solution)
                precondition(evaluation.feasible, "training target infeasible: \(evaluation.violation ?? "")")
                filled.shares = evaluation.users.map(\.share)
            }
            let t = LAENetFeatures.targets(filled, serverCount: model.instance.servers.count)
            precondition(grid.isEmpty || grid == t.choice.shape, "batched targets must share one scale")
            grid = t.choice.shape
            x0 += t.choice.scalars
            y0 += t.share.scalars
        }
        let shape = [models.count] + grid
        return (Tensor(shape: shape, scalars: x0), Tensor(shape: shape, scalars: y0))
    }

    /// Draws the training input for clean targets `x0`, `y0` `[B, U, S+1]` (docs/gadsg.md §4.2 steps 1–3):
    /// t ~ Uniform{1…T} per row, x_t ~ q(x_t | x₀), the encoded x_t, ε ~ N(0, 1) and y_t.
    ///
    /// With `padding` `[B, U, S+1]` (e.g. ``InstanceBatch/linkMask``), x_t is forced to 0 where the
    /// mask is 0 (the ablation matching ``DiffusionSampler/maskPadding``; GDSG noises every slot).
    ///
    /// Draw order (for reproducibility): B times, then one uniform per bit, then one normal per
    /// share, then the encoding's jitter.
    public func noised(x0: Tensor, y0: Tensor, padding: Tensor? = nil, using rng: inout RandomSource) -> NoisedBatch {
        precondition(x0.rank == 3 && x0.shape == y0.shape, "x0 and y0 must both be [B, U, S+1]")
        precondition(padding == nil || padding!.shape == x0.shape, "padding mask must be [B, U, S+1]")
        let b = x0.shape[0]
        let t = (0..<b).map { _ in 1 + rng.int(below: schedule.steps) }
        var xt = bits.noise(x0.scalars, t: t, using: &rng)
        if let flags = padding?.scalars { for i in xt.indices where flags[i] == 0 { xt[i] = 0 } }
        let eps = (0..<y0.count).map { _ in Float(rng.normal()) }
        let yt = shares.noise(y0.scalars, epsilon: eps, t: t)
        let encoded = trainingEncoding.encode(xt, using: &rng)
        return NoisedBatch(timesteps: t, bits: Tensor(shape: x0.shape, scalars: xt),
                           encodedBits: Tensor(shape: x0.shape, scalars: encoded),
                           shares: Tensor(shape: x0.shape, scalars: yt), epsilon: Tensor(shape: x0.shape, scalars: eps))
    }

    /// The two loss terms (docs/gadsg.md §4.2 step 5, §7.7 eq. 45–47), differentiable in `output`.
    ///
    /// `crossEntropy` = mean over slots of −log softmax(logits)[x₀]; `mse` = mean over slots of
    /// (ε̂ − ε)². With `mask` `[B, U, S+1]` (e.g. ``InstanceBatch/linkMask``) both means run over the
    /// masked slots only; without it over every slot, padded ones included, as GDSG does.
    public func loss(_ output: DenoiserOutput, targets: NoisedBatch, x0: Tensor, mask: Tensor? = nil) -> DiffusionLoss {
        let grid = x0.shape
        precondition(output.epsilon.shape == grid && targets.epsilon.shape == grid, "loss shapes disagree")
        let n = x0.count
        let flatLogits = output.x0Logits.reshaped([n, 2])
        let classes = x0.scalars.map { $0 > 0.5 ? 1 : 0 }
        let sq = (output.epsilon - targets.epsilon).squared().reshaped([n])
        guard let mask else {
            return DiffusionLoss(crossEntropy: Loss.crossEntropy(logits: flatLogits, targets: classes), mse: sq.mean())
        }
        precondition(mask.shape == grid, "mask must be [B, U, S+1]")
        let weights = mask.reshaped([n])
        let total = max(weights.scalars.reduce(0, +), 1)
        let picked = (flatLogits.logSoftmax(alongAxis: -1) * Tensor.oneHot(classes, classes: 2)).sum(alongAxis: -1)
        return DiffusionLoss(crossEntropy: -(picked * weights).sum() / total, mse: (sq * weights).sum() / total)
    }
}

/// One noised training batch (docs/gadsg.md §4.2); every tensor is `[B, U, S+1]`.
public struct NoisedBatch: Sendable {
    /// t per batch row, in 1…T.
    public var timesteps: [Int]
    /// x_t in {0, 1}.
    public var bits: Tensor
    /// x_t after the training ``BitEncoding`` (the network's first input channel).
    public var encodedBits: Tensor
    /// y_t (the network's second input channel).
    public var shares: Tensor
    /// The Gaussian noise ε that produced y_t (the regression target).
    public var epsilon: Tensor

    /// The network input for this batch on `graph`.
    public func input(on graph: InstanceBatch) -> DenoiserInput {
        DenoiserInput(bits: encodedBits, shares: shares, timesteps: timesteps, graph: graph)
    }
}

/// The two terms of the hybrid loss, kept separate (docs/gadsg.md §4.2 step 6 logs them apart).
public struct DiffusionLoss: Sendable {
    /// Scalar cross-entropy on x₀.
    public var crossEntropy: Tensor
    /// Scalar MSE on ε.
    public var mse: Tensor

    /// crossEntropy + mse (weights 1:1).
    public var total: Tensor { crossEntropy + mse }
}
