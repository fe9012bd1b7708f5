import Foundation

/// The objective and its parts, summed over users (docs/aigc.md §B.3).
///
/// `objective = c1·time + c2·error + c3·energy − utility`, where `utility` already carries the
/// weights w1, w2. Lower is better.
public struct AIGCCosts: Sendable, Hashable, Codable {
    /// `Σ_n [c1·T_n + c2·ε_n + c3·E_n − U_n]`.
    public var objective: Double
    /// `Σ_n T_n`: total completion time in seconds.
    public var time: Double
    /// `Σ_n ε_n`: total generation error.
    public var error: Double
    /// `Σ_n E_n`: total device energy in joules.
    public var energy: Double
    /// `Σ_n U_n`: total weighted step utility.
    public var utility: Double
    /// Number of offloaded users (a mean over draws for randomised baselines).
    public var offloaded: Double
    /// Number of users the sums run over.
    public var users: Int

    /// Creates a cost summary.
    public init(objective: Double, time: Double, error: Double, energy: Double, utility: Double, offloaded: Double, users: Int) {
        self.objective = objective
        self.time = time
        self.error = error
        self.energy = energy
        self.utility = utility
        self.offloaded = offloaded
        self.users = users
    }

    /// Mean completion time per user in seconds (docs/aigc.md §B.8, figure 3a).
    public var meanTime: Double { time / Double(max(users, 1)) }
    /// Mean generation error per user ε̄ (docs/aigc.md §B.8, figure 3b).
    public var meanError: Double { error / Double(max(users, 1)) }

    /// The component-wise mean of several summaries (all over the same number of users).
    public static func mean(_ all: [AIGCCosts]) -> AIGCCosts? {
        guard let first = all.first else { return nil }
        let k = Double(all.count)
        func avg(_ key: KeyPath<AIGCCosts, Double>) -> Double { all.reduce(0) { $0 + $1[keyPath: key] } / k }
        return AIGCCosts(objective: avg(\.objective), time: avg(\.time), error: avg(\.error), energy: avg(\.energy),
                         utility: avg(\.utility), offloaded: avg(\.offloaded), users: first.users)
    }
}

/// The constraints of problem P1 (docs/aigc.md §B.3), as the evaluator names them.
public enum AIGCConstraint: String, Sendable, Hashable, Codable, CaseIterable {
    /// (C1) `T_n ≤ T_max`.
    case deadline = "C1-deadline"
    /// (C2) `E_n ≤ B_n`.
    case battery = "C2-battery"
    /// (C3) `s_n^L ≤ (1 − a_n)·S_L`.
    case localStepLimit = "C3-local-step-limit"
    /// (C4) `s_n^E ≤ a_n·S_E`.
    case edgeStepLimit = "C4-edge-step-limit"
    /// (C5) `Σ_n s_n^E ≤ S_tot`.
    case edgeCapacity = "C5-edge-capacity"
    /// (C6) `c·s_n^L ≤ f_n^max·t_n`.
    case maxFrequency = "C6-max-frequency"
    /// (C7) `s_n^L + s_n^E ≥ S_min`.
    case minSteps = "C7-min-steps"
    /// (C8) `s, t ≥ 0` (and finite).
    case nonNegative = "C8-non-negative"
    /// Step counts must be whole numbers in a final decision (checked only when asked).
    case integerSteps = "integer-steps"
    /// The decision's arrays must have one entry per user.
    case shape = "shape"
}

/// One violated constraint: which, for which user (nil for the coupling C5), and by how much.
public struct AIGCViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The violated constraint.
    public var constraint: AIGCConstraint
    /// The user (0-based) it concerns; nil for constraints over all users.
    public var user: Int?
    /// Left side minus right side (positive), in the constraint's own unit.
    public var excess: Double

    /// Creates a violation record.
    public init(constraint: AIGCConstraint, user: Int?, excess: Double) {
        self.constraint = constraint
        self.user = user
        self.excess = excess
    }

    /// E.g. `C1-deadline violated by user 3 by 0.25`.
    public var description: String {
        let who = user.map { " by user \($0)" } ?? ""
        return "\(constraint.rawValue) violated\(who) by \(excess)"
    }
}

/// Per-user outcome of a decision: the four terms of the objective.
public struct AIGCUserOutcome: Sendable, Hashable, Codable {
    /// `T_n = t_n + a_n·D_n + τ_E·s_n^E` in seconds.
    public var time: Double
    /// `ε_n`: ε_fwd·exp(−C_E·s^E) at the edge, ε_fwd·exp(−C_L·s^L) locally.
    public var error: Double
    /// `E_n = κ·c³·(s^L)³/t² + a_n·e^tx` in joules.
    public var energy: Double
    /// `U_n = w1·ln(1 + s^L) + w2·ln(1 + s^E)`.
    public var utility: Double
    /// `c1·T + c2·ε + c3·E − U`.
    public var cost: Double
}

