import Foundation

/// How the SCA loop solves each user's P2 subproblem.
public enum AIGCSubproblemSolver: String, Sendable, Hashable, Codable, CaseIterable {
    /// The exact closed form `min{(1−a)L* + a(E*(μ) + π)}` (default; see ``AIGCModule``).
    case closedForm = "closed-form"
    /// The log-barrier interior-point method of docs/aigc.md §B.5 in `(a, s^L, s^E, t)` (about 10³× slower).
    case barrier
}

extension AIGCRelaxation {
    /// Solves P2 with the chosen per-user method.
    func solve(slope: [Double], using method: AIGCSubproblemSolver) -> Point? {
        switch method {
        case .closedForm: solve(slope: slope)
        case .barrier: solveWithBarrier(slope: slope)
        }
    }

    /// P2 with every two-mode user's subproblem solved by ``AIGCBarrierSubproblem``.
    ///
    /// Users with a single feasible mode keep it (their `a` is fixed at 0 or 1). The barrier
    /// makes each user's demand `s^E_n(μ)` continuous in μ, so plain bisection on μ reaches
    /// `Σ s^E = S_tot` when capacity binds (no tie-breaking step is needed).
    func solveWithBarrier(slope: [Double], finalBarrier: Double = 1e8) -> Point? {
        let users = fixed.users
        let p = fixed.drop.parameters
        let n = users.count
        for m in users where !m.edgeFeasible && !m.localFeasible { return nil }
        func state(_ mu: Double) -> (a: [Double], z: [Double], demand: Double, objective: Double) {
            var a = [Double](repeating: 0, count: n), z = [Double](repeating: 0, count: n)
            var demand = 0.0, objective = 0.0
            for (i, m) in users.enumerated() {
                if let r = AIGCBarrierSubproblem(m: m, price: mu, slope: slope[i]).solve(finalBarrier: finalBarrier) {
                    a[i] = r.a
                    z[i] = r.a > 0 ? r.edgeSteps / r.a : 0
                    demand += r.edgeSteps
                    objective += r.objective
                } else if m.edgeFeasible && !m.localFeasible {
                    a[i] = 1
                    z[i] = m.edgeSteps(price: mu)
                    demand += z[i]
                    objective += m.edgeCost(z[i])
                } else if let local = m.local, !m.edgeFeasible || local.cost <= m.edgeCost(m.edgeSteps(price: mu)) + mu * m.edgeSteps(price: mu) + slope[i] {
                    objective += local.cost
                } else {
                    // Both modes feasible but one has an empty interior: take the cheaper mode.
                    a[i] = 1
                    z[i] = m.edgeSteps(price: mu)
                    demand += z[i]
                    objective += m.edgeCost(z[i])
                }
            }
            return (a, z, demand, objective)
        }
        var s = state(0)
        var mu = 0.0
        if s.demand > p.edgeCapacity {
            var lo = 0.0, hi = max(users.map(\.saturationPrice).max() ?? 1, 1e-3)
            var top = state(hi)
            var doublings = 0
            while top.demand > p.edgeCapacity {
                lo = hi
                hi *= 2
                top = state(hi)
                doublings += 1
                if doublings > 60 { return nil }
            }
            for _ in 0..<50 where hi - lo > 1e-12 * max(1, hi) {
                let mid = 0.5 * (lo + hi)
                let t = state(mid)
                if t.demand > p.edgeCapacity { lo = mid } else { hi = mid; top = t }
            }
            mu = hi
            s = top
        }
        return Point(offload: s.a, edgeSteps: s.z, price: mu, objective: s.objective)
    }
}
