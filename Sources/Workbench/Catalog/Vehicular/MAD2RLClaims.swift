import LabCore
import Notebook

/// The results MAD2RL must reproduce (docs/vehicular.md §9), each computed from the notebook's
/// numbers as holds / does not hold with the numbers that decide it.
///
/// The criteria are fixed by the claims' wording, not by outcomes: "lower" is strictly lower;
/// "most sweep points" is more than half; "within 5%" is at most 1.05 times; "orders of
/// magnitude faster" is at least 100 times; "faster or higher" is a higher mean evaluation
/// return over the evaluation points (area under the curve, i.e. faster) or a higher final one;
/// a queue is "bounded" when the least-squares slope of its mean over the second half of the
/// episode, times the episode's length, is at most one task (an upward trend of less than one
/// task per episode at λ = 1, one arrival per slot); "raising V lowers T̄ and raises Q̄" compares
/// the largest V with the smallest.
struct MAD2RLClaims {
    /// One claim's outcome.
    struct Check: Equatable {
        var claim: String
        var holds: Bool
        var evidence: String
    }

    /// The learner's and competitors' names.
    var learner = "mad2rl", rival = "pqmix"

    static func f(_ x: Double) -> String { Table.formatted((x * 1000).rounded() / 1000) }

    /// T̄ strictly below each competitor's; `completion` maps method to mean completion time.
    func lowerThan(_ competitors: [String], completion: [String: Double], at place: String) -> [Check] {
        guard let mine = completion[learner] else { return [] }
        return competitors.compactMap { c in
            completion[c].map { Check(claim: "T̄ of \(learner) below \(c) \(place)", holds: mine < $0, evidence: "\(Self.f(mine)) s vs \(Self.f($0)) s") }
        }
    }

    /// At more than half of the sweep points (setting, value) the learner's T̄ is below every
    /// competitor present there. `rows`: (point, method, mean completion).
    func lowestAtMostPoints(_ competitors: [String], rows: [(point: String, method: String, completion: Double)]) -> Check {
        var byPoint: [String: [String: Double]] = [:], order: [String] = []
        for r in rows {
            if byPoint[r.point] == nil { order.append(r.point) }
            byPoint[r.point, default: [:]][r.method] = r.completion
        }
        let points = order.filter { byPoint[$0]?[learner] != nil }
        let lost = points.filter { p in
            let m = byPoint[p]!
            return competitors.contains { c in m[c].map { m[learner]! >= $0 } ?? false }
        }
        let won = points.count - lost.count
        return Check(claim: "T̄ of \(learner) below \(competitors.joined(separator: ", ")) at most sweep points", holds: won * 2 > points.count,
                     evidence: "\(won) of \(points.count) points" + (lost.isEmpty ? "" : "; not at \(lost.joined(separator: ", "))"))
    }

    /// T̄ at most 1.05 times the GA's.
    func withinFivePercent(of reference: String, completion: [String: Double]) -> Check? {
        guard let mine = completion[learner], let ref = completion[reference], ref > 0 else { return nil }
        return Check(claim: "T̄ of \(learner) within 5% of \(reference)", holds: mine <= 1.05 * ref, evidence: "ratio \(Self.f(mine / ref)) (\(Self.f(mine)) s vs \(Self.f(ref)) s)")
    }

    /// Deciding at least 100 times faster than `reference`.
    func hundredTimesFaster(than reference: String, milliseconds: [String: Double]) -> Check? {
        guard let mine = milliseconds[learner], let ref = milliseconds[reference], mine > 0 else { return nil }
        return Check(claim: "\(learner) decides ≥ 100× faster than \(reference)", holds: ref / mine >= 100,
                     evidence: "\(Self.f(ref / mine))× (\(Self.f(mine)) vs \(Self.f(ref)) ms per slot, wall time)")
    }

    /// Least-squares slope of `ys` against their index.
    static func slope(_ ys: [Double]) -> Double {
        let n = Double(ys.count)
        guard ys.count > 1 else { return 0 }
        let mx = (n - 1) / 2, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (i, y) in ys.enumerated() { sxy += (Double(i) - mx) * (y - my); sxx += (Double(i) - mx) * (Double(i) - mx) }
        return sxy / sxx
    }

    /// The upward drift of a per-slot mean queue: the second half's slope times the length.
    static func drift(_ queue: [Double]) -> Double { slope(Array(queue.suffix(queue.count - queue.count / 2))) * Double(queue.count) }

    /// A method's queue is bounded (drift ≤ 1 task) or, for `unstable`, is not.
    func queueTrend(_ method: String, queue: [Double], expectBounded: Bool) -> Check {
        let d = Self.drift(queue)
        return Check(claim: expectBounded ? "queues of \(method) bounded at λ = 1.0" : "queues of \(method) grow at λ = 1.0",
                     holds: expectBounded ? d <= 1 : d > 1, evidence: "drift \(Self.f(d)) tasks per episode (second-half slope × \(queue.count) slots)")
    }

    /// Faster (higher mean over the evaluation points) or higher (higher final) evaluation return.
    func convergesFasterOrHigher(mine: [Double], rival rivalCurve: [Double]) -> Check? {
        guard let lastMine = mine.last, let lastRival = rivalCurve.last else { return nil }
        let areaMine = mine.reduce(0, +) / Double(mine.count), areaRival = rivalCurve.reduce(0, +) / Double(rivalCurve.count)
        return Check(claim: "\(learner) converges faster or higher than \(rival)", holds: areaMine > areaRival || lastMine > lastRival,
                     evidence: "mean eval return \(Self.f(areaMine)) vs \(Self.f(areaRival)), final \(Self.f(lastMine)) vs \(Self.f(lastRival))")
    }

    /// Raising V lowers T̄ and raises Q̄: rows (V, T̄, Q̄) in any order.
    func lyapunovTradeoff(_ rows: [(v: Double, completion: Double, queue: Double)]) -> [Check] {
        let sorted = rows.sorted { $0.v < $1.v }
        guard let lo = sorted.first, let hi = sorted.last, sorted.count > 1 else { return [] }
        let range = "V = \(Self.f(lo.v)) → \(Self.f(hi.v))"
        return [Check(claim: "raising V lowers T̄ of \(learner)", holds: hi.completion < lo.completion, evidence: "\(range): \(Self.f(lo.completion)) → \(Self.f(hi.completion)) s"),
                Check(claim: "raising V raises Q̄ of \(learner)", holds: hi.queue > lo.queue, evidence: "\(range): \(Self.f(lo.queue)) → \(Self.f(hi.queue)) tasks")]
    }
}
