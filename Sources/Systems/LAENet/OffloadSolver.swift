/// The interface every offloading method implements, and its result.
///
/// A solver maps an ``OffloadProblem`` and a seed to decisions scored with optimal shares
/// (unless the method says otherwise, e.g. ``RandomSolver``'s random shares). The same problem
/// and seed always give the same result.
public protocol OffloadSolver: Sendable {
    /// The method's command-line name (`exact`, `mcmf`, `random`, `ao`, `local`).
    var name: String { get }
    /// Solves `problem`; `seed` drives any randomness.
    func solve(_ problem: OffloadProblem, seed: UInt64) -> SolverResult
}

/// What a solver returns: decisions, shares, cost, status, and named variants.
public struct SolverResult: Sendable, Hashable {
    /// How much the cost is worth.
    public enum Status: String, Sendable, Hashable {
        /// A certified optimum (exhaustive, or branch-and-bound that closed every node).
        case optimal
        /// The best solution found before a node or time limit; see ``SolverResult/lowerBound``.
        case bestKnown = "best-known"
        /// A heuristic solution, no certificate.
        case heuristic
        /// No feasible solution exists (exact) or none was found (heuristics).
        case infeasible
    }

    /// Per user: -1 local, else an option index; nil when nothing feasible was found.
    public var decisions: [Int]?
    /// Per user: the capacity share (nil where local).
    public var shares: [Double?]
    /// Objective value (`+∞` when nothing feasible was found).
    public var cost: Double
    /// Status of the cost.
    public var status: Status
    /// A proven lower bound on the optimum (exact solver only).
    public var lowerBound: Double?
    /// Search nodes visited (exact solver) or candidates scored (heuristics).
    public var nodes: Int
    /// Named alternative results of the same run, e.g. `single-pass` for AO, `optimal-shares` for random.
    public var variants: [String: OffloadProblem.Scored]

    /// Relative gap `(cost - lowerBound) / cost`, when both are known.
    public var gap: Double? {
        guard let lowerBound, cost.isFinite, cost > 0 else { return nil }
        return max(0, (cost - lowerBound) / cost)
    }

    /// A result from a scored decision vector.
    public init(_ scored: OffloadProblem.Scored?, status: Status, lowerBound: Double? = nil, nodes: Int,
                variants: [String: OffloadProblem.Scored] = [:]) {
        decisions = scored?.decisions
        shares = scored?.shares ?? []
        cost = scored?.cost ?? .infinity
        self.status = scored == nil && status != .infeasible ? .infeasible : status
        self.lowerBound = lowerBound
        self.nodes = nodes
        self.variants = variants
    }
}

/// The named methods of the command line and the notebooks.
public enum SolverMethod: String, Sendable, Hashable, CaseIterable {
    /// ``ExactSolver``: certified optimum.
    case exact
    /// ``MCMFSolver``: GDSG's label heuristic on feasible options.
    case mcmf
    /// ``RandomSolver``: the paper's RE baseline.
    case random
    /// ``AlternatingSolver``: alternating optimisation.
    case ao
    /// ``LocalSolver``: everyone local where allowed.
    case local

    /// The solver with default settings.
    public var solver: any OffloadSolver {
        switch self {
        case .exact: return ExactSolver()
        case .mcmf: return MCMFSolver()
        case .random: return RandomSolver()
        case .ao: return AlternatingSolver()
        case .local: return LocalSolver()
        }
    }
}
