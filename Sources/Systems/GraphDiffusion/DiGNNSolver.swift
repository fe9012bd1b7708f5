import Learning
import LabCore
import LAENet
import Tensors

/// One-shot decoding of DiGNN into feasible LAENet solutions, best of P (docs/gadsg.md §6, §8.4).
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
    /// "raw logit > 0.9" (docs/gadsg.md §6 quirk) compares an unnormalised logit and is not reproduced.
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
