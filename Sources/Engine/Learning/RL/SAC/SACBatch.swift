import LabCore
import Tensors

/// A minibatch of transitions for ``SACAgent/update(_:noise:)``.
public struct SACBatch: Sendable {
    /// States `[N, O]`.
    public var observations: Tensor
    /// Actions taken `[N, A]` (the policy's raw output, before any clipping by the environment).
    public var actions: Tensor
    /// Rewards `[N, 1]`.
    public var rewards: Tensor
    /// Next states `[N, O]`.
    public var nextObservations: Tensor
    /// 1 where the transition ended its episode (no bootstrapping), else 0, `[N, 1]`.
    public var terminals: Tensor

    /// A batch from its five parts.
    public init(observations: Tensor, actions: Tensor, rewards: Tensor, nextObservations: Tensor, terminals: Tensor) {
        (self.observations, self.actions, self.rewards, self.nextObservations, self.terminals) =
            (observations, actions, rewards, nextObservations, terminals)
    }

    /// Transitions in rows.
    public var count: Int { observations.shape.first ?? 0 }
}

/// How a transition is packed into one ``ReplayBuffer`` row: observation, action, reward, next
/// observation, terminal flag (`2·O + A + 2` floats).
public struct SACTransitionLayout: Sendable, Hashable {
    /// Observation width O.
    public let observationSize: Int
    /// Action width A.
    public let actionSize: Int

    /// The layout for O-wide observations and A-wide actions.
    public init(observationSize: Int, actionSize: Int) { (self.observationSize, self.actionSize) = (observationSize, actionSize) }

    /// Floats per row.
    public var width: Int { 2 * observationSize + actionSize + 2 }

    /// Writes one transition as a row into `row` (resized to ``width``).
    public func pack(observation: [Float], action: [Float], reward: Float, nextObservation: [Float], terminal: Bool, into row: inout [Float]) throws {
        guard observation.count == observationSize, nextObservation.count == observationSize, action.count == actionSize else {
            throw LabError(.shape, "a transition needs \(observationSize)-wide observations and a \(actionSize)-wide action (got \(observation.count), \(nextObservation.count) and \(action.count))")
        }
        row.removeAll(keepingCapacity: true)
        row += observation
        row += action
        row.append(reward)
        row += nextObservation
        row.append(terminal ? 1 : 0)
    }

    /// Splits `[N, width]` replay rows into a batch.
    public func batch(_ rows: Tensor) -> SACBatch {
        Tensor.withoutGrad {
            let p = rows.split(sizes: [observationSize, actionSize, 1, observationSize, 1], alongAxis: 1)
            return SACBatch(observations: p[0], actions: p[1], rewards: p[2], nextObservations: p[3], terminals: p[4])
        }
    }
}

/// The standard normals of one update: ε for the policy at the batch's states and ε′ at its next states.
public struct SACNoise: Sendable {
    /// ε `[N, A]` for the policy loss and the temperature loss.
    public var current: Tensor
    /// ε′ `[N, A]` for the critic target.
    public var next: Tensor

    /// Given noise (the benchmark feeds both frameworks the same).
    public init(current: Tensor, next: Tensor) { (self.current, self.next) = (current, next) }

    /// Draws both from `rng`: ε first, as rlkit samples the policy at the states first.
    public init(count: Int, actionSize: Int, using rng: inout RandomSource) {
        current = .normal([count, actionSize], using: &rng)
        next = .normal([count, actionSize], using: &rng)
    }
}
