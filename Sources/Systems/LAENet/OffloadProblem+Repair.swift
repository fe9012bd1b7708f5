/// Local improvement and greedy repair of decision vectors.
extension OffloadProblem {
    /// Makes decisions feasible: while a server's minimum shares sum above 1, the user with the
    /// largest μ there moves to its cheapest alternative (local where allowed, or an option on a
    /// server with room), priced by marginal cost against the current loads. Nil if stuck.
    public func repair(_ decisions: [Int]) -> Scored? {
        var d = decisions
        for _ in 0..<(userCount * max(1, serverCount) + 1) {
            var load = Array(repeating: 0.0, count: serverCount)
            for u in 0..<userCount where d[u] >= 0 { load[options[u][d[u]].server] += options[u][d[u]].minShare }
            guard let s = load.indices.first(where: { load[$0] > 1 }) else { return score(d) }
            var mover = -1
            var moverMu = -1.0
            for u in 0..<userCount where d[u] >= 0 && options[u][d[u]].server == s && options[u][d[u]].minShare > moverMu {
                (mover, moverMu) = (u, options[u][d[u]].minShare)
            }
            var bestChoice: Int?
            var bestCost = Double.infinity
            let groups = members(d)
            for alt in -1..<options[mover].count where alt != d[mover] && allows(user: mover, decision: alt) {
                var price = localCost[mover] ?? .infinity
                if alt >= 0 {
                    let o = options[mover][alt]
                    if o.server == s || load[o.server] + o.minShare > 1 { continue }
                    let current = groups[o.server].map { (user: $0, option: d[$0]) }
                    let before = serverCost(current) ?? 0
                    guard let after = serverCost(current + [(user: mover, option: alt)]) else { continue }
                    price = o.fixed + after - before
                }
                if price < bestCost || bestChoice == nil { (bestChoice, bestCost) = (alt, price) }
            }
            guard let choice = bestChoice else { return placeForced(preferring: decisions) }
            d[mover] = choice
        }
        return score(d) ?? placeForced(preferring: decisions)
    }

    /// A feasible decision vector close to `preferred`, found by depth-first search over the
    /// deadline-forced users (largest minimum share first, preferred option first, then by
    /// `fixed + exe`); other users keep their preferred offload if it still fits, else run
    /// locally. Nil only when no feasible decision vector exists.
    public func placeForced(preferring preferred: [Int]) -> Scored? {
        let forced = (0..<userCount).filter { localCost[$0] == nil }
            .sorted { (options[$0].map(\.minShare).min() ?? 0, $1) > (options[$1].map(\.minShare).min() ?? 0, $0) }
        var room = Array(repeating: 1.0, count: serverCount)
        var d = (0..<userCount).map { localCost[$0] == nil ? -2 : -1 }
        func place(_ i: Int) -> Bool {
            guard i < forced.count else { return true }
            let u = forced[i]
            let order = options[u].indices.sorted { a, b in
                let pa = a == preferred[u] ? -Double.infinity : options[u][a].fixed + options[u][a].exe
                let pb = b == preferred[u] ? -Double.infinity : options[u][b].fixed + options[u][b].exe
                return pa != pb ? pa < pb : a < b
            }
            for k in order where options[u][k].minShare <= room[options[u][k].server] {
                room[options[u][k].server] -= options[u][k].minShare
                d[u] = k
                if place(i + 1) { return true }
                room[options[u][k].server] += options[u][k].minShare
            }
            return false
        }
        guard place(0) else { return nil }
        for u in 0..<userCount where localCost[u] != nil && preferred[u] >= 0 && preferred[u] < options[u].count {
            let o = options[u][preferred[u]]
            if o.minShare <= room[o.server] {
                room[o.server] -= o.minShare
                d[u] = preferred[u]
            }
        }
        return score(d)
    }

    /// First-improvement local search over single-user changes until no change lowers the cost.
    public func improve(_ start: Scored) -> Scored {
        var current = start
        var improved = true
        while improved {
            improved = false
            for u in 0..<userCount {
                for alt in -1..<options[u].count where alt != current.decisions[u] && allows(user: u, decision: alt) {
                    var trial = current.decisions
                    trial[u] = alt
                    if let s = score(trial), s.cost < current.cost * (1 - 1e-12) {
                        current = s
                        improved = true
                    }
                }
            }
        }
        return current
    }
}
