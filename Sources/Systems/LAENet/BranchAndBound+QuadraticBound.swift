/// The continuous quadratic relaxation bound for ``BranchAndBound``.
///
/// For every server `f_s(X) ≥ (Σ_X √J_exe)²`, so any completion of a node costs at least
/// `committed + Σ_u lin_u + Σ_s [(R_s + Σ_{u→s} r_u)² − f_s(A_s)]` (R_s: √-load of the decided
/// users, A_s their set). Relaxing each undecided user's choice to a point x_u of its simplex
/// (local and options) gives a convex problem F. A few sweeps of exact block-coordinate descent
/// (one user's simplex at a time, solved in closed form by a breakpoint search) give a point x,
/// warm-started from the previous node, and convexity gives the certificate
/// `min F ≥ F(x) + Σ_u min_v ∇_u F(x)·(v − x_u)` (the Frank-Wolfe dual bound), valid whatever x is.
/// This captures users crowding a cluster of servers, which the per-user bounds cannot see.
extension BranchAndBound {
    /// Committed cost plus the certified lower bound of the relaxation after `sweeps` sweeps.
    func quadraticBound(sweeps: Int) -> Double {
        // Loads from the decided members plus the fractional undecided users.
        for s in 0..<serverCount { load[s] = sumRoot[s] }
        for u in 0..<userCount where decision[u] == -2 {
            for o in optStart[u]..<optStart[u + 1] { load[optServer[o]] += optRoot[o] * share[o] }
        }
        for _ in 0..<sweeps {
            for u in 0..<userCount where decision[u] == -2 { bestResponse(u) }
        }
        var value = committed
        for s in 0..<serverCount { value += load[s] * load[s] - serverCost[s] }
        for u in 0..<userCount where decision[u] == -2 {
            var linear = local[u].isFinite ? local[u] * localShare[u] : 0
            var dot = linear
            var smallest = local[u]
            for o in optStart[u]..<optStart[u + 1] {
                let g = optFixed[o] + 2 * optRoot[o] * load[optServer[o]]
                linear += optFixed[o] * share[o]
                dot += g * share[o]
                if g < smallest { smallest = g }
            }
            value += linear + smallest - dot
        }
        return value
    }

    /// Replaces user u's fractional choice by the exact minimiser of F over its simplex, others fixed.
    func bestResponse(_ u: Int) {
        let first = optStart[u], last = optStart[u + 1]
        if first == last { return }
        for o in first..<last { load[optServer[o]] -= optRoot[o] * share[o] }
        // x_o(θ) = max(0, (θ − a_o) / (2 r_o²)) with a_o = fixed_o + 2 r_o L_o; local takes the rest at θ = local.
        var n = 0
        for o in first..<last {
            breakpoints[n] = (optFixed[o] + 2 * optRoot[o] * load[optServer[o]], o)
            n += 1
        }
        sortBreakpoints(n)
        func mass(_ theta: Double) -> Double {
            var m = 0.0
            for i in 0..<n where theta > breakpoints[i].0 {
                let r = max(optRoot[breakpoints[i].1], 1e-150)
                m += (theta - breakpoints[i].0) / (2 * r * r)
            }
            return m
        }
        var theta: Double
        if local[u].isFinite && mass(local[u]) <= 1 {
            theta = local[u]
        } else {
            // Σ x(θ) = 1 on the segment where the first k options are active: θ = (1 + Σ a/(2r²)) / Σ 1/(2r²).
            var sumInv = 0.0, sumA = 0.0
            theta = breakpoints[0].0
            for i in 0..<n {
                let r = max(optRoot[breakpoints[i].1], 1e-150)
                sumInv += 1 / (2 * r * r)
                sumA += breakpoints[i].0 / (2 * r * r)
                theta = (1 + sumA) / sumInv
                if i + 1 == n || theta <= breakpoints[i + 1].0 { break }
            }
            if local[u].isFinite { theta = min(theta, local[u]) }
        }
        var used = 0.0
        for i in 0..<n {
            let o = breakpoints[i].1
            let r = max(optRoot[o], 1e-150)
            share[o] = max(0, (theta - breakpoints[i].0) / (2 * r * r))
            used += share[o]
        }
        if local[u].isFinite {
            localShare[u] = max(0, 1 - used)
        } else if used > 0 {
            for o in first..<last { share[o] /= used }
        }
        for o in first..<last { load[optServer[o]] += optRoot[o] * share[o] }
    }

    /// Insertion sort of the first n breakpoints (n is a user's option count, at most S+1).
    func sortBreakpoints(_ n: Int) {
        if n < 2 { return }
        for i in 1..<n {
            let item = breakpoints[i]
            var j = i - 1
            while j >= 0 && breakpoints[j].0 > item.0 {
                breakpoints[j + 1] = breakpoints[j]
                j -= 1
            }
            breakpoints[j + 1] = item
        }
    }
}
