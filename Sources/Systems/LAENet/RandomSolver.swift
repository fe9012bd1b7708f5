import LabCore

/// The paper's RE baseline: the best of ``candidates`` random feasible decision vectors.
///
/// Each user draws uniformly among its allowed decisions (local where allowed, each feasible
/// option); a draw whose minimum shares overflow a server is redrawn. Shares are random:
/// `y = μ + (1 - Σμ) · Dirichlet(1)` over each server's users. The main result is the best
/// candidate under these random shares; the variant `optimal-shares` is the best of the same
/// candidates scored with optimal shares.
public struct RandomSolver: OffloadSolver {
    /// `random`.
    public let name = "random"
    /// Number of candidates (the paper: 8).
    public var candidates: Int
    /// Redraws allowed per candidate before falling back to greedy repair.
    public var maxRedraws: Int

    /// Creates the solver.
    public init(candidates: Int = 8, maxRedraws: Int = 1000) {
        self.candidates = candidates
        self.maxRedraws = maxRedraws
    }

    /// Draws the candidates and keeps the best under random shares (and, as a variant, optimal shares).
    public func solve(_ problem: OffloadProblem, seed: UInt64) -> SolverResult {
        var rng = RandomSource(seed: seed, stream: "offload/random")
        var bestRandom: OffloadProblem.Scored?
        var bestOptimal: OffloadProblem.Scored?
        for _ in 0..<candidates {
            var decisions: [Int] = []
            var optimal: OffloadProblem.Scored?
            for _ in 0..<maxRedraws {
                decisions = (0..<problem.userCount).map { u in
                    let first = problem.localCost[u] == nil ? 0 : -1
                    let n = problem.options[u].count - first
                    return n > 0 ? first + rng.int(below: n) : -2
                }
                if decisions.contains(-2) { return SolverResult(nil, status: .infeasible, nodes: 0) }
                optimal = problem.score(decisions)
                if optimal != nil { break }
            }
            guard let opt = optimal ?? problem.repair(decisions) else { continue }
            decisions = opt.decisions
            var shares = [Double?](repeating: nil, count: problem.userCount)
            for users in problem.members(decisions) where !users.isEmpty {
                let mu = users.map { problem.options[$0][decisions[$0]].minShare }
                let slack = max(0, 1 - mu.reduce(0, +))
                let d = rng.dirichlet(Array(repeating: 1, count: users.count))
                for (i, u) in users.enumerated() { shares[u] = mu[i] + slack * d[i] }
            }
            let random = OffloadProblem.Scored(decisions: decisions, shares: shares, cost: problem.cost(decisions, shares: shares))
            if random.cost < (bestRandom?.cost ?? .infinity) { bestRandom = random }
            if opt.cost < (bestOptimal?.cost ?? .infinity) { bestOptimal = opt }
        }
        return SolverResult(bestRandom, status: .heuristic, nodes: candidates,
                            variants: bestOptimal.map { ["optimal-shares": $0] } ?? [:])
    }
}
