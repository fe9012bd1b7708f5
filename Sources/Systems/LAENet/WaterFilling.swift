/// Optimal capacity shares of one server for fixed offloading decisions (docs/laenet.md §5, KKT).
///
/// Minimise `Σ exe_k / y_k` subject to `y_k ≥ μ_k` and `Σ y_k = C` (C = 1 for a whole server).
/// The KKT conditions give `y_k = max(μ_k, √exe_k · t)` with the water level `t = 1/ν` chosen so
/// that the shares fill the capacity. `g(t) = Σ max(μ_k, √exe_k · t)` is piecewise linear and
/// increasing, so the root is found exactly by a breakpoint search: sort by `μ_k / √exe_k`
/// descending and clamp users to their minimum while their minimum exceeds the current level.
/// This is finite and tolerance-free (no bisection), hence robust and reproducible.
/// Infeasible exactly when `Σ μ_k > C`.
public enum WaterFilling {
    /// Optimal shares, or `nil` when the minimum shares exceed the capacity.
    ///
    /// - Parameters:
    ///   - exe: J_exe of each offloaded link (cost at full capacity), all ≥ 0.
    ///   - minShares: μ of each link, all ≥ 0.
    ///   - capacity: the capacity to split (1 for a server).
    public static func shares(exe: [Double], minShares: [Double], capacity: Double = 1) -> [Double]? {
        precondition(exe.count == minShares.count, "one minimum share per link")
        let n = exe.count
        if n == 0 { return [] }
        var total = 0.0
        for m in minShares { total += m }
        if total > capacity { return nil }
        let roots = exe.map { $0.squareRoot() }
        // Clamping order: largest μ/√J first (zero roots are always clamped).
        let order = (0..<n).sorted { a, b in
            let ra = roots[a] == 0 ? Double.infinity : minShares[a] / roots[a]
            let rb = roots[b] == 0 ? Double.infinity : minShares[b] / roots[b]
            return ra != rb ? ra > rb : a < b
        }
        var freeRoot = 0.0
        for r in roots { freeRoot += r }
        var clampedMin = 0.0
        var clamped = 0
        while clamped < n {
            let k = order[clamped]
            let level = freeRoot > 0 ? (capacity - clampedMin) / freeRoot : 0
            guard roots[k] == 0 || minShares[k] >= roots[k] * level else { break }
            clampedMin += minShares[k]
            freeRoot -= roots[k]
            clamped += 1
        }
        // Final level from exact sums over the free set (no drift from the running sums).
        var exactFree = 0.0, exactClamped = 0.0
        for i in 0..<n {
            if i < clamped { exactClamped += minShares[order[i]] } else { exactFree += roots[order[i]] }
        }
        let level = clamped < n && exactFree > 0 ? max(0, capacity - exactClamped) / exactFree : 0
        return (0..<n).map { max(minShares[$0], roots[$0] * level) }
    }

    /// The server's execution cost `Σ exe_k / y_k` at the optimal shares, or `nil` if infeasible.
    public static func cost(exe: [Double], minShares: [Double], capacity: Double = 1) -> Double? {
        guard let y = shares(exe: exe, minShares: minShares, capacity: capacity) else { return nil }
        var total = 0.0
        for k in 0..<exe.count where exe[k] > 0 { total += exe[k] / y[k] }
        return total
    }
}
