import LabCore
import MultiMEC
import Notebook

/// What the `terminate_on_violation` parameter of the evaluation functions says.
private let terminationDoc = "false (default): every episode plays 20 steps and violations are counted; true: an episode stops at its first violating step, as the repository collects data"

/// `multimec.heuristic`
struct MECHeuristicBinding: Binding {
    static let description = BindingDescription("multimec.heuristic", returns: .library(MECHeuristicValue.typeName),
        doc: "A non-learning policy as a value for multimec.evaluate (docs/multimec.md, heuristics).\nall-local, all-offload (random channel), random-50/50, or top-k: the k largest tasks on distinct channels, the rest local.")
    @Parameter(doc: MECHeuristic.allCases.map(\.rawValue).joined(separator: ", ")) var name: MECHeuristic
    @Parameter(default: 5, .integers(0...MECConstants.maximumUsers), doc: "tasks offloaded by top-k (ignored by the others)") var k: Int

    func call(_ context: any CallContext) throws -> Value { .library(MECHeuristicValue(name, k: k)) }
}

/// `multimec.evaluate`
struct MECEvaluateBinding: Binding {
    static let description = BindingDescription("multimec.evaluate", returns: .table, memoised: true,
        doc: "A policy's system cost, success rates, return and violations on paired episodes of each environment.\nOne row per environment, with the columns policy, environment, bandwidth_mhz, edge_ghz, mean_task_kb, ues, regime, seed, episodes, cost (mean over episodes of the mean per-UE per-step cost 0.5·T + 0.5·E over the steps played), episode_success (fraction of episodes without any deadline or battery violation in 20 steps), task_success (fraction of the tasks played that finished without violation), return (mean episode return), violations (violating tasks per episode), violating_steps (per episode), steps (played per episode). Episode i of seed s has the same distances and task sizes for every policy (docs/multimec.md).")
    @Parameter(.strings(MECHeuristic.allCases.map(\.rawValue)),
               doc: "a heuristic's name (all-local, all-offload, random-50/50, top-k) or a policy value (multimec.heuristic, a learned policy)") var policy: Value
    @Parameter(doc: "multimec.environment values (at most 1000)") var environments: [MECEnvironmentValue]
    @Parameter(default: 20, .integers(1...MultiMECBindings.maximumEpisodes), doc: "episodes per environment") var episodes: Int
    @Parameter(.cellSeed, doc: "evaluation seed: fixes the episodes' distances and task sizes and the random heuristics' draws") var seed: UInt64
    @Parameter(default: 5, .integers(0...MECConstants.maximumUsers), doc: "tasks offloaded when policy is the name top-k") var k: Int
    @Parameter(default: false, doc: terminationDoc) var terminateOnViolation: Bool

    func call(_ context: any CallContext) throws -> Value {
        try MultiMECBindings.check(environments, function: "multimec.evaluate")
        let value = try Self.policyValue(policy, k: k)
        var rows: [MECEvaluation] = []
        for (i, env) in environments.enumerated() {
            let p = try value.policy(for: env.environment, seed: seed)
            rows.append(MECEvaluation.run(p, on: env.environment, episodes: episodes, evaluationSeed: seed, terminateOnViolation: terminateOnViolation))
            context.progress(i + 1, of: environments.count, "evaluating \(value.policyName)")
        }
        return .table(try Table.mecEvaluations(rows, seed: seed))
    }

    /// A heuristic name (with `k` for top-k) or a policy value.
    static func policyValue(_ policy: Value, k: Int) throws -> any MECPolicyValue {
        switch policy {
        case .string(let name):
            guard let h = MECHeuristic(rawValue: name) else {
                throw ArgumentError(parameter: "policy", message: "argument `policy` of `multimec.evaluate` must be one of \(MECHeuristic.allCases.map(\.rawValue).joined(separator: ", ")) or a policy value")
            }
            return MECHeuristicValue(h, k: k)
        case .library(let l as any MECPolicyValue):
            return l
        default:
            throw ArgumentError(parameter: "policy", message: "argument `policy` of `multimec.evaluate` must be a heuristic's name or a policy value (multimec.heuristic or a learned policy), not \(policy.type)")
        }
    }
}

/// `multimec.heuristics`
struct MECHeuristicsBinding: Binding {
    static let description = BindingDescription("multimec.heuristics", returns: .table, memoised: true,
        doc: "The top-k heuristic for every k in k_values on each environment, with k tuned per environment.\nOne row per (environment, k) with multimec.evaluate's columns on the evaluation episodes of `seed`, plus k, tuned (1 on the chosen k's row), tuning_cost and tuning_episode_success. k is chosen on separate tuning episodes (seeded on the stream multimec.tuning of `seed`): the highest episode success rate, then the lowest cost, then the smaller k.")
    @Parameter(doc: "multimec.environment values (at most 1000)") var environments: [MECEnvironmentValue]
    @Parameter(default: 20, .integers(1...MultiMECBindings.maximumEpisodes), doc: "episodes per environment and k, for tuning and again for evaluation") var episodes: Int
    @Parameter(.cellSeed, doc: "evaluation seed (the tuning episodes' seed derives from it)") var seed: UInt64
    @Parameter(default: Array(0...10), .integers(0...MECConstants.maximumUsers), doc: "candidate k values") var kValues: [Int]
    @Parameter(default: false, doc: terminationDoc) var terminateOnViolation: Bool

    func call(_ context: any CallContext) throws -> Value {
        try MultiMECBindings.check(environments, function: "multimec.heuristics")
        guard !kValues.isEmpty, Set(kValues).count == kValues.count else {
            throw ArgumentError(parameter: "k_values", message: "argument `k_values` of `multimec.heuristics` needs at least one k, each once (got \(kValues.count) values, \(Set(kValues).count) distinct)")
        }
        let tuningSeed = MECLargestTasks.tuningSeed(seed)
        var rows: [MECEvaluation] = [], ks: [Double] = [], tuned: [Double] = [], tuningCost: [Double] = [], tuningSuccess: [Double] = []
        for (i, env) in environments.enumerated() {
            let tuning = MECLargestTasks.tune(on: env.environment, candidates: kValues, episodes: episodes, evaluationSeed: tuningSeed,
                                              terminateOnViolation: terminateOnViolation)
            for (k, t) in zip(kValues, tuning.candidates) {
                rows.append(MECEvaluation.run(MECLargestTasks(count: k), on: env.environment, episodes: episodes, evaluationSeed: seed,
                                              terminateOnViolation: terminateOnViolation))
                ks.append(Double(k))
                tuned.append(k == tuning.k ? 1 : 0)
                tuningCost.append(t.meanCost)
                tuningSuccess.append(t.episodeSuccessFraction)
            }
            context.progress(i + 1, of: environments.count, "tuning k")
        }
        return .table(try Table.mecEvaluations(rows, seed: seed, extra: [("k", ks), ("tuned", tuned), ("tuning_cost", tuningCost),
                                                                         ("tuning_episode_success", tuningSuccess)]))
    }
}