/// The exact costs of a decision on a drop, and every constraint it violates.
public struct AIGCEvaluation: Sendable, Hashable, Codable {
    /// Summed costs.
    public var costs: AIGCCosts
    /// One outcome per user.
    public var perUser: [AIGCUserOutcome]
    /// Violated constraints, users in order, C5 last; empty when feasible.
    public var violations: [AIGCViolation]

    /// True when no constraint is violated.
    public var feasible: Bool { violations.isEmpty }

    /// Evaluates `decision` on `drop`.
    ///
    /// Constraints are checked with a relative tolerance `tolerance` (so a solver's exact
    /// boundary points pass); `integerSteps` additionally requires whole step counts.
    public init(_ decision: AIGCDecision, on drop: AIGCDrop, integerSteps: Bool = false, tolerance: Double = 1e-9) {
        let p = drop.parameters
        let n = drop.count
        var violations: [AIGCViolation] = []
        guard decision.offload.count == n, decision.localSteps.count == n, decision.edgeSteps.count == n,
              decision.localTime.count == n
        else {
            self.costs = AIGCCosts(objective: .infinity, time: .infinity, error: .infinity, energy: .infinity,
                                   utility: 0, offloaded: 0, users: n)
            self.perUser = []
            self.violations = [AIGCViolation(constraint: .shape, user: nil, excess: Double(abs(decision.count - n)))]
            return
        }
        func check(_ c: AIGCConstraint, _ user: Int?, _ lhs: Double, _ rhs: Double) {
            let slack = tolerance * max(1, abs(rhs))
            if !(lhs <= rhs + slack) { violations.append(AIGCViolation(constraint: c, user: user, excess: lhs - rhs)) }
        }
        var outcomes: [AIGCUserOutcome] = []
        var offloaded = 0.0
        for i in 0..<n {
            let u = drop.users[i]
            let a = decision.offload[i]
            let sL = decision.localSteps[i], sE = decision.edgeSteps[i], t = decision.localTime[i]
            let values = [sL, sE, t]
            if values.contains(where: { !$0.isFinite || $0 < 0 }) {
                violations.append(AIGCViolation(constraint: .nonNegative, user: i, excess: -(values.min() ?? 0)))
            }
            let d = a ? u.offloadLatency(p) : 0
            let tx = a ? u.transmitEnergy(p) : 0
            let c = p.cyclesPerStep
            let localEnergy = sL > 0 ? (t > 0 ? p.capacitance * c * c * c * sL * sL * sL / (t * t) : .infinity) : 0
            let time = t + d + p.edgeStepTime * sE
            let error = a ? p.forwardError * exp(-p.edgeErrorRate * sE) : p.forwardError * exp(-p.localErrorRate * sL)
            let energy = localEnergy + tx
            let utility = p.localUtilityWeight * log1p(max(sL, 0)) + p.edgeUtilityWeight * log1p(max(sE, 0))
            let cost = p.timeWeight * time + p.errorWeight * error + p.energyWeight * energy - utility
            outcomes.append(AIGCUserOutcome(time: time, error: error, energy: energy, utility: utility, cost: cost))
            if a { offloaded += 1 }
            check(.deadline, i, time, p.deadline)
            check(.battery, i, energy, u.battery)
            check(.localStepLimit, i, sL, a ? 0 : p.localStepLimit)
            check(.edgeStepLimit, i, sE, a ? p.edgeStepLimit : 0)
            check(.maxFrequency, i, c * sL, u.maxFrequency * t)
            check(.minSteps, i, p.minSteps, sL + sE)
            if integerSteps, sL.rounded() != sL || sE.rounded() != sE {
                violations.append(AIGCViolation(constraint: .integerSteps, user: i,
                                                excess: max(abs(sL - sL.rounded()), abs(sE - sE.rounded()))))
            }
        }
        check(.edgeCapacity, nil, decision.edgeSteps.reduce(0, +), p.edgeCapacity)
        func total(_ key: KeyPath<AIGCUserOutcome, Double>) -> Double { outcomes.reduce(0) { $0 + $1[keyPath: key] } }
        self.costs = AIGCCosts(objective: total(\.cost), time: total(\.time), error: total(\.error), energy: total(\.energy),
                               utility: total(\.utility), offloaded: offloaded, users: n)
        self.perUser = outcomes
        self.violations = violations
    }
}
