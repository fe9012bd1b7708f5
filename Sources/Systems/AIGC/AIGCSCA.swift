import Foundation
import LabCore

/// Settings of Algorithm B-1 (docs/aigc.md §B.4), with its defaults.
public struct AIGCSCAOptions: Sendable, Hashable, Codable {
    /// `τ_0`: initial penalty weight.
    public var initialPenalty = 0.05
    /// Factor τ grows by each iteration.
    public var penaltyGrowth = 1.3
    /// Cap on τ.
    public var maxPenalty = 100.0
    /// Iteration limit.
    public var maxIterations = 80
    /// Stop when `max_n |a^(k+1) − a^(k)|` is below this…
    public var stepTolerance = 1e-4
    /// …and `Σ a(1−a)` is below this.
    public var integralityTolerance = 1e-3
    /// How each user's P2 subproblem is solved: the exact closed form (default) or the barrier method of docs/aigc.md §B.5.
    public var subproblem: AIGCSubproblemSolver = .closedForm

    /// The settings of docs/aigc.md §B.4.
    public init() {}
}

/// One SCA iteration, for the convergence figure (docs/aigc.md §B.8 figure 2).
public struct AIGCIteration: Sendable, Hashable, Codable {
    /// 0 for the starting point, then 1, 2, …
    public var iteration: Int
    /// Penalty weight τ_k used to compute this iterate (0 for the start).
    public var penalty: Double
    /// Edge-step price μ of this iterate's P2 solve (nil for a random starting point).
    public var price: Double?
    /// Relaxed P1 objective `Σ (1−a)·L* + a·E(z)` (perspective form, no penalty; nil for a random start).
    public var objective: Double?
    /// `objective + τ_k·Σ a(1−a)` (nil for a random start).
    public var penalizedObjective: Double?
    /// `Σ_n a_n(1 − a_n)`.
    public var integralityGap: Double
    /// `a_n` per user.
    public var offload: [Double]
}

/// The proposed method, Algorithm B-1 (or SCA-RandStart with a random starting point).
///
/// 1. Start from the convex relaxation (P2 with τ = 0) or from `a ~ U[0,1]^N`.
/// 2. Iterate P2(a^(k), τ_k) with the first-order Taylor bound of `a(1−a)` (see ``AIGCRelaxation``),
///    τ_{k+1} = min(1.3·τ_k, 100), until `a` stops moving and is nearly binary.
/// 3. Round `a` at ½; if the rounded vector violates C5 (too many users at `S_min`), round the
///    fractional users down instead.
/// 4. Re-solve the continuous problem for the fixed `a` exactly, then make steps whole.
public struct AIGCProposedSolver: AIGCSolver {
    /// SCA settings.
    public var options: AIGCSCAOptions
    /// Seed of the random start; nil for the relaxation start (the proposed method).
    public var randomStart: UInt64?

    /// Creates the solver; pass `randomStart` for SCA-RandStart.
    public init(options: AIGCSCAOptions = .init(), randomStart: UInt64? = nil) {
        self.options = options
        self.randomStart = randomStart
    }

    /// ``AIGCMethod/proposed`` or ``AIGCMethod/scaRandStart``.
    public var method: AIGCMethod { randomStart == nil ? .proposed : .scaRandStart }

    /// Runs Algorithm B-1 on `drop`.
    public func solve(_ drop: AIGCDrop) throws -> AIGCSolution {
        let fixed = AIGCFixedOffload(drop)
        let relaxation = AIGCRelaxation(fixed: fixed)
        let n = drop.count
        var history: [AIGCIteration] = []
        var a: [Double]
        if let seed = randomStart {
            var rng = RandomSource(seed: seed, stream: "aigc-sca-rand-start")
            a = (0..<n).map { _ in rng.nextDouble() }
            history.append(AIGCIteration(iteration: 0, penalty: 0, price: nil, objective: nil, penalizedObjective: nil,
                                         integralityGap: a.reduce(0) { $0 + $1 * (1 - $1) }, offload: a))
        } else {
            guard let start = relaxation.solve(slope: Array(repeating: 0, count: n), using: options.subproblem) else {
                return infeasible(drop, fixed, history: [])
            }
            a = start.offload
            history.append(AIGCIteration(iteration: 0, penalty: 0, price: start.price, objective: start.objective,
                                         penalizedObjective: start.objective, integralityGap: start.integralityGap,
                                         offload: a))
        }
        var tau = options.initialPenalty
        for k in 1...max(options.maxIterations, 1) {
            let slope = a.map { tau * AIGCPenalty.slope(at: $0) }
            guard let next = relaxation.solve(slope: slope, using: options.subproblem) else { return infeasible(drop, fixed, history: history) }
            let step = zip(next.offload, a).reduce(0) { max($0, abs($1.0 - $1.1)) }
            let gap = next.integralityGap
            history.append(AIGCIteration(iteration: k, penalty: tau, price: next.price, objective: next.objective,
                                         penalizedObjective: next.objective + tau * gap, integralityGap: gap,
                                         offload: next.offload))
            a = next.offload
            tau = min(options.penaltyGrowth * tau, options.maxPenalty)
            if step < options.stepTolerance && gap < options.integralityTolerance { break }
        }
        var rounded = a.map { $0 >= 0.5 }
        var outcome = fixed.solve(rounded)
        if case .failure = outcome {
            rounded = a.map { $0 >= 1 - options.integralityTolerance }
            outcome = fixed.solve(rounded)
        }
        switch outcome {
        case .success(let plan):
            let continuous = fixed.continuousPlan(rounded)
            let continuousObjective = (try? continuous.get())?.objective
            return AIGCSolution(method: method, drop: drop, decision: plan.decision, edgePrice: plan.price,
                                continuousObjective: continuousObjective, history: history)
        case .failure:
            return AIGCSolution(method: method, drop: drop, decision: fixed.fallbackDecision(rounded), history: history)
        }
    }

    private func infeasible(_ drop: AIGCDrop, _ fixed: AIGCFixedOffload, history: [AIGCIteration]) -> AIGCSolution {
        let offload = fixed.users.map { !$0.localFeasible && $0.edgeFeasible }
        return AIGCSolution(method: method, drop: drop, decision: fixed.fallbackDecision(offload), history: history)
    }
}
