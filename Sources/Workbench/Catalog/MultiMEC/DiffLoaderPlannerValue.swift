import LabCore
import Learning
import MultiMEC
import Notebook

/// A trained DiffLoader planner as a notebook value (`diffloader.train`, `diffloader.policy`):
/// the moving-average network, the normaliser, the prompt pools and return data of every
/// environment it can play, the training curves and the evaluation options.
///
/// It is a policy value, so `multimec.evaluate(planner, …)` plays it receding-horizon
/// (``PlannerPolicy``) on the heuristics' paired episodes. An environment is playable when it is
/// one of the training environments or one whose episodes were added by `diffloader.policy(…,
/// prompts:)`; with ``PlannerPromptMode/none`` or ``PlannerPromptMode/oneHot`` and a constant
/// return target any environment with the training UE count is playable.
///
/// Members: `environments`, `parameters`, `digest` (of the network's parameters), `prompt_mode`, `guidance`, `target`, `name`, the
/// series `loss` and `first_action_loss` (per training step), and `training_steps`.
public struct DiffLoaderPlannerValue: LibraryValue, MECPolicyValue {
    public static let typeName = "diffloader.planner"
    public static let codecVersion = 1

    /// The return condition at evaluation.
    public enum Target: Sendable, Hashable, Codable {
        /// The q-quantile of the environment's initial returns-to-go, carried as a terminal reward.
        case quantile(Double)
        /// The same return-to-go at every step (the repository evaluates with 6).
        case constant(Double)
    }

    /// What an environment needs to be played: its prompt episodes and the initial return-to-go
    /// of each of its recorded episodes.
    public struct Source: Sendable, Hashable {
        /// The environment.
        public var environment: MECEnvironment
        /// Episodes prompts are cut from (environment index 0).
        public var prompts: [PlannerEpisode]
        /// R₀ of every recorded episode, sorted ascending.
        public var initialReturns: [Float]
    }

    /// The architecture and training settings.
    public var configuration: PlannerConfiguration
    /// What the prompt tokens carry.
    public var promptMode: PlannerPromptMode
    /// The training environments, in index order, with their prompt pools and returns.
    public var training: [Source]
    /// Environments added for evaluation (`diffloader.policy(…, prompts:)`).
    public var added: [Source]
    /// The moving-average network's parameters.
    public var parameters: ParameterSet
    /// The observation and action scaling of the training data.
    public var normalizer: PlannerNormalizer
    /// Observation and action widths.
    public var observationSize: Int, actionSize: Int
    /// `loss` and `first_action_loss` per training step.
    public var curves: [String: Series]
    /// The guidance weight at evaluation (nil: the configuration's).
    public var guidance: Double?
    /// The return condition at evaluation.
    public var target: Target
    /// The name in evaluation tables.
    public var name: String

    /// Wraps a trained planner.
    public init(configuration: PlannerConfiguration, promptMode: PlannerPromptMode, training: [Source], added: [Source] = [],
                parameters: ParameterSet, normalizer: PlannerNormalizer, observationSize: Int, actionSize: Int,
                curves: [String: Series], guidance: Double? = nil, target: Target = .quantile(0.9), name: String = "DiffLoader") {
        (self.configuration, self.promptMode, self.training, self.added, self.parameters) = (configuration, promptMode, training, added, parameters)
        (self.normalizer, self.observationSize, self.actionSize, self.curves) = (normalizer, observationSize, actionSize, curves)
        (self.guidance, self.target, self.name) = (guidance, target, name)
    }

    /// The sources of every environment of `dataset` (prompt pools and sorted R₀ values).
    static func sources(of dataset: MECOfflineDataset, discount: Float) -> [Source] {
        func episode(_ e: MECDatasetEpisode) -> PlannerEpisode {
            PlannerEpisode(environment: 0, observations: e.observations, actions: e.actions, rewards: e.rewards)
        }
        var returns = Array(repeating: [Float](), count: dataset.environments.count)
        for e in dataset.episodes { returns[e.environment].append(episode(e).returnToGo(at: 0, discount: discount)) }
        return dataset.environments.indices.map { i in
            Source(environment: dataset.environments[i], prompts: dataset.promptPools[i].map { episode(dataset.episodes[$0]) },
                   initialReturns: returns[i].sorted())
        }
    }

