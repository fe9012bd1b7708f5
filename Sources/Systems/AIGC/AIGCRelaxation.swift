import Foundation

/// Problem P2 for one SCA step: the perspective relaxation plus the linearised penalty, solved
/// by dualising the edge capacity with a bisected price (docs/aigc.md §B.4–§B.5).
///
/// **Why no barrier solver (deviation from §B.5).** Every term and constraint of the perspective
/// form is positively homogeneous in `(y, s, t)` with `y = 1 − a` for the local part and `y = a`
/// for the edge part: substituting `s^L = (1−a)·x`, `t = (1−a)·τ`, `s^E = a·z` turns the user's
/// P2 objective into `(1−a)·L(x, τ) + a·(E(z) + μ·z) + π·a`, where `L` and `E` are the
/// binary-mode costs with the mode's own constraints and `π = τ_k·(1 − 2a^(k))` is the penalty
/// slope. Minimising over `(x, τ, z)` first gives `(1−a)·L* + a·(E*(μ) + π)`, linear in `a`.
/// So the per-user 4-variable convex problem has the closed-form solution `a = 1` if
/// `E*(μ) + π < L*`, `a = 0` if greater, and any `a` on a tie, with the mode optima from
/// ``AIGCUserModel``. This is exactly the KKT point a barrier method would approach, without its
/// tolerance; the test suite checks the decomposition against a brute-force search over the
/// perspective variables for fractional `a`.
///
/// **Price.** Each user's demand `a_n(μ)·z_n(μ)` is non-increasing in `μ`, so the total is
/// bisected to the smallest `μ` with demand ≤ `S_tot`. At that price the users that switch to
/// local between the bracket ends are indifferent; they share the leftover capacity with equal
/// fractional `a` so that `Σ a_n·z_n = S_tot` (complementary slackness with `μ > 0`).
struct AIGCRelaxation: Sendable {
    let fixed: AIGCFixedOffload

    /// A solution of P2: fractional offloading, the mode optima it mixes, the price and objective.
    struct Point: Sendable {
        /// `a_n ∈ [0, 1]`.
        var offload: [Double]
        /// `z_n`: edge steps per unit of `a` (the edge-mode optimum at the price).
        var edgeSteps: [Double]
        /// The edge-step price `μ`.
        var price: Double
        /// The relaxed P1 objective `Σ (1−a)·L* + a·E(z)` (no penalty, no price).
        var objective: Double

        /// `Σ a(1−a)`: zero exactly when `a` is binary.
        var integralityGap: Double { offload.reduce(0) { $0 + $1 * (1 - $1) } }
    }

    /// The local-mode optimum cost per user (+∞ when infeasible).
    var localCosts: [Double] { fixed.users.map { $0.local?.cost ?? .infinity } }

    /// Solves P2 with per-user penalty slopes `slope[n] = τ·(1 − 2a_n^(k))`; nil when infeasible.
    func solve(slope: [Double]) -> Point? {
        let users = fixed.users
        let p = fixed.drop.parameters
        let local = localCosts
        let n = users.count
        // g_n(μ) = E*_n(μ) + π_n − L*_n and the edge steps at μ.
        func state(_ mu: Double) -> (inside: [Bool], z: [Double], demand: Double) {
            var inside = Array(repeating: false, count: n)
            var z = Array(repeating: 0.0, count: n)
            var demand = 0.0
            for i in 0..<n where users[i].edgeFeasible {
                let zi = users[i].edgeSteps(price: mu)
                z[i] = zi
                let g = users[i].edgeCost(zi) + mu * zi + slope[i] - local[i]
                if g < 0 || local[i] == .infinity {
                    inside[i] = true
                    demand += zi
                }
            }
            return (inside, z, demand)
        }
        for i in 0..<n where !users[i].edgeFeasible && local[i] == .infinity { return nil }
        let cap = p.edgeCapacity
        var hiState = state(0)
        var mu = 0.0
        var fractional: [Int] = []
        if hiState.demand > cap {
            // Above this price every user's edge optimum is S_min and no user that can stay local prefers the edge.
            var hi = users.map(\.saturationPrice).max() ?? 0
            for i in 0..<n where users[i].edgeFeasible && local[i] < .infinity {
                hi = max(hi, (local[i] - slope[i] - users[i].edgeCost(p.minSteps)) / p.minSteps)
            }
            hi = hi * 1.01 + 1e-9
            hiState = state(hi)
            guard hiState.demand <= cap * (1 + 1e-12) else { return nil }
            var lo = 0.0
            for _ in 0..<200 where hi - lo > 1e-14 * max(1, hi) {
                let mid = 0.5 * (lo + hi)
                let s = state(mid)
                if s.demand > cap { lo = mid } else { hi = mid; hiState = s }
            }
            mu = hi
            let loState = state(lo)
            fractional = (0..<n).filter { loState.inside[$0] && !hiState.inside[$0] }
        }
        var a = hiState.inside.map { $0 ? 1.0 : 0.0 }
        if !fractional.isEmpty {
            let leftover = max(0, cap - hiState.demand)
            let share = fractional.reduce(0) { $0 + hiState.z[$1] }
            let fraction = min(1, leftover / share)
            for i in fractional { a[i] = fraction }
        }
        var objective = 0.0
        for i in 0..<n {
            if a[i] > 0 { objective += a[i] * users[i].edgeCost(hiState.z[i]) }
            if a[i] < 1 { objective += (1 - a[i]) * local[i] }
        }
        return Point(offload: a, edgeSteps: hiState.z, price: mu, objective: objective)
    }
}

/// The integrality penalty `a(1−a)` and its first-order Taylor majoriser (docs/aigc.md §B.4 step 3).
///
/// `a(1−a)` is concave, so its tangent at `a^(k)` lies above it everywhere on the real line:
/// `a(1−a) ≤ a^(k)(1−a^(k)) + (1−2a^(k))·(a − a^(k))`, with equality at `a = a^(k)`. Minimising the
/// majorised objective therefore never increases the penalised objective (majorisation–minimisation).
enum AIGCPenalty {
    /// `a(1−a)`.
    static func value(_ a: Double) -> Double { a * (1 - a) }
    /// The tangent of `a(1−a)` at `ak`, evaluated at `a`.
    static func taylor(_ a: Double, at ak: Double) -> Double { ak * (1 - ak) + slope(at: ak) * (a - ak) }
    /// `1 − 2a^(k)`: the tangent's slope, which multiplies τ in P2.
    static func slope(at ak: Double) -> Double { 1 - 2 * ak }
}
