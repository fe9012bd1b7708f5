/// Scoring of decision vectors with optimal (water-filled) or given shares.
extension OffloadProblem {
    /// A scored decision vector: total cost and the share of each offloaded user.
    public struct Scored: Sendable, Hashable {
        /// Per user: -1 for local or an option index.
        public var decisions: [Int]
        /// Per user: the capacity share (nil where local).
        public var shares: [Double?]
        /// Objective value.
        public var cost: Double
    }

    /// The users on each server under `decisions` (ascending user order).
    public func members(_ decisions: [Int]) -> [[Int]] {
        var m = Array(repeating: [Int](), count: serverCount)
        for u in 0..<userCount where decisions[u] >= 0 { m[options[u][decisions[u]].server].append(u) }
        return m
    }

    /// Scores decisions with the optimal shares of every server; `nil` if a decision is not
    /// allowed or some server's minimum shares exceed its capacity.
    public func score(_ decisions: [Int]) -> Scored? {
        var shares = [Double?](repeating: nil, count: userCount)
        var cost = 0.0
        for u in 0..<userCount {
            guard allows(user: u, decision: decisions[u]) else { return nil }
            if decisions[u] == -1 { cost += localCost[u]! } else { cost += options[u][decisions[u]].fixed }
        }
        for users in members(decisions) where !users.isEmpty {
            let opts = users.map { options[$0][decisions[$0]] }
            guard let y = WaterFilling.shares(exe: opts.map(\.exe), minShares: opts.map(\.minShare)) else { return nil }
            for (i, u) in users.enumerated() {
                shares[u] = y[i]
                cost += opts[i].exe / y[i]
            }
        }
        return Scored(decisions: decisions, shares: shares, cost: cost)
    }

    /// Scores decisions with the given shares (no feasibility checks beyond positivity).
    public func cost(_ decisions: [Int], shares: [Double?]) -> Double {
        var cost = 0.0
        for u in 0..<userCount {
            if decisions[u] == -1 {
                cost += localCost[u] ?? .infinity
            } else {
                let o = options[u][decisions[u]]
                cost += o.fixed + o.exe / (shares[u] ?? 0)
            }
        }
        return cost
    }

    /// Optimal server cost of one user set, `nil` if infeasible (used by tests and local search).
    public func serverCost(_ picks: [(user: Int, option: Int)]) -> Double? {
        let opts = picks.map { options[$0.user][$0.option] }
        return WaterFilling.cost(exe: opts.map(\.exe), minShares: opts.map(\.minShare))
    }
}
