/// Alternating optimisation (the paper's AO baseline): fix shares, choose decisions, re-solve shares.
///
/// Pass 1 fixes the μ-seeded base shares of ``MCMFSolver/baseVector(_:weights:)``. In every pass
/// users in order of decreasing local cost (deadline-forced users first) greedily take their
/// cheapest decision `fixed + exe / w` among options whose server still has room for their
/// minimum share; then the shares are solved exactly for those decisions. The next pass fixes,
/// for every option, the share its user would get by joining that server's current set
/// (water-filled). Passes repeat until the decisions repeat (a fixed point) or ``maxPasses``.
/// The main result is the best pass ("converged"); the variant `single-pass` is pass 1.
public struct AlternatingSolver: OffloadSolver {
    /// `ao`.
    public let name = "ao"
    /// Upper limit on passes.
    public var maxPasses: Int

    /// Creates the solver.
    public init(maxPasses: Int = 100) { self.maxPasses = maxPasses }

    /// Runs passes until a fixed point; returns the best pass with `single-pass` as a variant.
    public func solve(_ problem: OffloadProblem, seed: UInt64) -> SolverResult {
        let order = (0..<problem.userCount).sorted { a, b in
            let la = problem.localCost[a] ?? .infinity, lb = problem.localCost[b] ?? .infinity
            return la != lb ? la > lb : a < b
        }
        var weights = MCMFSolver.baseVector(problem, weights: problem.options.map { $0.map(\.minShare) })
        var seen: Set<[Int]> = []
        var first: OffloadProblem.Scored?
        var best: OffloadProblem.Scored?
        var passes = 0
        while passes < maxPasses {
            passes += 1
            var room = Array(repeating: 1.0, count: problem.serverCount)
            var decisions = Array(repeating: -2, count: problem.userCount)
            for u in order {
                var cost = problem.localCost[u] ?? .infinity
                if problem.localCost[u] != nil { decisions[u] = -1 }
                for (k, o) in problem.options[u].enumerated() where o.minShare <= room[o.server] {
                    let c = o.fixed + o.exe / weights[u][k]
                    if c < cost || decisions[u] == -2 { (decisions[u], cost) = (k, c) }
                }
                if decisions[u] == -2, let k = problem.options[u].indices.min(by: {
                    problem.options[u][$0].fixed + problem.options[u][$0].exe / weights[u][$0] < problem.options[u][$1].fixed + problem.options[u][$1].exe / weights[u][$1]
                }) {
                    decisions[u] = k  // no server has room: take the cheapest and let the repair move users
                }
                if decisions[u] >= 0 { room[problem.options[u][decisions[u]].server] -= problem.options[u][decisions[u]].minShare }
            }
            guard !decisions.contains(-2), let scored = problem.score(decisions) ?? problem.repair(decisions) else { break }
            if first == nil { first = scored }
            if scored.cost < (best?.cost ?? .infinity) { best = scored }
            guard seen.insert(scored.decisions).inserted else { break }
            weights = joiningShares(problem, scored)
        }
        return SolverResult(best, status: .heuristic, nodes: passes, variants: first.map { ["single-pass": $0] } ?? [:])
    }

    /// For every option, the optimal share its user gets on that server together with the
    /// server's current users (its own share where it already is there); 1e-5 where infeasible.
    func joiningShares(_ problem: OffloadProblem, _ current: OffloadProblem.Scored) -> [[Double]] {
        let members = problem.members(current.decisions)
        return (0..<problem.userCount).map { u in
            problem.options[u].enumerated().map { k, o in
                if current.decisions[u] == k { return current.shares[u] ?? 1e-5 }
                let set = members[o.server].map { problem.options[$0][current.decisions[$0]] } + [o]
                return WaterFilling.shares(exe: set.map(\.exe), minShares: set.map(\.minShare))?.last ?? 1e-5
            }
        }
    }
}
