import LabCore
import Learning
import Tensors

/// MetaLoader at test time as a ``MECPolicy``: before acting in an environment it has not met,
/// it plays one adaptation episode there and takes one inner gradient step, then acts with the
/// adapted policy's mean μ(s) (the environment clips it to ±0.99).
///
/// The adaptation episode's seed and action noise come from ``adaptationSeed`` and the
/// environment (``MECMetaLearning/adaptationSeed(_:_:)``), so the adaptation is the same
/// whatever the evaluation seed and however often the policy is rebuilt; it does not count
/// towards the training budget. ``adapt(to:)`` does the same step explicitly.
public struct MECMetaPolicy: MECPolicy {
    /// The meta-trained policy network (its current weights are θ).
    public let policy: GaussianMLPPolicy
    /// The baseline used by the adaptation step.
    public let baseline: LinearFeatureBaseline
    /// The fast rate and discount.
    public let configuration: MECMetaConfiguration
    /// Seeds the adaptation episodes.
    public let adaptationSeed: UInt64
    /// The name in tables.
    public let name: String
    /// The environment adapted to and its weights.
    public private(set) var adapted: (environment: MECEnvironment, weights: [Tensor])?

    /// Wraps a meta-trained policy.
    public init(policy: GaussianMLPPolicy, baseline: LinearFeatureBaseline, configuration: MECMetaConfiguration, adaptationSeed: UInt64, name: String) {
        (self.policy, self.baseline, self.configuration, self.adaptationSeed, self.name) = (policy, baseline, configuration, adaptationSeed, name)
    }

    /// Adapts to `environment` now (one episode, one inner step) and returns the adaptation episode.
    ///
    /// - Throws: `.shape` when the environment's UE count differs from the training list's.
    @discardableResult
    public mutating func adapt(to environment: MECEnvironment) throws -> MECMetaEpisode {
        guard environment.observationSize == policy.observationSize else {
            throw LabError(.shape, "MetaLoader was trained on \(policy.observationSize / MECConstants.featuresPerUser) UEs; \(environment.users) UEs cannot be served")
        }
        let seed = MECMetaLearning.adaptationSeed(adaptationSeed, environment)
        var acting = RandomSource(seed: seed, stream: "act")
        let theta = policy.weights.map { $0.detached() }
        let episode = try MECMetaLearning.rollout(policy, weights: theta, environment: environment, seed: seed, acting: &acting)
        let weights = MECMetaLearning.adapt(policy, weights: theta, episode: episode, baseline: baseline, discount: configuration.discount,
                                            fastLearningRate: configuration.fastLearningRate)
        adapted = (environment, weights)
        return episode
    }

    /// Writes the adapted policy's mean action, adapting first when the environment is new.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        let e = episode.environment
        if adapted?.environment != e, (try? adapt(to: e)) == nil {
            actions = Array(repeating: -1, count: e.actionSize)  // another UE count: all-local
            return
        }
        guard let weights = adapted?.weights else { return }
        var unused = RandomSource(seed: 0)
        actions = policy.act(episode.observation, weights: weights, deterministic: true, using: &unused)
    }
}
