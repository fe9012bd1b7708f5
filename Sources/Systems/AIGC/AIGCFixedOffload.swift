import Foundation

/// The continuous part of P1 for a fixed binary offloading vector, solved exactly (docs/aigc.md §B.5).
///
/// Local users are independent (``AIGCUserModel`` closed form). Edge users share `S_tot` (C5):
/// the constraint is dualised with the edge-step price `μ ≥ 0`, each user's best step count
/// `z_n(μ)` is non-increasing in `μ`, and `μ` is bisected until `Σ z_n(μ) ≤ S_tot`, with
/// complementary slackness `μ·(Σ z_n − S_tot) = 0` (μ = 0 when capacity is slack).
/// ``integerPlan(_:)`` then makes the steps whole (§B.4 step 6).
struct AIGCFixedOffload: Sendable {
    let drop: AIGCDrop
    let users: [AIGCUserModel]

    init(_ drop: AIGCDrop) {
        self.drop = drop
        self.users = drop.users.map { AIGCUserModel(drop.parameters, $0) }
    }

    /// A continuous or integral plan: decision, its objective and the edge price.
    struct Plan: Sendable {
        var decision: AIGCDecision
        var objective: Double
        var price: Double
    }

    /// Why a fixed offloading vector has no feasible plan.
    enum Failure: Error, Sendable, Hashable {
        /// The user can run in neither the mode it was given.
        case modeInfeasible(user: Int, offloaded: Bool)
        /// `(#offloaded)·S_min > S_tot`.
        case capacity
        /// No whole step count fits the user's bounds.
        case noInteger(user: Int)
    }

    /// Edge steps `z_n(μ)` for the offloaded users `edge`.
    func edgeDemand(_ edge: [Int], price mu: Double) -> Double {
        edge.reduce(0) { $0 + users[$1].edgeSteps(price: mu) }
    }

    /// Bisects the smallest price `μ ≥ 0` with `Σ_{n∈edge} z_n(μ) ≤ S_tot` (returns its feasible end).
    func price(for edge: [Int]) -> Double {
        let cap = drop.parameters.edgeCapacity
        if edgeDemand(edge, price: 0) <= cap { return 0 }
        var lo = 0.0
        var hi = edge.map { users[$0].saturationPrice }.max() ?? 0
        for _ in 0..<200 where hi - lo > 1e-14 * max(1, hi) {
            let mid = 0.5 * (lo + hi)
            if edgeDemand(edge, price: mid) > cap { lo = mid } else { hi = mid }
        }
        return hi
    }

    /// The exact continuous optimum for `offload`, or why there is none.
    func continuousPlan(_ offload: [Bool]) -> Result<Plan, Failure> {
        let p = drop.parameters
        var decision = AIGCDecision(count: users.count)
        decision.offload = offload
        var edge: [Int] = []
        var objective = 0.0
        for (n, m) in users.enumerated() {
            if offload[n] {
                guard m.edgeFeasible else { return .failure(.modeInfeasible(user: n, offloaded: true)) }
                edge.append(n)
            } else {
                guard let plan = m.local else { return .failure(.modeInfeasible(user: n, offloaded: false)) }
                decision.localSteps[n] = plan.steps
                decision.localTime[n] = plan.time
                objective += plan.cost
            }
        }
        guard Double(edge.count) * p.minSteps <= p.edgeCapacity * (1 + 1e-12) else { return .failure(.capacity) }
        let mu = price(for: edge)
        for n in edge {
            let z = users[n].edgeSteps(price: mu)
            decision.edgeSteps[n] = z
            objective += users[n].edgeCost(z)
        }
        return .success(Plan(decision: decision, objective: objective, price: mu))
    }

    /// Whole step counts from a continuous plan (docs/aigc.md §B.4 step 6).
    ///
    /// Local users take the cheaper feasible of `⌊s⌋`, `⌈s⌉` and recompute `t`. Edge users start
    /// at their lower candidate and, since each round-up spends exactly one unit of `S_tot`, the
    /// round-ups are granted greedily by cost saving while capacity lasts — the best floor/ceil
    /// combination under C5.
    func integerPlan(_ plan: Plan) -> Result<Plan, Failure> {
        let p = drop.parameters
        var d = plan.decision
        var objective = 0.0
        var used = 0.0
        var upgrades: [(gain: Double, user: Int)] = []
        for (n, m) in users.enumerated() {
            if d.offload[n] {
                let lowest = ceil(p.minSteps - 1e-9), highest = floor(m.edgeMaxSteps + 1e-9)
                let z = d.edgeSteps[n]
                let down = min(max(floor(z), lowest), highest), up = min(max(ceil(z), lowest), highest)
                guard down >= lowest, down <= highest else { return .failure(.noInteger(user: n)) }
                d.edgeSteps[n] = down
                used += down
                objective += m.edgeCost(down)
                if up > down {
                    let gain = m.edgeCost(down) - m.edgeCost(up)
                    if gain > 0 { upgrades.append((gain, n)) }
                }
            } else {
                let lowest = ceil(p.minSteps - 1e-9), highest = floor(m.localMaxSteps + 1e-9)
                let s = d.localSteps[n]
                let candidates = Set([floor(s), ceil(s)].map { min(max($0, lowest), highest) })
                    .filter { $0 >= lowest && $0 <= highest && m.localTime($0) != nil }
                guard let best = candidates.min(by: { (m.localCost($0), $0) < (m.localCost($1), $1) }),
                      let t = m.localTime(best)
                else { return .failure(.noInteger(user: n)) }
                d.localSteps[n] = best
                d.localTime[n] = t
                objective += m.localCost(best)
            }
        }
        guard used <= p.edgeCapacity + 1e-9 else { return .failure(.capacity) }
        for (gain, n) in upgrades.sorted(by: { ($0.gain, -$0.user) > ($1.gain, -$1.user) }) where used + 1 <= p.edgeCapacity + 1e-9 {
            d.edgeSteps[n] += 1
            used += 1
            objective -= gain
        }
        return .success(Plan(decision: d, objective: objective, price: plan.price))
    }

    /// Continuous solve followed by integer rounding.
    func solve(_ offload: [Bool]) -> Result<Plan, Failure> {
        continuousPlan(offload).flatMap(integerPlan)
    }

    /// A best-effort decision for an infeasible offloading vector, for reporting: every user at
    /// `S_min` steps, local users at their maximum frequency. The evaluator then names what fails.
    func fallbackDecision(_ offload: [Bool]) -> AIGCDecision {
        let p = drop.parameters
        var d = AIGCDecision(count: users.count)
        d.offload = offload
        for (n, m) in users.enumerated() {
            let s = ceil(p.minSteps - 1e-9)
            if offload[n] {
                d.edgeSteps[n] = s
            } else {
                d.localSteps[n] = s
                d.localTime[n] = m.localTime(s) ?? p.cyclesPerStep * s / m.user.maxFrequency
            }
        }
        return d
    }
}
