import Foundation
import LabCore
import LAENet
import Learning
import Tensors

/// DiGNN, the discriminative one-shot baseline: the graph encoder predicts the decision and the
/// shares directly from the clean instance graph, with no diffusion (brief §6 "DiGNN", §8.4).
///
/// The edge input is the 6 slot features alone (no noisy state channels), the timestep fed to the
/// encoder is always 0 — brief §6 drops the time embedding; a constant t = 0 makes it a learned
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

    /// The GADSG backbone with DiGNN's input and heads (brief §8.3 sizes by default).
    public static func configuration(hidden: Int = 64, layers: Int = 4, heads: Int = 4) -> EdgeEncoderConfiguration {
        .gadsg(hidden: hidden, layers: layers, heads: heads, edgeInputs: LAENetFeatures.slotChannels, outputHeads: [2, 1])
    }

    public var children: [(String, any Module)] { [("encoder", encoder)] }

    /// One forward pass on a batch: logits `[B, U, S+1, 2]` and shares `[B, U, S+1]`.
    public func predict(_ graph: InstanceBatch) -> DiGNNOutput {
        let batch = GraphBatch(slots: graph.slots, userNodes: graph.userNodes, serverNodes: graph.serverNodes)
        let out = encoder(batch, timesteps: [Float](repeating: 0, count: graph.batchSize))
        let parts = out.split(sizes: [2, 1], alongAxis: 3)
        return DiGNNOutput(logits: parts[0], shares: parts[1].squeezed(3))
    }

    /// The training loss against clean targets `x0`, `y0` `[B, U, S+1]` (``HybridDiffusion/targets(models:solutions:)``):
    /// cross-entropy of the logits on the bits plus MSE of the predicted shares on y₀, weight 1:1
    /// (brief §6: "Loss = CE(logits, x₀) + MSE(regression output, y₀)"; the 0/1-target quirk of
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

    /// `[B·U·(S+1)]` p₁ = softmax(logits)[1] per slot, row-major.
    public var offloadProbabilities: [Float] {
        let l = logits.scalars
        return (0..<(l.count / 2)).map { i -> Float in
            let margin: Float = l[2 * i] - l[2 * i + 1]
            return 1 / (1 + expf(margin))
        }
    }
}

/// One-shot decoding of DiGNN into feasible LAENet solutions, best of P (brief §6, §8.4).
///
/// Sample 0 is deterministic: p₁ per slot against ``threshold``. Samples 1…P−1 draw every slot's
/// bit from Bernoulli(p₁) (the resolution of issue 7's "optionally P samples"). Each sample then
/// goes through exactly the diffusion decoding path — ``OffloadProblem/decodeSlots(bits:shares:threshold:)``,
/// ``OffloadProblem/repair(_:)``, optimal shares (``GraphDiffusionSolver/finish(_:bits:shares:)``) —
/// and the cheapest is kept, so every result is feasible whenever the instance is.
public struct DiGNNSolver: Sendable, Hashable {
    /// Samples P per instance (1 = the deterministic decoding only).
    public var samples: Int
    /// Decision threshold on p₁. 0.5 (the argmax of the two classes) by default: the GDSG code's
    /// "raw logit > 0.9" (brief §6 quirk) compares an unnormalised logit and is not reproduced.
    public var threshold: Double
    /// Whether each sample is improved by single-user local search after repair.
    public var localSearch: Bool

    /// Creates a solver.
    public init(samples: Int = 1, threshold: Double = 0.5, localSearch: Bool = false) {
        precondition(samples >= 1, "need at least one sample")
        self.samples = samples
        self.threshold = threshold
        self.localSearch = localSearch
    }

    /// Solves same-scale instances with one forward pass of `models.count` rows.
    public func solve(_ models: [LAENetModel], model: DiGNN, using rng: inout RandomSource) -> [DiffusionSolution] {
        guard !models.isEmpty else { return [] }
        let graph = InstanceBatch(models.map(LAENetFeatures.init))
        let out = Tensor.withoutGrad { model.predict(graph) }
        let p = out.offloadProbabilities, shares = out.shares.scalars
        let stride = graph.userCount * graph.slotCount
        let finisher = GraphDiffusionSolver(samples: 1, threshold: threshold, localSearch: localSearch)
        return models.enumerated().map { i, m in
            let lo = i * stride
            let probabilities = p[lo..<lo + stride], y = shares[lo..<lo + stride]
            var outcomes = [finisher.finish(m.problem, bits: probabilities, shares: y)]
            for _ in 1..<samples {
                let drawn = probabilities.map { Float(rng.uniform(0, 1)) < $0 ? Float(1) : 0 }
                outcomes.append(finisher.finish(m.problem, bits: drawn[...], shares: y))
            }
            return DiffusionSolution(model: m, samples: outcomes)
        }
    }
}
