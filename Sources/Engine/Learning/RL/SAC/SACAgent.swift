import LabCore
import Tensors

/// Soft actor-critic with twin Q networks, soft targets and automatic entropy tuning: the
/// networks, their optimisers and one update, generic over observation and action widths.
///
/// ``update(_:noise:)`` follows rlkit's `SACTrainer.train_from_torch` step for step:
/// 1. sample `ã, log π(ã|s)` (reparameterised, noise ε); temperature loss
///    `−mean(log α · (log π + H̄))` with log π detached; one Adam step on log α; α ← exp(log α);
/// 2. policy loss `mean(α·log π − min(Q₁(s, ã), Q₂(s, ã)))`;
/// 3. critic target `y = scale·r + (1 − d)·γ·(min(Q̄₁, Q̄₂)(s′, ã′) − α·log π(ã′|s′))` with
///    `ã′` sampled at s′ (noise ε′) from the policy before this update, no gradient;
///    critic losses `mean((Qᵢ(s, a) − y)²)`;
/// 4. one Adam step on the policy, one on each critic; targets `θ̄ ← τ·θ + (1 − τ)·θ̄`.
///
/// The modules are classes (parameter trees); the optimiser moments, step counts and log α are
/// saved by ``save(into:as:)``, so an agent restored from a checkpoint continues bit-identically.
public struct SACAgent {
    /// The settings.
    public let configuration: SACConfiguration
    /// The policy.
    public let actor: SACActor
    /// The twin critics, their targets and the temperature.
    public private(set) var critics: SoftCritics
    private var actorOptimizer: Adam
    /// Updates done so far.
    public private(set) var updates = 0

    /// A fresh agent whose networks are initialised from `seed`.
    ///
    /// - Throws: `.invalidInput` for an invalid configuration or non-positive sizes.
    public init(observationSize: Int, actionSize: Int, configuration: SACConfiguration, seed: UInt64) throws {
        let c = try configuration.validated()
        guard observationSize > 0, actionSize > 0 else {
            throw LabError(.invalidInput, "SAC needs positive observation and action sizes (got \(observationSize) and \(actionSize))")
        }
        let root = RandomSource(seed: seed, stream: "sac.init")
        var r = root.derived("actor")
        actor = SACActor(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &r)
        critics = try SoftCritics(observationSize: observationSize, actionSize: actionSize, configuration: c, root: root)
        self.configuration = c
        actorOptimizer = Adam(actor.parameters)
    }

    /// The current temperature α (1 without automatic tuning, as in rlkit).
    public var alpha: Float { critics.alpha }
    /// The first critic.
    public var critic1: SACCritic { critics.critic1 }
    /// The second critic.
    public var critic2: SACCritic { critics.critic2 }
    /// The first critic's target.
    public var target1: SACCritic { critics.target1 }
    /// The second critic's target.
    public var target2: SACCritic { critics.target2 }
    /// log α, shape `[1]`.
    public var logAlpha: Parameter { critics.logAlpha }

    /// Observation width.
    public var observationSize: Int { actor.observationSize }
    /// Action width.
    public var actionSize: Int { actor.actionSize }

    /// One update on `batch` with standard normals drawn from `rng` (see ``SACNoise``).
    public mutating func update(_ batch: SACBatch, using rng: inout RandomSource) throws -> SACUpdateMetrics {
        try update(batch, noise: SACNoise(count: batch.count, actionSize: actionSize, using: &rng))
    }

    /// One update on `batch` with the given noise (see the type's documentation for the steps).
    ///
    /// - Throws: `.shape` when the batch or noise does not fit the networks.
    public mutating func update(_ batch: SACBatch, noise: SACNoise) throws -> SACUpdateMetrics {
        let n = batch.count, o = observationSize, a = actionSize
        guard n > 0, batch.observations.shape == [n, o], batch.nextObservations.shape == [n, o], batch.actions.shape == [n, a],
              batch.rewards.shape == [n, 1], batch.terminals.shape == [n, 1], noise.current.shape == [n, a], noise.next.shape == [n, a] else {
            throw LabError(.shape, "a SAC batch of \(n) needs observations [\(n), \(o)], actions and noise [\(n), \(a)], rewards and terminals [\(n), 1]")
        }
        let c = configuration, lr = c.learningRate
        // 1. Policy sample at s; temperature.
        let (newActions, logPi) = actor.sample(batch.observations, noise: noise.current)
        let alphaLoss = critics.temperatureStep(logPi: logPi, learningRate: lr)
        let alpha = self.alpha
        // 2. Policy loss through frozen critics.
        let policyLoss = (logPi * alpha - critics.frozenMinimum(batch.observations, newActions)).mean()
        // 3. Critic targets and losses.
        let target = Tensor.withoutGrad {
            let (nextActions, nextLogPi) = actor.sample(batch.nextObservations, noise: noise.next)
            let qNext = critics.targetMinimum(batch.nextObservations, nextActions) - nextLogPi * alpha
            return batch.rewards * c.rewardScale + (1 - batch.terminals) * qNext * c.discount
        }
        let (q1, q1Loss, q2Loss) = critics.losses(batch.observations, batch.actions, target: target)
        // 4. Steps and target updates.
        actorOptimizer.zeroGrad()
        policyLoss.backward()
        actorOptimizer.step(learningRate: lr)
        try critics.criticStep(q1Loss + q2Loss, learningRate: lr, tau: c.tau)
        updates += 1
        return SACUpdateMetrics(critic1Loss: q1Loss.item, critic2Loss: q2Loss.item, policyLoss: policyLoss.item, alpha: alpha,
                                alphaLoss: alphaLoss, meanLogProb: logPi.mean().item, meanQ: Tensor.withoutGrad { q1.mean().item })
    }
}

/// What one ``SACAgent`` update reports.
public struct SACUpdateMetrics: Sendable, Hashable {
    /// Mean squared error of the first critic.
    public var critic1Loss: Float
    /// Mean squared error of the second critic.
    public var critic2Loss: Float
    /// `mean(α·log π − min Q)`.
    public var policyLoss: Float
    /// α after this update's temperature step (the value the losses used).
    public var alpha: Float
    /// The temperature loss (0 without automatic tuning).
    public var alphaLoss: Float
    /// Mean log π of the fresh actions (−entropy estimate).
    public var meanLogProb: Float
    /// Mean Q₁ of the batch's actions.
    public var meanQ: Float
}

extension SACAgent: Checkpointable {
    /// Saves the five networks (`name.actor`, `name.critic1`, …), log α (`name.logAlpha`), the three
    /// Adam states and the update count (`name.updates`).
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        checkpoint.save(actor, as: "\(name).actor")
        critics.save(into: &checkpoint, as: name)
        checkpoint.save(actorOptimizer, as: "\(name).actorAdam")
        checkpoint.words["\(name).updates"] = [UInt64(updates)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        try checkpoint.restore(actor, from: "\(name).actor")
        try critics.restore(from: checkpoint, as: name, agent: "SAC")
        try checkpoint.restore(&actorOptimizer, from: "\(name).actorAdam")
        updates = Int(truncatingIfNeeded: try checkpoint.words("\(name).updates", count: 1)[0])
    }
}
