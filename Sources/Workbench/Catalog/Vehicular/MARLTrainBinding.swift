import LabCore
import Learning
import Notebook
import Vehicular

/// The arguments shared by `mad2rl.train` and `pqmix.train`: the scenario, the budget, the
/// ablation switches and the sizes (defaults: docs/vehicular.md §8).
struct MARLTrainingArguments: ParameterGroupContent {
    @Parameter(doc: "the scenario trained on; its `slots` is the episode length, its `vehicles` the agents (at most 64, no V2V)") var scenario: VehicularScenarioValue
    @Parameter(default: 1500, .integers(1...1_000_000), doc: "training episodes") var episodes: Int
    @Parameter(.cellSeed, doc: "seed of the initial weights, the training episodes, exploration and replay sampling") var seed: UInt64
    @Parameter(default: 1, .integers(1...1000), doc: "one update every this many slots after the warm-up") var updateEvery: Int
    @Parameter(default: 1000, .integers(1...10_000_000), doc: "slots played before the first update (at least `batch_size`)") var warmup: Int
    @Parameter(default: 64, .integers(1...65_536), doc: "transitions per update") var batchSize: Int
    @Parameter(default: 100_000, .integers(1...10_000_000), doc: "replay capacity in transitions") var replay: Int
    @Parameter(default: 64, .integers(1...4096), doc: "hidden width of the actor and the utility network") var hidden: Int
    @Parameter(default: 32, .integers(1...4096), doc: "embedding width of the QMIX mixer") var mixer: Int
    @Parameter(default: .c1, doc: "RSU allocation inside the environment step: c1 (Algorithm C-1) or equal (the ablation)") var allocation: MARLConfiguration.AllocationRule
    @Parameter(default: true, doc: "drift-plus-penalty reward and allocation weights; false: reward −ΣT/M and weights 1 (the ablation)") var lyapunov: Bool
    @Parameter(default: 50, .integers(0...1_000_000), doc: "episodes between evaluations on the fixed episodes (0: none)") var evaluateEvery: Int
    @Parameter(default: 5, .integers(1...1000), doc: "fixed-seed episodes per evaluation") var evaluationEpisodes: Int
    @Parameter(default: 1, doc: "seed of the evaluation episodes (the episodes `vehicular.evaluate(…, seed:)` plays at this seed)") var evaluationSeed: UInt64
    @Parameter(default: 50, .integers(1...1_000_000), doc: "episodes between checkpoints (a killed run resumes from the last)") var checkpointEvery: Int
    @ParameterGroup var retention: CheckpointRetention
    @Parameter(default: "", doc: "the label of the policy's rows in evaluation tables (default: the kind, then -k<K>, -equal, -nolyap where the design differs)") var name: String?

    /// The trainer's configuration with every shared argument applied.
    func configuration() -> MARLConfiguration {
        var c = MARLConfiguration()
        c.episodes = episodes
        c.seed = seed
        c.updateEvery = updateEvery
        c.warmupSlots = warmup
        c.batchSize = batchSize
        c.replayCapacity = replay
        c.hidden = hidden
        c.mixerEmbedding = mixer
        c.allocation = allocation
        c.lyapunovGuidance = lyapunov
        c.evaluateEveryEpisodes = evaluateEvery
        c.evaluationEpisodes = evaluationEpisodes
        c.evaluationSeed = evaluationSeed
        c.checkpointEveryEpisodes = checkpointEvery
        return c
    }

    /// Checks what one declaration cannot, naming the argument.
    func check(_ c: MARLConfiguration, function: String) throws {
        let s = scenario.scenario
        guard !s.v2v else { throw ArgumentError(parameter: "scenario", message: "argument `scenario` of `\(function)` must be a scenario without V2V (the learners' action is the partition only)") }
        guard s.vehicles <= VehicularLearnedPolicy.maximumAgents else {
            throw ArgumentError(parameter: "scenario", message: "argument `scenario` of `\(function)` must have at most \(VehicularLearnedPolicy.maximumAgents) vehicles, not \(s.vehicles)")
        }
        guard warmup >= batchSize else {
            throw ArgumentError(parameter: "warmup", message: "argument `warmup` of `\(function)` must be at least `batch_size` (\(batchSize)), not \(warmup)")
        }
        let floats = replay * MARLBatch.rowWidth(agents: s.vehicles)
        guard floats <= MAD2RLTrainer.maximumReplayFloats else {
            throw ArgumentError(parameter: "replay", message: "argument `replay` of `\(function)` must fit in \(MAD2RLTrainer.maximumReplayFloats / (1 << 18)) MiB at \(s.vehicles) vehicles, not \(replay) transitions (\(floats / (1 << 18)) MiB)")
        }
    }

