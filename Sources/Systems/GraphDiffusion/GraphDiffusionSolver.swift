import Learning
import Foundation
import LAENet
import LabCore

/// Sampling, decoding and repair to feasible LAENet solutions, best of P (docs/gadsg.md §4.3, §4.4, §8.3).
///
/// For each instance: P parallel samples (one batched sampler call for all instances × P), each
/// decoded with ``OffloadProblem/decodeSlots(bits:shares:threshold:)`` and made jointly feasible
/// by LAENet's ``OffloadProblem/repair(_:)`` (servers with Σμ > 1 shed their largest-μ user to
/// its cheapest alternative, falling back to a search over the deadline-forced users), scored
/// with optimal water-filled shares (§7.9 item 25), optionally improved by single-user local
/// search, and the cheapest sample kept. The continuous half is scored too: each sample's final
/// decisions are also priced with the shares the diffusion generated, repaired only as far as
/// feasibility needs (``OffloadProblem/scoreGenerated(_:generated:)``), and the cheapest sample
/// under that pricing is ``DiffusionSolution/generatedBest``.
///
/// Guarantees, per sample (instances with a jointly feasible decision vector):
/// - the result is feasible per docs/laenet.md §5 (each user local only where λ = 1 or on one link with
///   μ > 0, shares ≥ μ, Σ shares ≤ 1), with the optimal shares of its decisions;
/// - if the decoded decisions are already feasible they are kept unchanged, so repair never
///   makes a feasible decoding worse (local search only ever lowers the cost);
/// - the result is nil only if no feasible decision vector exists at all.
public struct GraphDiffusionSolver: Sendable, Hashable {
    /// The few-step sampler.
    public var sampler: DiffusionSampler
    /// Parallel samples P per instance (docs/gadsg.md §7.9 item 25: 8).
    public var samples: Int
    /// Decoding threshold on the final bit value (docs/gadsg.md §4.3: 0.9; 0.5 is the argmax variant).
    public var threshold: Double
    /// Whether to run first-improvement local search on each repaired sample (off in GDSG).
    public var localSearch: Bool

    /// Creates a solver with the defaults of docs/gadsg.md §8.3.
    public init(sampler: DiffusionSampler = DiffusionSampler(), samples: Int = 8, threshold: Double = 0.9, localSearch: Bool = false) {
        precondition(samples >= 1, "need at least one sample")
        self.sampler = sampler
        self.samples = samples
        self.threshold = threshold
        self.localSearch = localSearch
    }

    /// Solves same-scale instances with one batched sampling run of `models.count · samples` rows.
    public func solve(_ models: [LAENetModel], denoiser: some Denoiser, using rng: inout RandomSource) -> [DiffusionSolution] {
        guard !models.isEmpty else { return [] }
        let graph = InstanceBatch(models.map(LAENetFeatures.init), copies: samples)
        let state = sampler.sample(graph, denoiser: denoiser, using: &rng)
        let bits = state.bits.scalars, shares = state.shares.scalars
        let stride = graph.userCount * graph.slotCount
        return models.enumerated().map { i, model in
            let outcomes = (0..<samples).map { p in
                let lo = (i * samples + p) * stride
                return finish(model.problem, bits: bits[lo..<lo + stride], shares: shares[lo..<lo + stride])
            }
            return DiffusionSolution(model: model, samples: outcomes)
        }
    }

    /// Decodes, repairs, scores (and optionally improves) one sample `[U, S+1]` of one problem.
    public func finish(_ problem: OffloadProblem, bits: ArraySlice<Float>, shares: ArraySlice<Float>) -> SampleOutcome {
        let decoded = problem.decodeSlots(bits: bits, shares: shares, threshold: threshold)
        let asDecoded = problem.score(decoded.decisions)
        var result = asDecoded ?? problem.repair(decoded.decisions)
        if localSearch, let r = result { result = problem.improve(r) }
        let generated = result.flatMap { problem.scoreGenerated($0.decisions, generated: shares) }
        return SampleOutcome(decoded: decoded, result: result, decodedFeasible: asDecoded != nil, generated: generated)
    }
}

/// One sample's path from decoded bits to a scored feasible decision vector.
public struct SampleOutcome: Sendable, Hashable {
    /// The per-user decoding (before the capacity repair).
    public var decoded: OffloadProblem.DecodedSlots
    /// The feasible result with optimal shares; nil only if no feasible decision vector exists.
    public var result: OffloadProblem.Scored?

    /// Whether the decoded decisions were already jointly feasible (no server with Σμ > 1); then
    /// `result` is exactly their optimal-share scoring (before any local search).
    public var decodedFeasible: Bool
    /// `result`'s decisions priced with the sample's own generated shares (minimally repaired);
    /// nil exactly when `result` is.
    public var generated: OffloadProblem.GeneratedScore? = nil
    /// Whether any user's bits were changed by decoding (several servers, infeasible slot, forced).
    public var userRepaired: Bool { decoded.repairs.contains { $0 != nil } }
}

/// The best of P samples of one instance.
public struct DiffusionSolution: Sendable {
    /// Every sample, in order.
    public var samples: [SampleOutcome]
    /// The cheapest feasible sample's decisions, shares and cost (ties: the earliest sample).
    public var best: OffloadProblem.Scored?
    /// `best` in the exchange format (server choice per user, optimal shares).
    public var solution: LAENetSolution?
    /// The cheapest sample priced with its generated shares (ties: the earliest sample).
    public var generatedBest: OffloadProblem.GeneratedScore?

    /// Picks the best sample.
    public init(model: LAENetModel, samples: [SampleOutcome]) {
        self.samples = samples
        var best: OffloadProblem.Scored?
        for s in samples { if let r = s.result, r.cost < best?.cost ?? .infinity { best = r } }
        self.best = best
        solution = best.map(model.solution)
        var generatedBest: OffloadProblem.GeneratedScore?
        for s in samples { if let g = s.generated, g.cost < generatedBest?.cost ?? .infinity { generatedBest = g } }
        self.generatedBest = generatedBest
    }

    /// The objective of the best sample.
    public var cost: Double? { best?.cost }
    /// The objective of the best sample under generated shares (≥ ``cost``: optimal shares are optimal).
    public var generatedCost: Double? { generatedBest?.cost }
}
