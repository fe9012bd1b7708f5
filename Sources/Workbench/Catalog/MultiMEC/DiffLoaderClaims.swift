import LabCore
import Notebook

/// The results DiffLoader must reproduce (docs/multimec.md, "The reproduction notebook"), each
/// computed from evaluation rows as holds / does not hold with the numbers that decide it.
///
/// The criteria are fixed by the claims' wording, not by outcomes. A method's cost in an
/// environment is its mean over the rows (seeds) of that environment; "on average" is the mean
/// over environments. "At least 10% below" is `cost ≤ 0.9 × SACLoader's`; "no lower" success is
/// `≥`; "within one standard deviation of, or better than, the best multi-task baseline" compares
/// the average costs, the best baseline being the one with the lowest, against the larger of the
/// two methods' standard deviations over seeds of their per-seed averages (sample standard
/// deviation; 0 with one seed); "raises the cost" and "beats" are strictly higher and strictly
/// lower average costs over the environments both methods were evaluated on.
struct DiffLoaderClaims {
    /// One evaluation row.
    struct Row: Equatable {
        var method: String, environment: String, seed: Double, cost: Double, success: Double
    }

    /// One claim's outcome.
    struct Check: Equatable {
        var claim: String
        var holds: Bool
        var evidence: String
    }

    /// The names of the methods in the rows.
    var learner = "DiffLoader", sac = "SACLoader"

    static func f(_ x: Double) -> String { Table.formatted((x * 1000).rounded() / 1000) }

    /// Per environment (in first-seen order) the mean of `value` over the method's rows.
    static func means(_ rows: [Row], _ method: String, _ value: (Row) -> Double) -> [(environment: String, mean: Double)] {
        var order: [String] = [], sums: [String: (Double, Int)] = [:]
        for r in rows where r.method == method {
            if sums[r.environment] == nil { order.append(r.environment) }
            let s = sums[r.environment] ?? (0, 0)
            sums[r.environment] = (s.0 + value(r), s.1 + 1)
        }
        return order.map { ($0, sums[$0]!.0 / Double(sums[$0]!.1)) }
    }

    /// The mean over `environments` of the per-environment means, and the sample standard
    /// deviation over seeds of the per-seed averages over those environments.
    static func average(_ rows: [Row], _ method: String, over environments: Set<String>) -> (mean: Double, std: Double)? {
        let mine = rows.filter { $0.method == method && environments.contains($0.environment) }
        guard !mine.isEmpty else { return nil }
        let perEnvironment = means(mine, method, \.cost)
        let mean = perEnvironment.map(\.mean).reduce(0, +) / Double(perEnvironment.count)
        var bySeed: [Double: [Double]] = [:]
        for r in mine { bySeed[r.seed, default: []].append(r.cost) }
        let seedMeans = bySeed.values.map { $0.reduce(0, +) / Double($0.count) }
        guard seedMeans.count > 1 else { return (mean, 0) }
        let m = seedMeans.reduce(0, +) / Double(seedMeans.count)
        let variance = seedMeans.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(seedMeans.count - 1)
        return (mean, variance.squareRoot())
    }

    /// Environments where both methods have rows.
    static func shared(_ rows: [Row], _ a: String, _ b: String) -> Set<String> {
        Set(rows.filter { $0.method == a }.map(\.environment)).intersection(rows.filter { $0.method == b }.map(\.environment))
    }

    /// Cost at least 10% below SACLoader's in every environment, and success no lower.
    func beatsSAC(_ rows: [Row]) -> [Check] {
        let mine = Dictionary(uniqueKeysWithValues: Self.means(rows, learner, \.cost).map { ($0.environment, $0.mean) })
        let theirs = Self.means(rows, sac, \.cost).filter { mine[$0.environment] != nil }
        guard !theirs.isEmpty else { return [] }
        let ratios = theirs.map { (env: $0.environment, ratio: mine[$0.environment]! / $0.mean) }
        let failing = ratios.filter { !($0.ratio <= 0.9) }
        let cost = Check(claim: "in-distribution cost of \(learner) ≥ 10% below \(sac) in every environment", holds: failing.isEmpty,
                         evidence: "cost ratio " + ratios.map { "\($0.env) \(Self.f($0.ratio))" }.joined(separator: ", "))
        let mySuccess = Dictionary(uniqueKeysWithValues: Self.means(rows, learner, \.success).map { ($0.environment, $0.mean) })
        let pairs = Self.means(rows, sac, \.success).compactMap { s in mySuccess[s.environment].map { (s.environment, $0, s.mean) } }
        let lower = pairs.filter { $0.1 < $0.2 }
        let success = Check(claim: "in-distribution success of \(learner) ≥ \(sac)'s in every environment", holds: lower.isEmpty,
                            evidence: pairs.map { "\($0.0) \(Self.f($0.1)) vs \(Self.f($0.2))" }.joined(separator: ", "))
        return [cost, success]
    }

    /// On average within one standard deviation of, or better than, the best of `baselines`.
    func onParWithBest(_ rows: [Row], baselines: [String]) -> Check? {
        let candidates: [(name: String, mean: Double, std: Double)] = baselines.compactMap { b in
            Self.average(rows, b, over: Self.shared(rows, learner, b)).map { (b, $0.mean, $0.std) }
        }
        guard let best = candidates.min(by: { $0.mean < $1.mean }),
              let mine = Self.average(rows, learner, over: Self.shared(rows, learner, best.name)) else { return nil }
        let std = max(mine.std, best.std)
        return Check(claim: "\(learner) within one std of, or better than, the best multi-task baseline on average", holds: mine.mean <= best.mean + std,
                     evidence: "\(Self.f(mine.mean)) vs \(best.name) \(Self.f(best.mean)) (std \(Self.f(std)))")
    }

    /// The learner's average cost strictly below `other`'s over the environments both have rows in.
    func lowerAverageCost(_ rows: [Row], than other: String, claim: String) -> Check? {
        let envs = Self.shared(rows, learner, other)
        guard let mine = Self.average(rows, learner, over: envs), let theirs = Self.average(rows, other, over: envs) else { return nil }
        return Check(claim: claim, holds: mine.mean < theirs.mean,
                     evidence: "mean cost \(Self.f(mine.mean)) (\(learner)) vs \(Self.f(theirs.mean)) (\(other)) over \(envs.count) environments")
    }
}
