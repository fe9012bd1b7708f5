import LabCore
import Learning
import Tensors

/// MAD2RL (docs/vehicular.md, "Learners"): one diffusion actor shared by all agents (agent id
/// appended to the observation), a shared per-agent utility network `Q_i(o_i, ·)` and a QMIX
/// mixer, with target copies of all three moved by soft updates.
///
/// Critic: `y = r + γ·Q_tot⁻(s′, q̄′)` with the expected-SARSA utilities
/// `q̄′_i = Σ_a π⁻(a|o′_i)·Q⁻(o′_i, a)` (target actor, fresh chain noise), loss `(y − Q_tot(s, q))²`
/// averaged over the batch. Actor: `L_π = −mean_B Q_tot(s, [Σ_a π(a|o_i)·Q(o_i, a)]_i) −
/// α·mean_B Σ_i H(π_i)`, back-propagated through the mixer and utilities held fixed (their
/// values are computed without gradient; the mixer's state-dependent weights too) into the
/// whole denoising chain with its noise fixed.
public struct MAD2RLLearner: MARLLearner {
    public static let kind = VehicularLearnedPolicy.Kind.mad2rl
    /// The settings.
    public let configuration: MARLConfiguration
    /// `M`.
    public let agents: Int
    /// The shared diffusion actor and its target.
    public let actor: DiffusionActor, actorTarget: DiffusionActor
    /// The shared utility network and its target.
    public let utility: MLP, utilityTarget: MLP
    /// The mixer and its target.
    public let mixer: QMIXMixer, mixerTarget: QMIXMixer
    private var actorOptimizer: Adam
    private var criticOptimizer: Adam

    /// The actor's configuration for `agents` agents.
    public static func actorConfiguration(_ c: MARLConfiguration, agents: Int) throws -> DiffusionActorConfiguration {
        var a = DiffusionActorConfiguration(observationWidth: VehicularObservation.featureWidth + agents, actions: VehicularObservation.actionWidth)
        a.hidden = c.hidden
        a.steps = c.denoisingSteps
        return try a.validated()
    }

    /// The utility network `o_i ⊕ id → H → H → 8` with ReLU.
    public static func utilityNetwork(_ c: MARLConfiguration, agents: Int, using rng: inout RandomSource) -> MLP {
        MLP([VehicularObservation.featureWidth + agents, c.hidden, c.hidden, VehicularObservation.actionWidth], activation: .relu, using: &rng)
    }

    public init(configuration c: MARLConfiguration, agents m: Int, using rng: inout RandomSource) throws {
        (configuration, agents) = (c, m)
        let a = try Self.actorConfiguration(c, agents: m)
        actor = DiffusionActor(a, using: &rng)
        actorTarget = DiffusionActor(a, using: &rng)
        utility = Self.utilityNetwork(c, agents: m, using: &rng)
        utilityTarget = Self.utilityNetwork(c, agents: m, using: &rng)
        let s = m * VehicularObservation.featureWidth
        mixer = QMIXMixer(stateWidth: s, agents: m, embedding: c.mixerEmbedding, using: &rng)
        mixerTarget = QMIXMixer(stateWidth: s, agents: m, embedding: c.mixerEmbedding, using: &rng)
        try actorTarget.hardUpdate(from: actor)
        try utilityTarget.hardUpdate(from: utility)
        try mixerTarget.hardUpdate(from: mixer)
        actorOptimizer = Adam(actor.parameters)
        criticOptimizer = Adam(utility.parameters + mixer.parameters)
    }

    public var lossNames: [String] { ["critic_loss", "actor_loss"] }

