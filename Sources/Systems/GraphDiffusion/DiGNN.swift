import Foundation
import LabCore
import LAENet
import Learning
import Tensors

/// DiGNN, the discriminative one-shot baseline: the graph encoder predicts the decision and the
/// shares directly from the clean instance graph, with no diffusion (docs/gadsg.md §6 "DiGNN", §8.4).
///
/// The edge input is the 6 slot features alone (no noisy state channels), the timestep fed to the
/// encoder is always 0 — docs/gadsg.md §6 drops the time embedding; a constant t = 0 makes it a learned
/// bias, which keeps one encoder implementation for all models — and the two heads `[2, 1]` give
/// per slot the logit pair of "offload here" and the predicted share. The backbone is the GADSG
/// attention encoder by default ("the same backbone", issue 7); any ``EdgeEncoderConfiguration``
/// with 6 edge inputs and heads `[2, 1]` works.
public final class DiGNN: Module {
    /// The encoder.
    public let encoder: EdgeEncoder

    /// Creates the model with seeded initial values.
    ///
    /// - Precondition: `configuration.edgeInputs == 6` and `configuration.outputHeads == [2, 1]`.
    public init(_ configuration: EdgeEncoderConfiguration, using rng: inout RandomSource) {
        precondition(configuration.edgeInputs == LAENetFeatures.slotChannels && configuration.outputHeads == [2, 1],
                     "DiGNN needs 6 edge inputs and heads [2, 1], got \(configuration.edgeInputs) and \(configuration.outputHeads)")
        encoder = EdgeEncoder(configuration, using: &rng)
    }

    /// The GADSG backbone with DiGNN's input and heads (docs/gadsg.md §8.3 sizes by default).
    public static func configuration(hidden: Int = 64, layers: Int = 4, heads: Int = 4) -> EdgeEncoderConfiguration {
        .gadsg(hidden: hidden, layers: layers, heads: heads, edgeInputs: LAENetFeatures.slotChannels, outputHeads: [2, 1])
    }

    public var children: [(String, any Module)] { [("encoder", encoder)] }

    /// One forward pass on a batch: logits `[B, U, S+1, 2]` and shares `[B, U, S+1]`.
    public func predict(_ graph: InstanceBatch) -> DiGNNOutput {
        let batch = graph.graph()
        let out = encoder(batch, timesteps: [Float](repeating: 0, count: graph.batchSize))
        let parts = out.split(sizes: [2, 1], alongAxis: 3)
        return DiGNNOutput(logits: parts[0], shares: parts[1].squeezed(3))
    }

    /// The training loss against clean targets `x0`, `y0` `[B, U, S+1]` (``HybridDiffusion/targets(models:solutions:)``):
    /// cross-entropy of the logits on the bits plus MSE of the predicted shares on y₀, weight 1:1
    /// (docs/gadsg.md §6: "Loss = CE(logits, x₀) + MSE(regression output, y₀)"; the 0/1-target quirk of
    /// the GDSG code is not reproduced). With `mask` (e.g. ``InstanceBatch/linkMask``) both means
    /// run over real links only, otherwise over every slot as GDSG does.
    public static func loss(_ output: DiGNNOutput, x0: Tensor, y0: Tensor, mask: Tensor? = nil) -> DiffusionLoss {
        let grid = x0.shape
        precondition(output.shares.shape == grid && y0.shape == grid, "DiGNN loss shapes disagree")
        let n = x0.count
        let classes = x0.scalars.map { $0 > 0.5 ? 1 : 0 }
        let logp = output.logits.reshaped([n, 2]).logSoftmax(alongAxis: -1)
        let picked = (logp * Tensor.oneHot(classes, classes: 2)).sum(alongAxis: -1)
        let sq = (output.shares - y0).squared().reshaped([n])
        guard let mask else { return DiffusionLoss(crossEntropy: -picked.mean(), mse: sq.mean()) }
        precondition(mask.shape == grid, "mask must be [B, U, S+1]")
        let w = mask.reshaped([n])
        let total = max(w.scalars.reduce(0, +), 1)
        return DiffusionLoss(crossEntropy: -(picked * w).sum() / total, mse: (sq * w).sum() / total)
    }
}

/// DiGNN's prediction for a batch.
public struct DiGNNOutput: Sendable {
    /// `[B, U, S+1, 2]` logits of {stay off, offload here} per slot.
    public var logits: Tensor
    /// `[B, U, S+1]` predicted shares.
    public var shares: Tensor

    /// Creates an output; the logits must be the shares' grid with a trailing axis of 2.
    public init(logits: Tensor, shares: Tensor) {
        precondition(logits.rank == 4 && logits.shape.last == 2 && Array(logits.shape.prefix(3)) == shares.shape,
                     "DiGNNOutput expects logits [B, U, S+1, 2] and shares [B, U, S+1]")
        self.logits = logits
        self.shares = shares
    }

    /// `[B·U·(S+1)]` p₁ = softmax(logits)[1] per slot, row-major.
    public var offloadProbabilities: [Float] {
        let l = logits.scalars
        return (0..<(l.count / 2)).map { i -> Float in
            let margin: Float = l[2 * i] - l[2 * i + 1]
            return 1 / (1 + expf(margin))
        }
    }
}
