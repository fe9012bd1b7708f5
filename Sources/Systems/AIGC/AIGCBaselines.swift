import Foundation
import LabCore

/// All-Local+Opt and All-Edge+Opt: a fixed offloading vector with the exact continuous solve.
///
/// All-Edge is infeasible when `N·S_min > S_tot` or a user cannot meet the deadline at the edge;
/// the solution then carries the best-effort decision and its named violations.
public struct AIGCFixedModeSolver: AIGCSolver {
    /// True for All-Edge, false for All-Local.
    public var allEdge: Bool

    /// Creates the All-Edge (`true`) or All-Local (`false`) solver.
    public init(allEdge: Bool) { self.allEdge = allEdge }

    /// ``AIGCMethod/allEdge`` or ``AIGCMethod/allLocal``.
    public var method: AIGCMethod { allEdge ? .allEdge : .allLocal }

    /// Solves the continuous problem with every user in one mode.
    public func solve(_ drop: AIGCDrop) throws -> AIGCSolution {
        let fixed = AIGCFixedOffload(drop)
        let offload = Array(repeating: allEdge, count: drop.count)
        switch fixed.continuousPlan(offload) {
        case .success(let continuous):
            if case .success(let plan) = fixed.integerPlan(continuous) {
                return AIGCSolution(method: method, drop: drop, decision: plan.decision, edgePrice: plan.price,
                                    continuousObjective: continuous.objective)
            }
        case .failure: break
        }
        return AIGCSolution(method: method, drop: drop, decision: fixed.fallbackDecision(offload))
    }
}

/// Exhaustive search: every offloading vector, each with the exact continuous solve and the
/// same whole-step rounding the proposed method ends with. The best whole-step objective is the
/// ground truth the proposed method is measured against (docs/aigc.md §B.6 item 5).
public struct AIGCExhaustiveSolver: AIGCSolver {
    /// Largest N accepted (2^20 ≈ 10^6 solves).
    public static let maxUsers = 20

    /// Creates the solver.
    public init() {}

    /// ``AIGCMethod/exhaustive``.
    public var method: AIGCMethod { .exhaustive }

    /// Enumerates all `2^N` vectors; throws `.invalidInput` when N exceeds ``maxUsers``.
    public func solve(_ drop: AIGCDrop) throws -> AIGCSolution {
        let n = drop.count
        guard n <= Self.maxUsers else {
            throw LabError(.invalidInput, "exhaustive search takes at most \(Self.maxUsers) users; this drop has \(n).")
        }
        let fixed = AIGCFixedOffload(drop)
        let p = drop.parameters
        let maxEdge = Int((p.edgeCapacity / p.minSteps * (1 + 1e-12)).rounded(.down))
        var mustEdge = 0, mayEdge = 0
        for (i, m) in fixed.users.enumerated() {
            if !m.localFeasible { mustEdge |= 1 << i }
            if m.edgeFeasible { mayEdge |= 1 << i }
        }
        var best: (objective: Double, plan: AIGCFixedOffload.Plan, continuous: Double)?
        for mask in 0..<(1 << n) {
            guard mask & mustEdge == mustEdge, mask & ~mayEdge == 0, mask.nonzeroBitCount <= maxEdge else { continue }
            let offload = (0..<n).map { mask & (1 << $0) != 0 }
            guard case .success(let continuous) = fixed.continuousPlan(offload),
                  case .success(let plan) = fixed.integerPlan(continuous)
            else { continue }
            if best == nil || plan.objective < best!.objective - 1e-12 {
                best = (plan.objective, plan, continuous.objective)
            }
        }
        guard let best else {
            let offload = fixed.users.map { !$0.localFeasible && $0.edgeFeasible }
            return AIGCSolution(method: method, drop: drop, decision: fixed.fallbackDecision(offload))
        }
        return AIGCSolution(method: method, drop: drop, decision: best.plan.decision, edgePrice: best.plan.price,
                            continuousObjective: best.continuous)
    }
}

/// RandOff+Opt: random `a ~ Bernoulli(0.5)^N` (redrawn, up to 1,000 times, until the fixed-`a`
/// problem is feasible), then the exact continuous solve; reported as the mean over `draws`.
public struct AIGCRandomOffloadSolver: AIGCSolver {
    /// Seed of the draws.
    public var seed: UInt64
    /// Number of draws averaged (docs/aigc.md §B.7: 20).
    public var draws: Int
    /// Redraws allowed per draw.
    public var tries: Int

