import LabCore
import Foundation

/// The cost, feasibility and per-user breakdown of a solution (the one scoring routine).
///
/// Shares left nil are water-filled (``WaterFilling``) inside the capacity the given shares of
/// the same server leave free; with no given shares this is the optimum of docs/laenet.md §5.
public struct LAENetEvaluation: Sendable, Hashable {
    /// One user's part of the objective.
    public struct UserResult: Sendable, Hashable {
        /// nil = local, else the server index.
        public var choice: Int?
        /// Capacity share used (nil where local).
        public var share: Double?
        /// The user's cost term: J_loc, or J_tr + J_exe / share.
        public var cost: Double
        /// Transmission part J_tr (0 where local).
        public var transmitCost: Double
        /// Execution part J_exe / share, or J_loc where local.
        public var computeCost: Double
    }

    /// Relative tolerance for `y ≥ μ` and `Σ y ≤ 1` on given shares (they come from text).
    public static let tolerance = 1e-9

    /// Whether every constraint holds.
    public var feasible: Bool { violations.isEmpty }
    /// Objective value, nil when infeasible.
    public var cost: Double?
    /// Every violated constraint as a sentence naming the user or server.
    public var violations: [String]
    /// The first violation, nil when feasible.
    public var violation: String? { violations.first }
    /// Per-user breakdown.
    public var users: [UserResult]

    /// Scores `solution` on `model`.
    public init(_ solution: LAENetSolution, on model: LAENetModel) {
        let inst = model.instance
        let tau = inst.constants.deadlineS
        var violations: [String] = []
        var users: [UserResult] = []
        var byServer = Array(repeating: [Int](), count: inst.servers.count)
        for (u, c) in solution.choice.enumerated() {
            let terms = model.users[u]
            guard let s = c else {
                if !terms.localAllowed {
                    violations.append("user \(u) runs locally but misses the deadline (T_loc = \(fmt(terms.localTime)) s > τ = \(fmt(tau)) s)")
                }
                users.append(UserResult(choice: nil, share: nil, cost: terms.localCost, transmitCost: 0, computeCost: terms.localCost))
                continue
            }
            users.append(UserResult(choice: s, share: nil, cost: .infinity, transmitCost: .infinity, computeCost: .infinity))
            guard let k = model.linkIndex[u][s] else {
                violations.append("user \(u) offloads to server \(s) but has no link to it")
                continue
            }
            let link = model.links[k]
            users[u].transmitCost = link.transmitCost
            if link.minShare <= 0 {
                violations.append("user \(u)'s link to server \(s) cannot meet the deadline (T_tr + T_exe = \(fmt(link.transmitTime + link.executeTime)) s > τ = \(fmt(tau)) s)")
                continue
            }
            byServer[s].append(u)
        }
        for (s, members) in byServer.enumerated() where !members.isEmpty {
            var given = 0.0
            var free: [Int] = []
            for u in members {
                let mu = model.links[model.linkIndex[u][s]!].minShare
                guard let y = solution.shares?[u] else { free.append(u); continue }
                given += y
                users[u].share = y
                if !(y > 0 && y <= 1 + Self.tolerance) {
                    violations.append("user \(u)'s share \(fmt(y)) on server \(s) is outside (0, 1]")
                } else if y < mu * (1 - Self.tolerance) {
                    violations.append("user \(u)'s share \(fmt(y)) on server \(s) is below its minimum μ = \(fmt(mu)) (deadline)")
                }
            }
            if given > 1 + Self.tolerance {
                violations.append("server \(s)'s shares sum to \(fmt(given)) > 1 (capacity)")
                continue
            }
            if !free.isEmpty {
                let links = free.map { model.links[model.linkIndex[$0][s]!] }
                let capacity = max(0, 1 - given)
                guard let y = WaterFilling.shares(exe: links.map(\.executeCost), minShares: links.map(\.minShare), capacity: capacity) else {
                    let need = links.map(\.minShare).reduce(0, +)
                    let who = free.count == 1 ? "user \(free[0])'s minimum share μ is" : "the minimum shares μ of users \(free.map(String.init).joined(separator: ", ")) sum to"
                    violations.append("server \(s): \(who) \(fmt(need)) > \(given > 0 ? "the free capacity \(fmt(capacity))" : "1") (deadline and capacity)")
                    continue
                }
                for (i, u) in free.enumerated() { users[u].share = y[i] }
            }
            for u in members {
                let link = model.links[model.linkIndex[u][s]!]
                if let y = users[u].share, y > 0 {
                    users[u].computeCost = link.executeCost / y
                    users[u].cost = link.transmitCost + users[u].computeCost
                }
            }
        }
        self.violations = violations
        self.users = users
        if violations.isEmpty {
            var total = 0.0
            for r in users { total += r.cost }
            cost = total
        } else {
            cost = nil
        }
    }

    /// The evaluation as JSON: `cost` (null when infeasible), `feasible`, `violation`, `violations`, `users`.
    public var json: JSONValue {
        .object([
            ("cost", JSONValue.finite(cost)),
            ("feasible", .bool(feasible)),
            ("violation", violation.map { .string($0) } ?? .null),
            ("violations", .array(violations.map { .string($0) })),
            ("users", .array(users.map { r in
                .object([("choice", r.choice.map { .number(Double($0)) } ?? .null), ("share", JSONValue.finite(r.share)),
                         ("cost", JSONValue.finite(r.cost)), ("transmit_cost", JSONValue.finite(r.choice == nil ? 0 : r.transmitCost)),
                         ("compute_cost", JSONValue.finite(r.computeCost))])
            })),
        ])
    }
}

/// Compact number text for messages (6 significant digits).
func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "\(x)" }
