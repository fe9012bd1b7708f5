import LabCore
import Learning
import MultiMEC
import Notebook

/// The planner's sizes as `diffloader.train` arguments (defaults: the scaled model of docs/multimec.md).
struct PlannerSizes: ParameterGroupContent {
    @Parameter(default: 128, .integers(2...4096), doc: "token width D (even, a multiple of `heads`)") var width: Int
    @Parameter(default: 2, .integers(1...64), doc: "transformer blocks") var layers: Int
    @Parameter(default: 2, .integers(1...64), doc: "attention heads") var heads: Int
    @Parameter(default: 256, .integers(1...65_536), doc: "MLP width inside each block") var innerWidth: Int
    @Parameter(default: [256], .integers(1...4096), doc: "hidden widths of the prompt and state embedding MLPs (1 to 8 layers)") var embeddingHidden: [Int]
    @Parameter(default: 4, .integers(1...20), doc: "planned actions H") var horizon: Int
    @Parameter(default: 2, .integers(1...20), doc: "past observations conditioned on") var history: Int
    @Parameter(default: 5, .integers(1...19), doc: "(observation, action) pairs per prompt (the dataset's prompt episodes must be at least this long)") var promptLength: Int
    @Parameter(default: 20, .integers(1...1000), doc: "diffusion steps K") var diffusionSteps: Int

    /// Checks what one declaration cannot, naming the argument.
    func check() throws {
        guard width % 2 == 0, width % heads == 0 else {
            throw ArgumentError(parameter: "width", message: "argument `width` of `diffloader.train` must be even and a multiple of `heads` (\(heads)), not \(width)")
        }
        guard (1...8).contains(embeddingHidden.count) else {
            throw ArgumentError(parameter: "embedding_hidden", message: "argument `embedding_hidden` of `diffloader.train` needs 1 to 8 widths (got \(embeddingHidden.count))")
        }
    }
}

/// `diffloader.train`
struct DiffLoaderTrainBinding: Binding {
    static let description = BindingDescription("diffloader.train", returns: .library(DiffLoaderPlannerValue.typeName), memoised: true,
        doc: "Trains DiffLoader's prompt-conditioned diffusion planner on an offline multi-MEC dataset (docs/multimec.md, the diffusion planner).\nOne training step is one Adam step on `items` items of one window per training environment; the metrics loss (the weighted Huber loss) and first_action_loss go to the store with a checkpoint every `checkpoint_every` steps (a killed run resumes bit-identically). `prompts`: trajectory (few-shot prompts cut from the environment's prompt pool), none (all-zero prompts, ablation a) or one-hot (the environment's index, ablation b). Returns a diffloader.planner: a policy for multimec.evaluate (receding horizon, return target the 90th percentile of the environment's initial returns-to-go; diffloader.policy changes w, the target and adds environments), with the series members loss and first_action_loss.")
    @Parameter(doc: "the multimec.dataset to train on (multimec.collect)") var dataset: MECDatasetValue
    @Parameter(default: .trajectory, doc: "what the prompt tokens carry: trajectory, none or one-hot") var prompts: PlannerPromptMode
    @ParameterGroup var sizes: PlannerSizes
    @Parameter(default: 20_000, .integers(1...10_000_000), doc: "optimiser steps") var steps: Int
    @Parameter(default: 8, .integers(1...4096), doc: "items per batch, each one window of every training environment") var items: Int
    @Parameter(default: 2e-4, .positive(upTo: 1), doc: "Adam learning rate") var learningRate: Double
    @Parameter(default: 0.2, .numbers(0...1), doc: "probability of dropping the return in training (classifier-free guidance)") var returnDropout: Double
    @Parameter(default: 1_000, .integers(1...10_000_000), doc: "steps between checkpoints") var checkpointEvery: Int
    @Parameter(.cellSeed, doc: "seed of the initial weights and of every batch, step index, noise and mask") var seed: UInt64
    @Parameter(default: "DiffLoader", doc: "the planner's name in evaluation tables") var name: String
    @ParameterGroup var retention: CheckpointRetention

    /// The planner's configuration from the arguments.
    var configuration: PlannerConfiguration {
        var c = PlannerConfiguration()
        (c.width, c.layers, c.heads, c.innerWidth, c.embeddingHidden) = (sizes.width, sizes.layers, sizes.heads, sizes.innerWidth, sizes.embeddingHidden)
        (c.horizon, c.history, c.promptLength, c.diffusionSteps) = (sizes.horizon, sizes.history, sizes.promptLength, sizes.diffusionSteps)
        (c.trainingSteps, c.itemsPerBatch, c.learningRate, c.returnDropout) = (steps, items, Float(learningRate), Float(returnDropout))
        c.checkpointEvery = checkpointEvery
        return c
    }

