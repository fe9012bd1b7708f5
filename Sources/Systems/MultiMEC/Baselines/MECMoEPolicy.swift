import LabCore
import Learning

/// A trained MoELoader policy as a ``MECPolicy``: the most likely expert's `tanh(μ)` for the
/// environment's descriptor, or (``stochastic``) an expert drawn from the gate and sampled.
public struct MECMoEPolicy: MECPolicy {
    /// The mixture policy (shared with the trainer that made it).
    public let actor: PMOEActor
    /// The name in tables.
    public let name: String
    /// Sample instead of acting deterministically.
    public var stochastic = false
    /// The sampling noise (used only when ``stochastic``).
    public var random = RandomSource(seed: 0)

    /// Wraps a trained actor.
    public init(actor: PMOEActor, name: String) { (self.actor, self.name) = (actor, name) }

    /// Writes the policy's action for the episode's current observation.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        let e = episode.environment, descriptor = e.descriptor
        guard episode.observation.count == actor.observationSize, descriptor.count == actor.descriptorSize else {
            // An environment with another UE count than the training list: act all-local.
            actions = Array(repeating: -1, count: e.actionSize)
            return
        }
        actions = actor.act(episode.observation, descriptor: descriptor, deterministic: !stochastic, using: &random)
    }
}