    /// The q-quantile (linear interpolation) of sorted values.
    static func quantile(_ q: Double, of sorted: [Float]) -> Float? {
        guard !sorted.isEmpty, q >= 0, q <= 1 else { return nil }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * Float(position - Double(low))
    }

    /// The network with the stored weights.
    public func planner() throws -> DiffusionPlanner {
        var rng = RandomSource(seed: 0)
        let network = PlannerNetwork(configuration: configuration, observationSize: observationSize, actionSize: actionSize, using: &rng)
        try network.load(parameters)
        return DiffusionPlanner(network: network, normalizer: normalizer)
    }

    public var policyName: String { name }

    /// The receding-horizon controller for `environment`, its randomness from the stream
    /// `diffloader.policy` of `seed`.
    ///
    /// Added sources take precedence over training ones for the same environment.
    public func policy(for environment: MECEnvironment, seed: UInt64) throws -> any MECPolicy {
        guard environment.observationSize == observationSize, environment.actionSize == actionSize else {
            throw LabError(.invalidInput, "this planner was trained with \(observationSize / MECConstants.featuresPerUser) UEs and cannot play \(environment) with \(environment.users); train one with that many UEs")
        }
        let index = training.firstIndex { $0.environment == environment }
        let source = added.first { $0.environment == environment } ?? index.map { training[$0] }
        let rTarget: PlannerReturnTarget
        switch target {
        case .constant(let c):
            rTarget = .constant(Float(c))
        case .quantile(let q):
            guard let r0 = source.flatMap({ Self.quantile(q, of: $0.initialReturns) }) else {
                throw LabError(.invalidInput, "the planner has no recorded episodes of \(environment) for its return target: add them with diffloader.policy(planner, prompts: [a multimec.dataset holding \(environment)]) or use a constant target")
            }
            rTarget = .initial(r0, discount: configuration.discount)
        }
        let pool = source?.prompts ?? []
        if promptMode == .trajectory && pool.isEmpty {
            throw LabError(.invalidInput, "the planner has no prompt episodes of \(environment): add them with diffloader.policy(planner, prompts: [a multimec.dataset holding \(environment)])")
        }
        let prompts = promptMode.prompts(pool: pool, index: index, count: training.count, length: configuration.promptLength,
                                         observationSize: observationSize, actionSize: actionSize)
        return try PlannerPolicy(planner: try planner(), prompts: prompts, target: rTarget, guidance: guidance.map(Float.init),
                                 random: RandomSource(seed: seed, stream: "diffloader.policy"), name: name)
    }

    public var summary: String {
        "diffloader.planner \(name): \(training.count) training environments, \(promptMode.rawValue) prompts, width \(configuration.width), \(configuration.layers) layers, H \(configuration.horizon), K \(configuration.diffusionSteps), \(configuration.trainingSteps) steps"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "environments": return .list(training.map { .library(MECEnvironmentValue($0.environment)) })
        case "parameters": return .int(parameters.tensors.values.reduce(0) { $0 + $1.count })
        case "digest": return .string(parameters.digest.hex)
        case "prompt_mode": return .string(promptMode.rawValue)
        case "guidance": return .number(guidance ?? Double(configuration.guidance))
        case "target":
            switch target {
            case .quantile(let q): return .string("quantile \(Table.formatted(q))")
            case .constant(let c): return .string("constant \(Table.formatted(c))")
            }
        case "name": return .string(self.name)
        case "training_steps": return .int(configuration.trainingSteps)
        case "loss", "first_action_loss": return curves[name].map(Value.series)
        default: return nil
        }
    }
}

extension DiffLoaderPlannerValue: ArgumentValue {}
extension PlannerPromptMode: ArgumentValue {}