    func call(_ context: any CallContext) throws -> Value {
        try sizes.check()
        retention.apply(to: context)
        let c = configuration
        let offline = dataset.dataset
        for (e, pool) in offline.promptPools.enumerated() where pool.contains(where: { offline.episodes[$0].length < c.promptLength }) {
            throw ArgumentError(parameter: "prompt_length", message: "argument `prompt_length` of `diffloader.train` is \(c.promptLength), but \(offline.environments[e])'s prompt pool holds a shorter episode; draw pools of at least that length (multimec.prompts(dataset, min_length: \(c.promptLength)))")
        }
        let data = try PlannerDataset(offline, promptLength: c.promptLength).withPromptMode(prompts, promptLength: c.promptLength)
        let planner = try DiffusionPlanner.train(data, configuration: c, seed: seed, sink: ContextSink(context: context))
        var curves: [String: Series] = [:]
        for metric in ["loss", "first_action_loss"] {
            let points = try context.metricSeries(metric)
            curves[metric] = Series(name: metric, steps: points.map(\.step), values: points.map(\.value))
        }
        return .library(DiffLoaderPlannerValue(configuration: c, promptMode: prompts, training: DiffLoaderPlannerValue.sources(of: offline, discount: c.discount),
                                               parameters: ParameterSet(of: planner.network), normalizer: planner.normalizer,
                                               observationSize: offline.observationSize, actionSize: offline.actionSize, curves: curves, name: name))
    }
}

/// `diffloader.policy`
struct DiffLoaderPolicyBinding: Binding {
    static let description = BindingDescription("diffloader.policy", returns: .library(DiffLoaderPlannerValue.typeName), memoised: false,
        doc: "A trained planner with other evaluation options: guidance weight, return target, sampling temperature, environments to play and name.\nThe target is `quantile` (the q-quantile of the environment's initial returns-to-go over its recorded episodes, carried to step t as a terminal reward; 0.9 is the reproduction's choice) or `constant` (the same R_t at every step; the repository evaluates with 6). `prompts` adds every environment of the given datasets (their prompt pools and returns), e.g. short SAC runs on unseen environments (multimec.collect).")
    @Parameter(doc: "a diffloader.planner") var planner: DiffLoaderPlannerValue
    @Parameter(default: 1.2, .numbers(-100...100), doc: "guidance weight w (0: no return conditioning)") var guidance: Double
    @Parameter(default: "quantile", .strings(["quantile", "constant"]), doc: "quantile or constant") var target: String
    @Parameter(default: 0.9, .numbers(0...1), doc: "q of the quantile target") var quantile: Double
    @Parameter(default: 6, .numbers(-1_000_000...1_000_000), doc: "R_t of the constant target") var constant: Double
    @Parameter(default: [], doc: "multimec.dataset values whose environments the planner may then play") var prompts: [MECDatasetValue]
    @Parameter(default: "", doc: "the name in evaluation tables (default: the planner's)") var name: String
    @Parameter(default: 0.5, .numbers(0...10), doc: "sampling temperature: the factor on the noise injected at each denoising step (0.5 is the repository's; 1 samples the learned distribution)", keyedAtDefault: false)
    var temperature: Double

    func call(_ context: any CallContext) throws -> Value {
        var p = planner
        p.guidance = guidance
        p.configuration.noiseScale = Float(temperature)
        let (q, c) = (quantile, constant)
        p.target = target == "constant" ? .constant(c) : .quantile(q)
        if !name.isEmpty { p.name = name }
        for (i, d) in prompts.enumerated() {
            guard d.dataset.observationSize == p.observationSize else {
                throw ArgumentError(parameter: "prompts", message: "argument `prompts` of `diffloader.policy`: dataset \(i) has \(d.dataset.observationSize / MECConstants.featuresPerUser) UEs, the planner \(p.observationSize / MECConstants.featuresPerUser)")
            }
            for s in DiffLoaderPlannerValue.sources(of: d.dataset, discount: p.configuration.discount) {
                guard !s.prompts.contains(where: { $0.length < p.configuration.promptLength }) else {
                    throw ArgumentError(parameter: "prompts", message: "argument `prompts` of `diffloader.policy`: \(s.environment)'s prompt pool holds an episode shorter than the planner's prompt length \(p.configuration.promptLength)")
                }
                p.added.removeAll { $0.environment == s.environment }
                p.added.append(s)
            }
        }
        return .library(p)
    }
}
