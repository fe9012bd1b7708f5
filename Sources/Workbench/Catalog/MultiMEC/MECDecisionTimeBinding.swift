import LabCore
import MultiMEC
import Notebook

/// `multimec.decision_time`
struct MECDecisionTimeBinding: Binding {
    static let description = BindingDescription("multimec.decision_time", returns: .table, memoised: true,
        doc: "Wall time per decision of each policy on one 20-step episode of an environment (DiffLoader: K denoising steps of 2 network rows each; the MLP baselines: one forward pass).\nOne row per policy: policy, diffusion_steps (K for a diffloader.planner, 0 otherwise), steps, wall_ms_per_step. A policy that prepares itself on a new environment (MetaLoader's adaptation episode) does so before the timing starts. Wall time on this machine, measured once and then memoised: not reproducible bit for bit, unlike every other number.")
    @Parameter(doc: "policy values (diffloader.planner, multimec.learner, multimec.sac, multimec.heuristic) or heuristic names") var policies: [Value]
    @Parameter(doc: "the multimec.environment played") var environment: MECEnvironmentValue
    @Parameter(.cellSeed, doc: "seed of the episode and of the policies' randomness") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        guard (1...100).contains(policies.count) else {
            throw ArgumentError(parameter: "policies", message: "argument `policies` of `multimec.decision_time` needs 1 to 100 policies (got \(policies.count))")
        }
        let values = try policies.map { try MECEvaluateBinding.policyValue($0, k: 5) }
        return .table(try Self.table(values, environment: environment.environment, seed: seed, timer: .wall))
    }

    /// The table for the episode `MECEvaluation.episodeSeed(seed, 0)`, timed by `timer`.
    static func table(_ values: [any MECPolicyValue], environment: MECEnvironment, seed: UInt64, timer: DecisionTimer) throws -> Table {
        var rows: [Value] = []
        for value in values {
            var policy = try value.policy(for: environment, seed: seed)
            var warm = MECEpisode(environment: environment, seed: MECEvaluation.episodeSeed(seed, 0), terminateOnViolation: false)
            var actions = [Float](repeating: 0, count: environment.actionSize)
            policy.act(warm, into: &actions)  // a policy that adapts to the environment does it here
            warm.reset(seed: MECEvaluation.episodeSeed(seed, 0))
            var episode = warm, outcome = MECStep()
            let steps = MECConstants.stepsPerEpisode
            let ms = try timer.millisecondsPerSlot(slots: steps) {
                while !episode.isFinished {
                    policy.act(episode, into: &actions)
                    try episode.step(actions: actions, into: &outcome)
                }
            }
            let k = (value as? DiffLoaderPlannerValue)?.configuration.diffusionSteps ?? 0
            rows.append(.record([.init("policy", .string(value.policyName)), .init("diffusion_steps", .int(k)), .init("steps", .int(steps)),
                                 .init("wall_ms_per_step", .number(ms))]))
        }
        return try Table.fromRecords(rows)
    }
}
