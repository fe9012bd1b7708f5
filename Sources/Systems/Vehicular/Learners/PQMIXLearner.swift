import LabCore
import Learning
import Tensors

/// P-QMIX (docs/vehicular.md, "Learners"): the same environment, reward, mixer and allocation as
/// MAD2RL with plain QMIX agents: a shared utility network (agent id appended) acting ε-greedily,
/// ε falling linearly from 1 to 0.05 over ``MARLConfiguration/epsilonDecaySlots`` slots; TD
/// target `y = r + γ·Q_tot⁻(s′, [max_a Q⁻(o′_i, a)]_i)` over allowed actions; hard target copies
/// every ``MARLConfiguration/targetUpdatePeriod`` updates.
public struct PQMIXLearner: MARLLearner {
    public static let kind = VehicularLearnedPolicy.Kind.pqmix
    /// The settings.
    public let configuration: MARLConfiguration
    /// `M`.
    public let agents: Int
    /// The shared utility network and its target.
    public let utility: MLP, utilityTarget: MLP
    /// The mixer and its target.
    public let mixer: QMIXMixer, mixerTarget: QMIXMixer
    private var optimizer: Adam
    /// Updates done so far.
    public private(set) var updates = 0

    public init(configuration c: MARLConfiguration, agents m: Int, using rng: inout RandomSource) throws {
        (configuration, agents) = (c, m)
        utility = MAD2RLLearner.utilityNetwork(c, agents: m, using: &rng)
        utilityTarget = MAD2RLLearner.utilityNetwork(c, agents: m, using: &rng)
        let s = m * VehicularObservation.featureWidth
        mixer = QMIXMixer(stateWidth: s, agents: m, embedding: c.mixerEmbedding, using: &rng)
        mixerTarget = QMIXMixer(stateWidth: s, agents: m, embedding: c.mixerEmbedding, using: &rng)
        try utilityTarget.hardUpdate(from: utility)
        try mixerTarget.hardUpdate(from: mixer)
        optimizer = Adam(utility.parameters + mixer.parameters)
    }

    /// The exploration schedule.
    public var epsilon: EpsilonSchedule { .linear(start: 1, end: 0.05, steps: configuration.epsilonDecaySlots) }

    public var lossNames: [String] { ["critic_loss"] }

    public func act(rows: Tensor, masks: Tensor, exploring: Bool, step: Int, random: inout RandomSource) -> [Int] {
        let greedy = Self.maskedArgmax(Tensor.withoutGrad { utility(rows) }, masks: masks)
        guard exploring else { return greedy }
        let picks = Self.randomActions(masks: masks, epsilon: epsilon.value(at: step), random: &random)
        return zip(picks, greedy).map { $0 ?? $1 }
    }

    public mutating func update(_ batch: MARLBatch, random: inout RandomSource) throws -> [(name: String, value: Double)] {
        let (b, m, a) = (batch.size, agents, VehicularObservation.actionWidth)
        let y = Tensor.withoutGrad {
            let invalid = 1 - batch.masks
            let best = utilityTarget(batch.nextRows).maskedFill(invalid, with: -1e30).max(alongAxis: 1).reshaped([b, m])
            return batch.rewards + mixerTarget(best, state: batch.nextStates) * configuration.gamma
        }
        let chosen = (utility(batch.rows) * Tensor.oneHot(batch.actions, classes: a)).sum(alongAxis: 1).reshaped([b, m])
        let loss = Loss.mse(mixer(chosen, state: batch.states), y)
        Self.clippedStep(&optimizer, loss: loss, learningRate: configuration.criticLearningRate, clip: configuration.gradientClip)
        updates += 1
        if updates % configuration.targetUpdatePeriod == 0 {
            try utilityTarget.hardUpdate(from: utility)
            try mixerTarget.hardUpdate(from: mixer)
        }
        return [("critic_loss", Double(loss.item))]
    }

    public func policy() throws -> VehicularLearnedPolicy {
        try VehicularLearnedPolicy(kind: .pqmix, agents: agents, configuration: configuration, parameters: ParameterSet(of: utility))
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        for (name, module) in [("utility", utility), ("utilityTarget", utilityTarget), ("mixer", mixer), ("mixerTarget", mixerTarget)] as [(String, any Module)] {
            checkpoint.save(module, as: name)
        }
        checkpoint.save(optimizer, as: "adam")
        checkpoint.words["pqmix.updates"] = [UInt64(updates)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        for (name, module) in [("utility", utility), ("utilityTarget", utilityTarget), ("mixer", mixer), ("mixerTarget", mixerTarget)] as [(String, any Module)] {
            try checkpoint.restore(module, from: name)
        }
        try checkpoint.restore(&optimizer, from: "adam")
        updates = Int(truncatingIfNeeded: try checkpoint.words("pqmix.updates", count: 1)[0])
    }
}
