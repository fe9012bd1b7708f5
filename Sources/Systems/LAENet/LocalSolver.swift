/// The sanity floor: everyone local where allowed; a deadline-forced user takes its cheapest
/// feasible option at full capacity (`fixed + exe`), then optimal shares (repaired if needed).
public struct LocalSolver: OffloadSolver {
    /// `local`.
    public let name = "local"

    /// Creates the solver.
    public init() {}

    /// Everyone local where allowed; forced users on their cheapest option, optimal shares.
    public func solve(_ problem: OffloadProblem, seed: UInt64) -> SolverResult {
        var decisions: [Int] = []
        for u in 0..<problem.userCount {
            if problem.localCost[u] != nil { decisions.append(-1); continue }
            let opts = problem.options[u]
            guard let k = opts.indices.min(by: { (opts[$0].fixed + opts[$0].exe, $0) < (opts[$1].fixed + opts[$1].exe, $1) }) else {
                return SolverResult(nil, status: .infeasible, nodes: 0)
            }
            decisions.append(k)
        }
        return SolverResult(problem.score(decisions) ?? problem.repair(decisions), status: .heuristic, nodes: 1)
    }
}
