import LabCore
import Learning
import MultiMEC
import Notebook

/// `multimec.sac`
struct MECSACBinding: Binding {
    static let description = BindingDescription("multimec.sac", returns: .library(MECSACRunValue.typeName), memoised: true,
        doc: "One SAC data-collection run on one environment (docs/multimec.md, SAC): every exploration episode and the trained policy.\nOne loop step per episode with termination on violation, as the repository collects; metrics return, cost, length, critic_loss, policy_loss, alpha, entropy per episode go to the store, with checkpoints every 500 episodes and at the end (a killed run resumes exactly). Each run is its own cached value: `[multimec.sac(e, …) for e in envs]` recomputes only the environments that changed. The value is a policy for multimec.evaluate (deterministic tanh of the mean) and a part for multimec.collect; members environment, label, episodes and the series return, cost, length.")
    @Parameter(doc: "the multimec.environment to collect in") var environment: MECEnvironmentValue
    @Parameter(default: 1_500, .integers(1...1_000_000), doc: "episodes to collect (one loop step each)") var episodes: Int
    @Parameter(.cellSeed, doc: "seed of the initial networks, the episodes, the action noise and the replay sampling") var seed: UInt64
    @Parameter(default: [128, 128], .integers(1...4096), doc: "hidden layer widths of the policy and both critics") var hidden: [Int]
    @Parameter(default: 128, .integers(1...65_536), doc: "transitions per update") var batch: Int
    @Parameter(default: 4, .integers(0...1_000), doc: "gradient updates after each collected episode") var updatesPerEpisode: Int
    @ParameterGroup var retention: CheckpointRetention

    func call(_ context: any CallContext) throws -> Value {
        retention.apply(to: context)
        guard (1...16).contains(hidden.count) else {
            throw ArgumentError(parameter: "hidden", message: "argument `hidden` of `multimec.sac` needs 1 to 16 layer widths (got \(hidden.count))")
        }
        let trainer = try MECSACTrainer.train(environments: [environment.environment], configuration: configuration, sink: ContextSink(context: context))
        return .library(try MECSACRunValue(trainer))
    }

    /// The trainer's settings from the arguments (everything else at the scaled plan's defaults).
    var configuration: MECSACConfiguration {
        var c = MECSACConfiguration()
        c.episodes = episodes
        c.seed = seed
        c.sac.hiddenSizes = hidden
        c.sac.batchSize = batch
        c.updatesPerEpisode = updatesPerEpisode
        return c
    }
}