    /// The curves a trainer records.
    static func metricNames(_ kind: VehicularLearnedPolicy.Kind) -> [String] {
        ["episode_return", "mean_completion", "mean_queue", "critic_loss"] + (kind == .mad2rl ? ["actor_loss"] : []) + ["eval_return", "eval_completion", "eval_queue"]
    }

    static func doc(_ what: String) -> String {
        "Trains \(what) on episodes of a scenario (docs/vehicular.md §8) through the resumable training loop.\nEpisode metrics (episode_return, mean_completion, mean_queue, the losses) and, every `evaluate_every` episodes, eval_return, eval_completion, eval_queue go to the store, with a checkpoint every `checkpoint_every` episodes (a killed run resumes bit-identically). Returns a vehicular.model: the vec-policy/1 policy, with those curves as series members (steps are slots)."
    }

    /// Runs the trainer through the call context and wraps the result.
    func train<L: MARLLearner>(_ learner: L.Type, configuration c: MARLConfiguration, function: String, context: any CallContext) throws -> Value {
        retention.apply(to: context)
        try check(c, function: function)
        var trainer = try MARLTrainer<L>(scenario: scenario.scenario, configuration: c)
        try trainer.loop.run(&trainer, sink: ContextSink(context: context))
        let policy = try trainer.policy()
        var curves: [String: [Double]] = [:], steps: [String: [Int]] = [:]
        for metric in Self.metricNames(policy.kind) {
            let series = try context.metricSeries(metric)
            curves[metric] = series.map(\.value)
            steps[metric] = series.map(\.step)
        }
        let label = name ?? VehicularModelValue.label(policy.kind, c)
        return .library(VehicularModelValue(header: .init(name: label, curves: curves, curveSteps: steps), policy: policy))
    }
}

/// `mad2rl.train`
struct MAD2RLTrainBinding: Binding {
    static let description = BindingDescription("mad2rl.train", returns: .library(VehicularModelValue.typeName), memoised: true,
                                                doc: MARLTrainingArguments.doc("MAD2RL (shared diffusion actor, per-agent utilities, QMIX mixer)"))
    @ParameterGroup var training: MARLTrainingArguments
    @Parameter(default: 5, .integers(1...1000), doc: "K: denoising steps of the diffusion actor") var steps: Int

    func call(_ context: any CallContext) throws -> Value {
        var c = training.configuration()
        c.denoisingSteps = steps
        return try training.train(MAD2RLLearner.self, configuration: c, function: "mad2rl.train", context: context)
    }
}

/// `pqmix.train`
struct PQMIXTrainBinding: Binding {
    static let description = BindingDescription("pqmix.train", returns: .library(VehicularModelValue.typeName), memoised: true,
                                                doc: MARLTrainingArguments.doc("P-QMIX (ε-greedy agents, the same utilities and mixer)"))
    @ParameterGroup var training: MARLTrainingArguments
    @Parameter(default: 50_000, .integers(0...1_000_000_000), doc: "slots over which ε decays linearly from 1 to 0.05") var epsilonDecay: Int
    @Parameter(default: 200, .integers(1...1_000_000), doc: "updates between hard target copies") var targetPeriod: Int

    func call(_ context: any CallContext) throws -> Value {
        var c = training.configuration()
        c.epsilonDecaySlots = epsilonDecay
        c.targetUpdatePeriod = targetPeriod
        return try training.train(PQMIXLearner.self, configuration: c, function: "pqmix.train", context: context)
    }
}

extension MARLConfiguration.AllocationRule: ArgumentValue {}
