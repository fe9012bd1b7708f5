import Foundation
import LabCore

/// A method that chooses offloading, local time and steps for every user of a drop.
///
/// Solvers are deterministic: randomised ones carry their seed. ``solve(_:)`` throws only for
/// unusable input (an invalid drop, an exhaustive search too large); an instance the method
/// cannot solve feasibly is returned as a solution with `feasible == false` and named violations.
public protocol AIGCSolver: Sendable {
    /// Which method this is.
    var method: AIGCMethod { get }
    /// Solves one drop.
    func solve(_ drop: AIGCDrop) throws -> AIGCSolution
}

/// The methods of docs/aigc.md §B.6, with their stable names (CLI, JSON, records).
public enum AIGCMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Algorithm B-1: convex-relaxation start, SCA with penalty, KKT with a bisected price.
    case proposed
    /// Random offloading, random whole steps, maximum frequency; mean over 100 feasible draws.
    case randInit = "rand-init"
    /// Random offloading, then the exact continuous solve; mean over 20 draws.
    case randOffOpt = "rand-off-opt"
    /// Algorithm B-1 started from `a ~ U[0,1]^N` instead of the relaxation.
    case scaRandStart = "sca-rand-start"
    /// Every user local, steps and time optimised.
    case allLocal = "all-local"
    /// Every user offloaded, steps optimised under `S_tot`.
    case allEdge = "all-edge"
    /// All `2^N` offloading vectors, each solved exactly: the global optimum (N ≤ 20).
    case exhaustive

    /// Label for tables and legends.
    public var displayName: String {
        switch self {
        case .proposed: "Proposed (SCA+KKT)"
        case .randInit: "RandInit"
        case .randOffOpt: "RandOff+Opt"
        case .scaRandStart: "SCA-RandStart"
        case .allLocal: "All-Local+Opt"
        case .allEdge: "All-Edge+Opt"
        case .exhaustive: "Exhaustive"
        }
    }

    /// The solver for this method; `seed` drives the randomised ones (each method draws from its
    /// own stream of the seed, so methods never share random numbers).
    public func solver(seed: UInt64 = 0, options: AIGCSCAOptions = .init()) -> any AIGCSolver {
        switch self {
        case .proposed: AIGCProposedSolver(options: options)
        case .scaRandStart: AIGCProposedSolver(options: options, randomStart: seed)
        case .randInit: AIGCRandInitSolver(seed: seed)
        case .randOffOpt: AIGCRandomOffloadSolver(seed: seed)
        case .allLocal: AIGCFixedModeSolver(allEdge: false)
        case .allEdge: AIGCFixedModeSolver(allEdge: true)
        case .exhaustive: AIGCExhaustiveSolver()
        }
    }
}

/// Summary of a randomised baseline's draws.
public struct AIGCSamples: Sendable, Hashable, Codable {
    /// Draws attempted.
    public var draws: Int
    /// Draws that found a feasible point.
    public var feasibleDraws: Int
    /// Mean costs over the feasible draws (nil if none was feasible).
    public var mean: AIGCCosts?
    /// Standard deviation of the objective over the feasible draws.
    public var objectiveStd: Double
}

/// What a solver returns: the decision, its evaluated costs, feasibility and the solver trace.
public struct AIGCSolution: Sendable, Hashable, Codable {
    /// ``AIGCModule/solutionFormat``.
    public var format: String
    /// The method that produced it.
    public var method: AIGCMethod
    /// The decision (for randomised baselines: the first feasible draw).
    public var decision: AIGCDecision
    /// Costs of ``decision`` evaluated on the drop.
    public var costs: AIGCCosts
    /// True when ``decision`` violates nothing (whole steps included).
    public var feasible: Bool
    /// Every violated constraint of ``decision``.
    public var violations: [AIGCViolation]
    /// The final edge-step price `μ` of the continuous solve, when there is one.
    public var edgePrice: Double?
    /// Objective before steps were made whole, when the method has a continuous stage.
    public var continuousObjective: Double?
    /// SCA iterations (iteration 0 is the starting point); empty for non-iterative methods.
    public var history: [AIGCIteration]
    /// Draw statistics of randomised baselines.
    public var samples: AIGCSamples?

    /// Evaluates `decision` on `drop` and records it with the solver's trace.
    public init(method: AIGCMethod, drop: AIGCDrop, decision: AIGCDecision, edgePrice: Double? = nil,
                continuousObjective: Double? = nil, history: [AIGCIteration] = [], samples: AIGCSamples? = nil) {
        let evaluation = AIGCEvaluation(decision, on: drop, integerSteps: true)
        self.format = AIGCModule.solutionFormat
        self.method = method
        self.decision = decision
        self.costs = evaluation.costs
        self.feasible = evaluation.feasible
        self.violations = evaluation.violations
        self.edgePrice = edgePrice
        self.continuousObjective = continuousObjective
        self.history = history
        self.samples = samples
    }

    /// The costs to compare methods by: the mean over draws for randomised baselines, else ``costs``.
    public var reported: AIGCCosts { samples?.mean ?? costs }

    /// True when the reported costs come from feasible points.
    public var reportedFeasible: Bool { samples.map { $0.feasibleDraws > 0 } ?? feasible }

    /// Pretty, key-sorted JSON of this solution.
    public func encoded() throws -> Data {
        try AIGCJSON.encoder().encode(self)
    }
}

extension AIGCDrop {
    /// Validates this drop and solves it with `method` (the notebook's entry point).
    public func solve(method: AIGCMethod, seed: UInt64? = nil, options: AIGCSCAOptions = .init()) throws -> AIGCSolution {
        try validate()
        return try method.solver(seed: seed ?? self.seed ?? 0, options: options).solve(self)
    }
}
