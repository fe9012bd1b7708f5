import LabCore

/// The certified optimum: exhaustive enumeration where small, branch-and-bound where large.
///
/// Branch-and-bound starts from a strong incumbent (``MCMFSolver`` followed by single-user local
/// search) and prunes with the marginal-cost bound of ``BranchAndBound``. When the node or time
/// limit stops it, the status is `best-known` with a proven lower bound (the smallest bound of
/// every unexplored subtree) and the gap.
public struct ExactSolver: OffloadSolver {
    /// How to search.
    public enum Mode: String, Sendable, Hashable {
        /// Exhaustive when the search space is at most ``ExactSolver/exhaustiveLimit``, else branch-and-bound.
        case automatic
        /// Enumerate every decision vector (no pruning, no incumbent).
        case exhaustive
        /// Always branch-and-bound.
        case branchAndBound
    }

    /// `exact`.
    public let name = "exact"
    /// Search mode.
    public var mode: Mode
    /// Largest search space enumerated exhaustively in automatic mode.
    public var exhaustiveLimit: Int
    /// Nodes after which the search stops with `best-known`.
    public var nodeLimit: Int
    /// Seconds after which the search stops with `best-known` (nil: no time limit, fully deterministic).
    public var timeLimit: Double?

    /// Creates the solver.
    public init(mode: Mode = .automatic, exhaustiveLimit: Int = 20_000, nodeLimit: Int = 50_000_000, timeLimit: Double? = nil) {
        self.mode = mode
        self.exhaustiveLimit = exhaustiveLimit
        self.nodeLimit = nodeLimit
        self.timeLimit = timeLimit
    }

    /// Finds a certified optimum (or best-known with a lower bound when a limit stops the search).
    public func solve(_ problem: OffloadProblem, seed: UInt64) -> SolverResult {
        let exhaustive = mode == .exhaustive || (mode == .automatic && problem.searchSpaceSize <= exhaustiveLimit)
        let engine = BranchAndBound(problem: problem, prune: !exhaustive, nodeLimit: nodeLimit, timeLimit: timeLimit)
        if !exhaustive {
            let start = MCMFSolver().solve(problem, seed: seed)
            if let d = start.decisions, let s = problem.score(d) {
                let better = problem.improve(s)
                engine.offer(global(better.decisions, engine), cost: better.cost)
            }
        }
        engine.search()
        let decisions = engine.incumbent.map { local(decisions: $0, engine) }
        let scored = decisions.flatMap { problem.score($0) }
        if engine.stopped {
            let lb = min(engine.openBound, scored?.cost ?? .infinity)
            return SolverResult(scored, status: scored == nil ? .infeasible : .bestKnown, lowerBound: lb, nodes: engine.nodes)
        }
        return SolverResult(scored, status: scored == nil ? .infeasible : .optimal, lowerBound: scored?.cost, nodes: engine.nodes)
    }

    private func global(_ decisions: [Int], _ e: BranchAndBound) -> [Int] {
        decisions.enumerated().map { u, d in d < 0 ? -1 : e.optStart[u] + d }
    }

    private func local(decisions: [Int], _ e: BranchAndBound) -> [Int] {
        decisions.enumerated().map { u, d in d < 0 ? -1 : d - e.optStart[u] }
    }
}
