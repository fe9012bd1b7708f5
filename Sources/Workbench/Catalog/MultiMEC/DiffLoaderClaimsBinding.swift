import LabCore
import Notebook

/// `diffloader.claims`
struct DiffLoaderClaimsBinding: Binding {
    static let description = BindingDescription("diffloader.claims", returns: .table, memoised: false,
        doc: "Checks the results DiffLoader must reproduce against evaluation tables: one row per claim with holds (\"holds\" or \"does not hold\") and the numbers that decide it.\nEach table has multimec.evaluate's columns policy, environment, seed, cost and the success column (rows of several seeds are averaged per environment). Criteria (fixed by the claims' wording): cost at least 10% below SACLoader's is a ratio ≤ 0.9 in every in-distribution environment; success no lower is ≥ in every environment; on par with the best multi-task baseline is an average cost at most the best baseline's plus the larger of the two standard deviations over seeds; removing the prompt raises the average cost strictly; beating SACLoader on unseen interpolation environments is a strictly lower average cost over them.")
    @Parameter(doc: "in-distribution evaluations of every method") var inDistribution: Table
    @Parameter(doc: "evaluations of the learner and its no-prompt ablation") var ablation: Table
    @Parameter(doc: "evaluations on unseen interpolation environments (only rows with regime interpolation count when the table has a regime column)") var unseen: Table
    @Parameter(default: "episode_success", .strings(["episode_success", "task_success"]), doc: "the success column") var success: String
    @Parameter(default: "DiffLoader", doc: "the learner's policy name") var learner: String
    @Parameter(default: "SACLoader", doc: "SACLoader's policy name") var sac: String
    @Parameter(default: ["MTLoader", "MoELoader"], doc: "the multi-task baselines' policy names") var baselines: [String]
    @Parameter(default: "DiffLoader (no prompt)", doc: "the no-prompt ablation's policy name") var noPrompt: String

    func call(_ context: any CallContext) throws -> Value {
        let claims = DiffLoaderClaims(learner: learner, sac: sac)
        var checks = claims.beatsSAC(try rows(inDistribution, "in_distribution", regime: nil))
        if let c = claims.onParWithBest(try rows(inDistribution, "in_distribution", regime: nil), baselines: baselines) { checks.append(c) }
        if let c = claims.lowerAverageCost(try rows(ablation, "ablation", regime: nil), than: noPrompt, claim: "removing the prompt raises the cost of \(learner) on average") {
            checks.append(c)
        }
        if let c = claims.lowerAverageCost(try rows(unseen, "unseen", regime: "interpolation"), than: sac, claim: "\(learner) beats \(sac) on unseen interpolation environments") {
            checks.append(c)
        }
        return .table(try Table.fromRecords(checks.map { c in
            .record([.init("claim", .string(c.claim)), .init("holds", .string(c.holds ? "holds" : "does not hold")), .init("evidence", .string(c.evidence))])
        }))
    }

    /// The table's rows, only those of `regime` when it is given and the table has that column.
    func rows(_ t: Table, _ parameter: String, regime: String?) throws -> [DiffLoaderClaims.Row] {
        func fail(_ column: String) -> ArgumentError {
            ArgumentError(parameter: parameter, message: "argument `\(parameter)` of `diffloader.claims` must have the column `\(column)` (a multimec.evaluate table)")
        }
        func texts(_ c: String) throws -> [String] { do { return try t.texts(c) } catch { throw fail(c) } }
        func numbers(_ c: String) throws -> [Double] { do { return try t.numberColumn(c) } catch { throw fail(c) } }
        let methods = try texts("policy"), environments = try texts("environment"), seeds = try numbers("seed")
        let costs = try numbers("cost"), successes = try numbers(success)
        let regimes = regime != nil ? (try? t.texts("regime")) : nil
        return methods.indices.compactMap { i in
            if let regime, let regimes, regimes[i] != regime { return nil }
            return DiffLoaderClaims.Row(method: methods[i], environment: environments[i], seed: seeds[i], cost: costs[i], success: successes[i])
        }
    }
}
