import LabCore
import Learning
import MultiMEC
import Notebook

/// The arguments SACLoader, MTLoader and MoELoader share: the environments, the interaction
/// budget and the scaled SAC's sizes.
struct MECLearnerArguments: ParameterGroupContent {
    @Parameter(doc: "the training environments, cycled one per episode (at most 1000)") var environments: [MECEnvironmentValue]
    @Parameter(.integers(1...100_000_000), doc: "the interaction budget in environment steps (give every learner the data collection's, `dataset.steps`)") var environmentSteps: Int
    @Parameter(.cellSeed, doc: "seed of the initial networks, the episodes, the action noise and the replay sampling") var seed: UInt64
    @Parameter(default: [128, 128], .integers(1...4096), doc: "hidden layer widths of the policy and both critics") var hidden: [Int]
    @Parameter(default: 128, .integers(1...65_536), doc: "transitions per update") var batch: Int
    @Parameter(default: 4, .integers(0...1_000), doc: "gradient updates after each episode") var updatesPerEpisode: Int
    @Parameter(default: 1_000_000, .integers(1...10_000_000), doc: "replay capacity in transitions") var replay: Int
    @Parameter(default: 2_000, .integers(1...10_000_000), doc: "episodes between checkpoints (a killed run resumes exactly; a checkpoint holds the replay buffer)") var checkpointEvery: Int
    @Parameter(default: "", doc: "the name in evaluation tables (default: the learner's)") var name: String
    @ParameterGroup var retention: CheckpointRetention

    /// The shared SAC settings; the loop is long enough for the budget (every episode plays at
    /// least one step) and stops once it is spent.
    func configuration(function: String) throws -> MECSACConfiguration {
        try MultiMECBindings.check(environments, function: function)
        guard let first = environments.first, environments.allSatisfy({ $0.environment.users == first.environment.users }) else {
            throw ArgumentError(parameter: "environments", message: "argument `environments` of `\(function)` needs at least one environment, all with the same number of UEs")
        }
        guard (1...16).contains(hidden.count) else {
            throw ArgumentError(parameter: "hidden", message: "argument `hidden` of `\(function)` needs 1 to 16 layer widths (got \(hidden.count))")
        }
        var c = MECSACConfiguration()
        c.episodes = environmentSteps
        c.environmentSteps = environmentSteps
        c.sac.hiddenSizes = hidden
        c.sac.batchSize = batch
        c.updatesPerEpisode = updatesPerEpisode
        c.replayCapacity = min(replay, environmentSteps)
        c.checkpointEvery = checkpointEvery
        c.seed = seed
        return c
    }

    /// The per-episode curves of a SAC-family run.
    static func curves(_ names: [String], _ context: any CallContext) throws -> [String: Series] {
        var out: [String: Series] = [:]
        for n in names {
            let points = try context.metricSeries(n)
            out[n] = Series(name: n, steps: points.map(\.step), values: points.map(\.value))
        }
        return out
    }

    static let doc = "Training runs on the loop with the metrics return, cost, length, critic_loss, policy_loss, alpha, entropy per episode in the store and checkpoints every `checkpoint_every` episodes (a killed run resumes exactly); it stops once `environment_steps` steps have been played. Returns a multimec.learner: a policy for multimec.evaluate, with the series members return, cost, length."
}

/// `multimec.sacloader`
struct MECSACLoaderBinding: Binding {
    static let description = BindingDescription("multimec.sacloader", returns: .library(MECLearnerValue.typeName), memoised: true,
        doc: "SACLoader: one SAC policy trained on all the environments, switching environment every episode, without being told which (docs/multimec.md).\n" + MECLearnerArguments.doc)
    @ParameterGroup var arguments: MECLearnerArguments

    func call(_ context: any CallContext) throws -> Value {
        let c = try arguments.configuration(function: "multimec.sacloader")
        arguments.retention.apply(to: context)
        return try MECMTLoaderBinding.train(c, kind: .sacloader, name: arguments.name.isEmpty ? "SACLoader" : arguments.name,
                                            environments: arguments.environments, context: context)
    }
}

/// `multimec.mtloader`
struct MECMTLoaderBinding: Binding {
    static let description = BindingDescription("multimec.mtloader", returns: .library(MECLearnerValue.typeName), memoised: true,
        doc: "MTLoader: SAC with a task encoding appended to the observation: one-hot (the environment's index in the training list; all zeros for an environment outside it) or descriptor ((B/10, F/25, S̄/1000), which unseen environments have too).\n" + MECLearnerArguments.doc)
    @ParameterGroup var arguments: MECLearnerArguments
    @Parameter(default: .oneHot, .strings(["one-hot", "descriptor"]), doc: "one-hot or descriptor") var encoding: MECTaskEncoding

    func call(_ context: any CallContext) throws -> Value {
        var c = try arguments.configuration(function: "multimec.mtloader")
        arguments.retention.apply(to: context)
        c.encoding = encoding
        let name = arguments.name.isEmpty ? (encoding == .oneHot ? "MTLoader" : "MTLoader (descriptor)") : arguments.name
        return try Self.train(c, kind: .mtloader, name: name, environments: arguments.environments, context: context)
    }

