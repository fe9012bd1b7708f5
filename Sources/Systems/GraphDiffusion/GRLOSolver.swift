import Learning
import LabCore
import LAENet
import Tensors

/// GRLO at test time: greedy decoding plus P sampled decision vectors per instance, each repaired
/// to feasibility and scored with optimal shares; the cheapest is kept (docs/gadsg.md §8.4: "sample 8 and
/// keep the best").
public struct GRLOSolver: Sendable, Hashable {
    /// Sampled decision vectors per instance (8 in docs/gadsg.md §8.4).
    public var samples: Int
    /// Whether the greedy (per-user argmax) decision vector is also tried, as outcome 0.
    public var includeGreedy: Bool

    /// Creates a solver.
    public init(samples: Int = 8, includeGreedy: Bool = true) {
        precondition(samples >= 0 && (samples > 0 || includeGreedy), "need at least one decision vector per instance")
        self.samples = samples
        self.includeGreedy = includeGreedy
    }

    /// Solves same-scale instances with one forward pass.
    public func solve(_ models: [LAENetModel], policy: GRLOPolicy, using rng: inout RandomSource) -> [DiffusionSolution] {
        guard !models.isEmpty else { return [] }
        let graph = InstanceBatch(models.map(LAENetFeatures.init))
        let problems = models.map(\.problem)
        let logp = Tensor.withoutGrad { policy.logProbabilities(graph, problems: problems) }.scalars
        let users = graph.userCount, stride = users * (graph.slotCount + 1)
        return models.enumerated().map { i, m in
            let row = logp[(i * stride)..<((i + 1) * stride)]
            var candidates: [[Int]] = includeGreedy ? [GRLOPolicy.greedyClasses(row, users: users)] : []
            for _ in 0..<samples { candidates.append(GRLOPolicy.sampleClasses(row, users: users, using: &rng)) }
            let outcomes = candidates.map { classes -> SampleOutcome in
                let d = GRLOPolicy.decisions(classes, in: m.problem)
                let direct = m.problem.score(d)
                return SampleOutcome(decoded: .init(decisions: d, repairs: Array(repeating: nil, count: users)),
                                     result: direct ?? m.problem.repair(d), decodedFeasible: direct != nil)
            }
            return DiffusionSolution(model: m, samples: outcomes)
        }
    }
}