    public func act(rows: Tensor, masks: Tensor, exploring: Bool, step: Int, random: inout RandomSource) -> [Int] {
        let noise = DiffusionNoise(rows: rows.shape[0], actions: VehicularObservation.actionWidth, denoisingSteps: configuration.denoisingSteps, using: &random)
        let p = Tensor.withoutGrad { actor.probabilities(rows, mask: masks, noise: noise) }
        guard exploring else { return Self.maskedArgmax(p, masks: masks) }
        let randomPicks = Self.randomActions(masks: masks, epsilon: configuration.explorationEpsilon, random: &random)
        let a = p.shape[1], probabilities = p.scalars
        let greedy = Self.maskedArgmax(p, masks: masks)
        return randomPicks.enumerated().map { i, pick in
            if let pick { return pick }
            let weights = (0..<a).map { Double(probabilities[i * a + $0]) }
            let total = weights.reduce(0, +)
            // A diverged actor (non-finite probabilities) acts greedily rather than trapping.
            return total > 0 && total.isFinite && weights.allSatisfy { $0 >= 0 } ? random.categorical(weights) : greedy[i]
        }
    }

    public mutating func update(_ batch: MARLBatch, random: inout RandomSource) throws -> [(name: String, value: Double)] {
        let (b, m, a) = (batch.size, agents, VehicularObservation.actionWidth)
        let targetNoise = DiffusionNoise(rows: b * m, actions: a, denoisingSteps: configuration.denoisingSteps, using: &random)
        let y = Tensor.withoutGrad {
            let pi = actorTarget.probabilities(batch.nextRows, mask: batch.masks, noise: targetNoise)
            let expected = (pi * utilityTarget(batch.nextRows)).sum(alongAxis: 1).reshaped([b, m])
            return batch.rewards + mixerTarget(expected, state: batch.nextStates) * configuration.gamma
        }
        let chosen = (utility(batch.rows) * Tensor.oneHot(batch.actions, classes: a)).sum(alongAxis: 1).reshaped([b, m])
        let criticLoss = Loss.mse(mixer(chosen, state: batch.states), y)
        Self.clippedStep(&criticOptimizer, loss: criticLoss, learningRate: configuration.criticLearningRate, clip: configuration.gradientClip)

        let noise = DiffusionNoise(rows: b * m, actions: a, denoisingSteps: configuration.denoisingSteps, using: &random)
        let (values, weights) = Tensor.withoutGrad { (utility(batch.rows), mixer.weights(batch.states)) }
        let logits = actor.logits(batch.rows, noise: noise)
        let pi = logits.softmax(alongAxis: -1, mask: batch.masks)
        let teamValue = mixer.mix((pi * values).sum(alongAxis: 1).reshaped([b, m]), weights: weights)
        let entropy = Entropy.categorical(logits: logits, mask: batch.masks).sum() * (1 / Float(b))
        let actorLoss = -teamValue.mean() - entropy * configuration.entropyWeight
        Self.clippedStep(&actorOptimizer, loss: actorLoss, learningRate: configuration.actorLearningRate, clip: configuration.gradientClip)

        try actorTarget.softUpdate(toward: actor, tau: configuration.tau)
        try utilityTarget.softUpdate(toward: utility, tau: configuration.tau)
        try mixerTarget.softUpdate(toward: mixer, tau: configuration.tau)
        return [("critic_loss", Double(criticLoss.item)), ("actor_loss", Double(actorLoss.item))]
    }

    public func policy() throws -> VehicularLearnedPolicy {
        try VehicularLearnedPolicy(kind: .mad2rl, agents: agents, configuration: configuration, parameters: ParameterSet(of: actor))
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        for (name, module) in [("actor", actor), ("actorTarget", actorTarget), ("utility", utility), ("utilityTarget", utilityTarget),
                               ("mixer", mixer), ("mixerTarget", mixerTarget)] as [(String, any Module)] {
            checkpoint.save(module, as: name)
        }
        checkpoint.save(actorOptimizer, as: "actorAdam")
        checkpoint.save(criticOptimizer, as: "criticAdam")
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        for (name, module) in [("actor", actor), ("actorTarget", actorTarget), ("utility", utility), ("utilityTarget", utilityTarget),
                               ("mixer", mixer), ("mixerTarget", mixerTarget)] as [(String, any Module)] {
            try checkpoint.restore(module, from: name)
        }
        try checkpoint.restore(&actorOptimizer, from: "actorAdam")
        try checkpoint.restore(&criticOptimizer, from: "criticAdam")
    }
}
