import LabCore
import Notebook

/// `mad2rl.claims`
struct MAD2RLClaimsBinding: Binding {
    static let description = BindingDescription("mad2rl.claims", returns: .table, memoised: false,
        doc: "Checks the results MAD2RL must reproduce against the notebook's numbers: one row per claim with holds (\"holds\" or \"does not hold\") and the numbers that decide it.\nCriteria (fixed by the claims' wording): lower is strictly lower; most sweep points is more than half; within 5% is at most 1.05×; orders of magnitude faster is at least 100×; a queue is bounded when the least-squares slope of its per-slot mean over the episode's second half, times the episode length, is at most one task; converging faster or higher is a higher mean or a higher final evaluation return; the V trade-off compares the largest V with the smallest.")
    @Parameter(doc: "mean completion at the default setting: columns method, mean_completion") var comparison: Table
    @Parameter(doc: "sweep summaries: setting, value, method, mean_completion") var sweeps: Table
    @Parameter(doc: "per-slot queues at λ = 1.0: method, slot, mean_queue (several episodes are averaged per slot)") var stability: Table
    @Parameter(doc: "evaluation-return curves: method, step, value (several seeds are averaged per step)") var convergence: Table
    @Parameter(doc: "the learner at several V: value, mean_completion, mean_queue") var tradeoff: Table
    @Parameter(doc: "decision times: method, wall_ms_per_slot") var decision: Table
    @Parameter(default: "mad2rl", doc: "the learner's method name") var learner: String
    @Parameter(default: "pqmix", doc: "the learner it must converge faster than") var rival: String

    func call(_ context: any CallContext) throws -> Value {
        let claims = MAD2RLClaims(learner: learner, rival: rival)
        func column(_ t: Table, _ name: String, _ parameter: String) throws -> [Double] {
            do { return try t.numberColumn(name) } catch { throw ArgumentError(parameter: parameter, message: "argument `\(parameter)` of `mad2rl.claims` must have a numeric column `\(name)`") }
        }
        func texts(_ t: Table, _ name: String, _ parameter: String) throws -> [String] {
            do { return try t.texts(name) } catch { throw ArgumentError(parameter: parameter, message: "argument `\(parameter)` of `mad2rl.claims` must have a column `\(name)`") }
        }
        func byMethod(_ t: Table, _ value: String, _ parameter: String) throws -> [String: Double] {
            Dictionary(zip(try texts(t, "method", parameter), try column(t, value, parameter)), uniquingKeysWith: { a, _ in a })
        }
        /// Per method, the mean of `value` at each `x`, in increasing x.
        func curves(_ t: Table, x: String, value: String, _ parameter: String) throws -> [String: [Double]] {
            var sums: [String: [Double: (Double, Int)]] = [:]
            for (m, (xv, v)) in zip(try texts(t, "method", parameter), zip(try column(t, x, parameter), try column(t, value, parameter))) {
                let s = sums[m, default: [:]][xv] ?? (0, 0)
                sums[m, default: [:]][xv] = (s.0 + v, s.1 + 1)
            }
            return sums.mapValues { points in points.keys.sorted().map { points[$0]!.0 / Double(points[$0]!.1) } }
        }
        let competitors = [rival, "greedy", "local", "full"]
        let completion = try byMethod(comparison, "mean_completion", "comparison")
        var checks = claims.lowerThan(competitors, completion: completion, at: "at the default setting")
        let points = zip(zip(try texts(sweeps, "setting", "sweeps"), try texts(sweeps, "value", "sweeps")), zip(try texts(sweeps, "method", "sweeps"), try column(sweeps, "mean_completion", "sweeps")))
        checks.append(claims.lowestAtMostPoints(competitors, rows: points.map { (point: "\($0.0.0) = \($0.0.1)", method: $0.1.0, completion: $0.1.1) }))
        if let c = claims.withinFivePercent(of: "ga", completion: completion) { checks.append(c) }
        if let c = claims.hundredTimesFaster(than: "ga", milliseconds: try byMethod(decision, "wall_ms_per_slot", "decision")) { checks.append(c) }
        let queues = try curves(stability, x: "slot", value: "mean_queue", "stability")
        if let q = queues[learner] { checks.append(claims.queueTrend(learner, queue: q, expectBounded: true)) }
        if let q = queues["local"] { checks.append(claims.queueTrend("local", queue: q, expectBounded: false)) }
        let returns = try curves(convergence, x: "step", value: "value", "convergence")
        if let mine = returns[learner], let other = returns[rival], let c = claims.convergesFasterOrHigher(mine: mine, rival: other) { checks.append(c) }
        let v = zip(try column(tradeoff, "value", "tradeoff"), zip(try column(tradeoff, "mean_completion", "tradeoff"), try column(tradeoff, "mean_queue", "tradeoff")))
        checks += claims.lyapunovTradeoff(v.map { (v: $0.0, completion: $0.1.0, queue: $0.1.1) })
        return .table(try Table.fromRecords(checks.map { c in
            .record([.init("claim", .string(c.claim)), .init("holds", .string(c.holds ? "holds" : "does not hold")), .init("evidence", .string(c.evidence))])
        }))
    }
}