    /// Runs `MECSACTrainer` on the loop and wraps the policy.
    static func train(_ c: MECSACConfiguration, kind: MECLearnerValue.Kind, name: String, environments: [MECEnvironmentValue],
                      context: any CallContext) throws -> Value {
        let trainer = try MECSACTrainer.train(environments: environments.map(\.environment), configuration: c, sink: ContextSink(context: context))
        let header = MECLearnerValue.Header(kind: kind, name: name, environments: trainer.environments, sac: c, environmentSteps: trainer.log.steps,
                                            curves: try MECLearnerArguments.curves(["return", "cost", "length"], context))
        return .library(MECLearnerValue(header: header, parameters: ParameterSet(of: trainer.agent.actor)))
    }
}

/// `multimec.moeloader`
struct MECMoELoaderBinding: Binding {
    static let description = BindingDescription("multimec.moeloader", returns: .library(MECLearnerValue.typeName), memoised: true,
        doc: "MoELoader: PMOE-SAC, a mixture of Gaussian experts on a shared trunk with a gate reading the environment descriptor (docs/multimec.md, MoELoader).\n" + MECLearnerArguments.doc)
    @ParameterGroup var arguments: MECLearnerArguments
    @Parameter(default: 3, .integers(1...64), doc: "experts") var experts: Int
    @Parameter(default: 1, .numbers(0...1_000), doc: "weight of the gate loss (0 reproduces the repository, whose gate never trains)") var gateLossWeight: Double

    func call(_ context: any CallContext) throws -> Value {
        var c = MECMoEConfiguration()
        c.base = try arguments.configuration(function: "multimec.moeloader")
        arguments.retention.apply(to: context)
        c.environmentSteps = arguments.environmentSteps
        c.mixture.experts = experts
        c.mixture.gateLossWeight = Float(gateLossWeight)
        let trainer = try MECMoETrainer.train(environments: arguments.environments.map(\.environment), configuration: c, sink: ContextSink(context: context))
        let header = MECLearnerValue.Header(kind: .moeloader, name: arguments.name.isEmpty ? "MoELoader" : arguments.name, environments: trainer.environments,
                                            moe: c, environmentSteps: trainer.stepsPlayed, curves: try MECLearnerArguments.curves(["return", "cost", "length"], context))
        return .library(MECLearnerValue(header: header, parameters: ParameterSet(of: trainer.agent.actor)))
    }
}

/// `multimec.metaloader`
struct MECMetaLoaderBinding: Binding {
    static let description = BindingDescription("multimec.metaloader", returns: .library(MECLearnerValue.typeName), memoised: true,
        doc: "MetaLoader: first-order MAML with REINFORCE and a linear baseline, a documented simplification of the repository's MAML-TRPO (docs/multimec.md, MetaLoader).\nEach meta-iteration plays one episode per environment before and one after the inner step; the run stops once `environment_steps` steps have been played. Metrics cost_before, cost_after, loss_before, loss_after, steps per iteration go to the store, with checkpoints. Returns a multimec.learner that adapts with one episode of each environment it is evaluated on; series members cost_before and cost_after.")
    @Parameter(doc: "the training environments (at most 1000, one UE count)") var environments: [MECEnvironmentValue]
    @Parameter(.integers(1...100_000_000), doc: "the interaction budget in environment steps") var environmentSteps: Int
    @Parameter(.cellSeed, doc: "seed of the initial policy, the episodes and the adaptation at evaluation") var seed: UInt64
    @Parameter(default: [100, 100], .integers(1...4096), doc: "hidden widths of the Gaussian MLP policy") var hidden: [Int]
    @Parameter(default: 0.1, .numbers(0...10), doc: "inner (fast) learning rate") var fastLearningRate: Double
    @Parameter(default: 1e-3, .positive(upTo: 1), doc: "outer Adam learning rate") var metaLearningRate: Double
    @Parameter(default: 50, .integers(1...10_000_000), doc: "meta-iterations between checkpoints") var checkpointEvery: Int
    @Parameter(default: "", doc: "the name in evaluation tables (default MetaLoader)") var name: String
    @ParameterGroup var retention: CheckpointRetention

    func call(_ context: any CallContext) throws -> Value {
        try MultiMECBindings.check(environments, function: "multimec.metaloader")
        retention.apply(to: context)
        guard let first = environments.first, environments.allSatisfy({ $0.environment.users == first.environment.users }) else {
            throw ArgumentError(parameter: "environments", message: "argument `environments` of `multimec.metaloader` needs at least one environment, all with the same number of UEs")
        }
        guard (1...16).contains(hidden.count) else {
            throw ArgumentError(parameter: "hidden", message: "argument `hidden` of `multimec.metaloader` needs 1 to 16 layer widths (got \(hidden.count))")
        }
        var c = MECMetaConfiguration()
        c.hiddenSizes = hidden
        c.fastLearningRate = Float(fastLearningRate)
        c.metaLearningRate = Float(metaLearningRate)
        c.environmentSteps = environmentSteps
        c.metaIterations = (environmentSteps + 2 * environments.count - 1) / (2 * environments.count)  // every iteration plays at least 2 steps per environment
        c.checkpointEvery = checkpointEvery
        c.seed = seed
        let trainer = try MECMetaTrainer.train(environments: environments.map(\.environment), configuration: c, sink: ContextSink(context: context))
        let header = MECLearnerValue.Header(kind: .metaloader, name: name.isEmpty ? "MetaLoader" : name, environments: trainer.environments, meta: c,
                                            baseline: trainer.baseline.coefficients, environmentSteps: trainer.stepsPlayed,
                                            curves: try MECLearnerArguments.curves(["cost_before", "cost_after"], context))
        return .library(MECLearnerValue(header: header, parameters: ParameterSet(of: trainer.policy)))
    }
}

extension MECTaskEncoding: ArgumentValue {}
