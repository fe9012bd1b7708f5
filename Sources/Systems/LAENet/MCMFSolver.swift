import LabCore

/// GDSG's label heuristic ("MCMF", docs/gadsg.md §2.1), adapted to the feasible options of each user.
///
/// A base share vector over every (user, option) candidate of each server, then
/// ``perturbations`` perturbed copies of it; for each vector every user independently takes its
/// cheapest option (`local`, or `fixed + exe / w` on an option) — this is what GDSG's min-cost
/// flow computes, because its servers are uncapacitated — and the decisions are scored
/// (``Scoring``). The best of the `1 + perturbations` candidates is kept.
public struct MCMFSolver: OffloadSolver {
    /// How the chosen decisions of one weight vector are scored.
    public enum Scoring: String, Sendable, Hashable {
        /// Optimal (water-filled) shares; infeasible candidates are repaired greedily.
        case optimalShares
        /// GDSG's rule: each chosen option's weight rescaled so a server's chosen weights sum to 1.
        case rescaledWeights
    }

    /// `mcmf`.
    public let name = "mcmf"
    /// Number of perturbed copies of the base vector (GDSG: 60).
    public var perturbations: Int
    /// Scoring of each candidate.
    public var scoring: Scoring
    /// GDSG truncates arc costs to ⌊1000·J⌋ in its flow solve; `true` copies that in the argmin.
    public var truncateCosts: Bool
    /// Base weight per user and option before flooring and slack (default: μ, the "μ-seeded" vector).
    public var baseWeights: (@Sendable (OffloadProblem) -> [[Double]])?

    /// Creates the solver.
    public init(perturbations: Int = 60, scoring: Scoring = .optimalShares, truncateCosts: Bool = false,
                baseWeights: (@Sendable (OffloadProblem) -> [[Double]])? = nil) {
        self.perturbations = perturbations
        self.scoring = scoring
        self.truncateCosts = truncateCosts
        self.baseWeights = baseWeights
    }

    /// The base vector: weights floored at 1e-5, then each server's slack `(1 - Σ)/n` added to
    /// its n candidates when the weights sum below 1.
    public static func baseVector(_ problem: OffloadProblem, weights: [[Double]]) -> [[Double]] {
        var w = weights.map { $0.map { max($0, 1e-5) } }
        var sum = Array(repeating: 0.0, count: problem.serverCount)
        var n = Array(repeating: 0, count: problem.serverCount)
        for u in 0..<problem.userCount {
            for (k, o) in problem.options[u].enumerated() { sum[o.server] += w[u][k]; n[o.server] += 1 }
        }
        for u in 0..<problem.userCount {
            for (k, o) in problem.options[u].enumerated() where sum[o.server] < 1 { w[u][k] += (1 - sum[o.server]) / Double(n[o.server]) }
        }
        return w
    }

    /// One perturbed copy: per server with ≥ 2 candidates, one candidate c moves by
    /// δ ~ U(−w_c + 0.05, Σ others) and the others absorb −δ in proportion; single-candidate
    /// servers get weight 1; everything floored at 1e-5.
    public static func perturbed(_ problem: OffloadProblem, base: [[Double]], rng: inout RandomSource) -> [[Double]] {
        var w = base
        var slots = Array(repeating: [(Int, Int)](), count: problem.serverCount)
        for u in 0..<problem.userCount { for (k, o) in problem.options[u].enumerated() { slots[o.server].append((u, k)) } }
        for list in slots where !list.isEmpty {
            if list.count == 1 { w[list[0].0][list[0].1] = 1; continue }
            let c = rng.int(below: list.count)
            let wc = base[list[c].0][list[c].1]
            var others = 0.0
            for (i, (u, k)) in list.enumerated() where i != c { others += base[u][k] }
            let delta = rng.uniform(-wc + 0.05, others)
            w[list[c].0][list[c].1] = wc + delta
            for (i, (u, k)) in list.enumerated() where i != c && others > 0 { w[u][k] = base[u][k] - delta * base[u][k] / others }
        }
        return w.map { $0.map { max($0, 1e-5) } }
    }

    /// Every user's cheapest decision under weights `w`.
    public func choose(_ problem: OffloadProblem, weights w: [[Double]]) -> [Int] {
        func price(_ x: Double) -> Double { truncateCosts ? (1000 * x).rounded(.down) : x }
        return (0..<problem.userCount).map { u in
            var pick = -2
            var cost = Double.infinity
            if let l = problem.localCost[u] { (pick, cost) = (-1, price(l)) }
            for (k, o) in problem.options[u].enumerated() {
                let c = price(o.fixed + o.exe / w[u][k])
                if c < cost || pick == -2 { (pick, cost) = (k, c) }
            }
            return pick
        }
    }

    /// Scores one candidate according to ``scoring``.
    public func score(_ problem: OffloadProblem, decisions: [Int], weights w: [[Double]]) -> OffloadProblem.Scored? {
        guard decisions.allSatisfy({ $0 != -2 }) else { return nil }
        switch scoring {
        case .optimalShares:
            return problem.score(decisions) ?? problem.repair(decisions)
        case .rescaledWeights:
            var total = Array(repeating: 0.0, count: problem.serverCount)
            for u in 0..<problem.userCount where decisions[u] >= 0 { total[problem.options[u][decisions[u]].server] += w[u][decisions[u]] }
            let shares: [Double?] = (0..<problem.userCount).map { u in
                decisions[u] < 0 ? nil : w[u][decisions[u]] / total[problem.options[u][decisions[u]].server]
            }
            return .init(decisions: decisions, shares: shares, cost: problem.cost(decisions, shares: shares))
        }
    }

    /// Scores the base vector and the perturbed copies and keeps the cheapest candidate.
    public func solve(_ problem: OffloadProblem, seed: UInt64) -> SolverResult {
        var rng = RandomSource(seed: seed, stream: "offload/mcmf")
        let raw = baseWeights?(problem) ?? problem.options.map { $0.map(\.minShare) }
        let base = Self.baseVector(problem, weights: raw)
        var best: OffloadProblem.Scored?
        for i in 0...perturbations {
            let w = i == 0 ? base : Self.perturbed(problem, base: base, rng: &rng)
            if let s = score(problem, decisions: choose(problem, weights: w), weights: w), s.cost < (best?.cost ?? .infinity) {
                best = s
            }
        }
        return SolverResult(best, status: .heuristic, nodes: perturbations + 1)
    }
}
