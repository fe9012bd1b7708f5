import LabCore
import Learning

/// A trained SAC policy as a ``MECPolicy``: the deterministic action `tanh(μ)` (rlkit's
/// `MakeDeterministic`, the repository's evaluation policy), or a stochastic sample.
///
/// The observation gets the learner's task encoding: the one-hot of the episode's environment
/// in the training list (all zeros for an environment outside it), or its descriptor.
public struct MECSACPolicy: MECPolicy {
    /// The policy network (shared with the trainer that made it).
    public let actor: SACActor
    /// The task encoding the policy was trained with.
    public let encoding: MECTaskEncoding
    /// The training list (for the one-hot index).
    public let environments: [MECEnvironment]
    /// The name in tables.
    public let name: String
    /// Sample instead of acting deterministically.
    public var stochastic = false
    /// The sampling noise (used only when ``stochastic``).
    public var random = RandomSource(seed: 0)
    private var input: [Float] = []

    /// Wraps a trained actor.
    public init(actor: SACActor, encoding: MECTaskEncoding, environments: [MECEnvironment], name: String) {
        (self.actor, self.encoding, self.environments, self.name) = (actor, encoding, environments, name)
    }

    /// Writes the policy's action for the episode's current observation.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        let e = episode.environment
        encoding.augment(episode.observation, environment: e, index: environments.firstIndex(of: e), count: environments.count, into: &input)
        guard input.count == actor.observationSize else {
            // An environment with another UE count than the training list: act all-local.
            actions = Array(repeating: -1, count: e.actionSize)
            return
        }
        actions = actor.act(input, deterministic: !stochastic, using: &random)
    }
}