    /// Creates the solver.
    public init(seed: UInt64, draws: Int = 20, tries: Int = 1000) {
        self.seed = seed
        self.draws = draws
        self.tries = tries
    }

    /// ``AIGCMethod/randOffOpt``.
    public var method: AIGCMethod { .randOffOpt }

    /// Averages `draws` random offloading vectors, each optimised exactly.
    public func solve(_ drop: AIGCDrop) throws -> AIGCSolution {
        let fixed = AIGCFixedOffload(drop)
        var rng = RandomSource(seed: seed, stream: "aigc-rand-off-opt")
        var found: [(AIGCDecision, Double?)] = []
        var lastTried = Array(repeating: false, count: drop.count)
        for _ in 0..<draws {
            for _ in 0..<tries {
                let offload = (0..<drop.count).map { _ in rng.bernoulli(0.5) }
                lastTried = offload
                if case .success(let plan) = fixed.solve(offload) {
                    found.append((plan.decision, plan.price))
                    break
                }
            }
        }
        return AIGCSampling.solution(method: method, drop: drop, draws: draws, found: found,
                                     fallback: fixed.fallbackDecision(lastTried))
    }
}

/// RandInit, the literal reading of the paper's baseline: `a ~ Bernoulli(0.5)`, whole steps
/// uniform on `[S_min, S_max of the mode]`, local time from the maximum frequency; each draw is
/// redrawn (up to 1,000 times) until feasible; reported as the mean over `draws` draws.
public struct AIGCRandInitSolver: AIGCSolver {
    /// Seed of the draws.
    public var seed: UInt64
    /// Number of draws averaged (docs/aigc.md §B.6: 100).
    public var draws: Int
    /// Redraws allowed per draw.
    public var tries: Int

    /// Creates the solver.
    public init(seed: UInt64, draws: Int = 100, tries: Int = 1000) {
        self.seed = seed
        self.draws = draws
        self.tries = tries
    }

    /// ``AIGCMethod/randInit``.
    public var method: AIGCMethod { .randInit }

    /// Averages `draws` feasible random points.
    public func solve(_ drop: AIGCDrop) throws -> AIGCSolution {
        let p = drop.parameters
        var rng = RandomSource(seed: seed, stream: "aigc-rand-init")
        let lowest = Int(ceil(p.minSteps - 1e-9))
        func steps(_ limit: Double) -> Double {
            let highest = Int(floor(limit + 1e-9))
            guard highest >= lowest else { return Double(lowest) }
            return Double(lowest + rng.int(below: highest - lowest + 1))
        }
        var found: [(AIGCDecision, Double?)] = []
        var last = AIGCDecision(count: drop.count)
        for _ in 0..<draws {
            for _ in 0..<tries {
                var d = AIGCDecision(count: drop.count)
                for (i, u) in drop.users.enumerated() {
                    if rng.bernoulli(0.5) {
                        d.offload[i] = true
                        d.edgeSteps[i] = steps(p.edgeStepLimit)
                    } else {
                        d.localSteps[i] = steps(p.localStepLimit)
                        d.localTime[i] = p.cyclesPerStep * d.localSteps[i] / u.maxFrequency
                    }
                }
                last = d
                if AIGCEvaluation(d, on: drop, integerSteps: true).feasible {
                    found.append((d, nil))
                    break
                }
            }
        }
        return AIGCSampling.solution(method: method, drop: drop, draws: draws, found: found, fallback: last)
    }
}

/// Shared bookkeeping of the randomised baselines.
enum AIGCSampling {
    /// A solution whose decision is the first feasible draw and whose samples average all of them.
    static func solution(method: AIGCMethod, drop: AIGCDrop, draws: Int, found: [(AIGCDecision, Double?)],
                         fallback: AIGCDecision) -> AIGCSolution {
        let costs = found.map { AIGCEvaluation($0.0, on: drop).costs }
        let mean = AIGCCosts.mean(costs)
        var std = 0.0
        if let mean, costs.count > 1 {
            std = (costs.reduce(0) { $0 + ($1.objective - mean.objective) * ($1.objective - mean.objective) }
                / Double(costs.count - 1)).squareRoot()
        }
        let samples = AIGCSamples(draws: draws, feasibleDraws: found.count, mean: mean, objectiveStd: std)
        let first = found.first
        return AIGCSolution(method: method, drop: drop, decision: first?.0 ?? fallback, edgePrice: first?.1, samples: samples)
    }
}
