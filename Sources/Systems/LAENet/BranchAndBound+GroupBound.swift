/// A stronger bound for ``BranchAndBound``: users competing for the same server.
///
/// The plain bound charges every undecided user its cheapest marginal against the current loads,
/// as if it were the only newcomer. Here the undecided users are grouped by the server of their
/// cheapest option. Each member u of group N_s either joins s or pays at least `alt_u`, its
/// cheapest marginal elsewhere (local or another server, against current loads). Since
/// `f_s(X) ≥ (Σ_X √J_exe)²` for every set X and marginals only rise (supermodularity), the
/// group's share of any completion costs at least
/// `min_T Σ_T fixed_u + Σ_{N\T} alt_u + (R_s + Σ_T r_u)² − f_s(A_s)`.
/// Relaxing T to fractions x ∈ [0,1]^N gives a convex problem solved exactly by filling users in
/// increasing `(fixed_u − alt_u)/r_u` until the marginal `c/r + 2(R + ρ)` turns positive. Each
/// group contributes the larger of this value and its plain bound; groups are disjoint, so the
/// sum is a valid lower bound on every completion of the node.
extension BranchAndBound {
    /// Committed cost plus the group bound of the undecided users.
    func groupBound() -> Double {
        var total = committed
        for s in 0..<serverCount { groupMembers[s].removeAll(keepingCapacity: true) }
        for u in 0..<userCount where decision[u] == -2 {
            var bestOption = -1
            var first = local[u]
            for o in optStart[u]..<optStart[u + 1] where marginal[o] < first { (first, bestOption) = (marginal[o], o) }
            if bestOption < 0 {
                total += first
                continue
            }
            var alt = local[u]
            let s = optServer[bestOption]
            for o in optStart[u]..<optStart[u + 1] where optServer[o] != s && marginal[o] < alt { alt = marginal[o] }
            groupMembers[s].append((bestOption, alt))
        }
        for s in 0..<serverCount where !groupMembers[s].isEmpty {
            var plain = 0.0
            var constant = -serverCost[s]
            var rho = sumRoot[s]
            var items: [(ratio: Double, c: Double, r: Double)] = []
            for (o, alt) in groupMembers[s] {
                plain += marginal[o]
                if alt.isInfinite {
                    constant += optFixed[o]
                    rho += optRoot[o]
                } else {
                    constant += alt
                    let c = optFixed[o] - alt
                    if c < 0 && optRoot[o] > 0 { items.append((c / optRoot[o], c, optRoot[o])) }
                }
            }
            items.sort { $0.ratio < $1.ratio }
            var linear = 0.0
            for item in items {
                if item.ratio + 2 * rho >= 0 { break }
                let full = rho + item.r
                if item.ratio + 2 * full <= 0 {
                    linear += item.c
                    rho = full
                } else {
                    let target = -item.ratio / 2
                    linear += item.c * (target - rho) / item.r
                    rho = target
                    break
                }
            }
            total += max(plain, constant + linear + rho * rho)
        }
        return total
    }
}
