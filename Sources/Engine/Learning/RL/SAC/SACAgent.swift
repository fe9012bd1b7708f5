#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// The first critic.
    public let critic1: SACCritic
    /// The second critic.
    public let critic2: SACCritic
    /// The first critic's target.
    public let target1: SACCritic
    /// The second critic's target.
    public let target2: SACCritic
    /// log α, shape `[1]`.
    public let logAlpha: Parameter
    /// The entropy target H̄.
    public let targetEntropy: Float
    private var actorOptimizer: Adam
    private var criticOptimizer: Adam
    private var alphaOptimizer: Adam
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
        var r1 = root.derived("critic1"), r2 = root.derived("critic2"), t1 = root.derived("target1"), t2 = root.derived("target2")
        critic1 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &r1)
        critic2 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &r2)
        target1 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &t1)
        target2 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &t2)
        if c.copyTargetsAtStart {
            try target1.hardUpdate(from: critic1)
            try target2.hardUpdate(from: critic2)
        }
        logAlpha = Parameter(Tensor([0]))
        targetEntropy = c.entropyTarget(actionSize: actionSize)
        self.configuration = c
        actorOptimizer = Adam(actor.parameters)
        criticOptimizer = Adam(critic1.parameters + critic2.parameters)
        alphaOptimizer = Adam([logAlpha])
    }

    /// The current temperature α (1 without automatic tuning, as in rlkit).
    public var alpha: Float { configuration.automaticEntropyTuning ? expf(logAlpha.value.item) : 1 }

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
        var alphaLoss: Float = 0
        if c.automaticEntropyTuning {
            alphaOptimizer.zeroGrad()
            let shifted = Tensor.withoutGrad { logPi.detached() + targetEntropy }
            let loss = -(logAlpha.value * shifted).mean()
            loss.backward()
            alphaOptimizer.step(learningRate: lr)
            alphaLoss = loss.item
        }
        let alpha = self.alpha
        // 2. Policy loss through frozen critics.
        let qNew = Self.minimum(critic1(batch.observations, newActions, frozen: true), critic2(batch.observations, newActions, frozen: true))
        let policyLoss = (logPi * alpha - qNew).mean()
        // 3. Critic targets and losses.
        let target = Tensor.withoutGrad {
            let (nextActions, nextLogPi) = actor.sample(batch.nextObservations, noise: noise.next)
            let qNext = Self.minimum(target1(batch.nextObservations, nextActions), target2(batch.nextObservations, nextActions)) - nextLogPi * alpha
            return batch.rewards * c.rewardScale + (1 - batch.terminals) * qNext * c.discount
        }
        let q1 = critic1(batch.observations, batch.actions), q2 = critic2(batch.observations, batch.actions)
        let q1Loss = (q1 - target).squared().mean(), q2Loss = (q2 - target).squared().mean()
        // 4. Steps and target updates.
        actorOptimizer.zeroGrad()
        policyLoss.backward()
        actorOptimizer.step(learningRate: lr)
        criticOptimizer.zeroGrad()
        (q1Loss + q2Loss).backward()
        criticOptimizer.step(learningRate: lr)
        try target1.softUpdate(toward: critic1, tau: c.tau)
        try target2.softUpdate(toward: critic2, tau: c.tau)
        updates += 1
        return SACUpdateMetrics(critic1Loss: q1Loss.item, critic2Loss: q2Loss.item, policyLoss: policyLoss.item, alpha: alpha,
                                alphaLoss: alphaLoss, meanLogProb: logPi.mean().item, meanQ: Tensor.withoutGrad { q1.mean().item })
    }

    /// Element-wise min(a, b); the gradient goes to the smaller (to `a` on ties).
    static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        let mask = Tensor.withoutGrad {
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
                Tensor(shape: a.shape) { o in for i in 0..<o.count { o[i] = pa[i] <= pb[i] ? 1 : 0 } }
            } }
        }
        return Tensor.select(mask, a, b)
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
        checkpoint.save(critic1, as: "\(name).critic1")
        checkpoint.save(critic2, as: "\(name).critic2")
        checkpoint.save(target1, as: "\(name).target1")
        checkpoint.save(target2, as: "\(name).target2")
        checkpoint.tensors["\(name).logAlpha"] = logAlpha.value.detached()
        checkpoint.save(actorOptimizer, as: "\(name).actorAdam")
        checkpoint.save(criticOptimizer, as: "\(name).criticAdam")
        checkpoint.save(alphaOptimizer, as: "\(name).alphaAdam")
        checkpoint.words["\(name).updates"] = [UInt64(updates)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        for (module, part) in [(actor, "actor"), (critic1, "critic1"), (critic2, "critic2"), (target1, "target1"), (target2, "target2")] as [(any Module, String)] {
            try checkpoint.restore(module, from: "\(name).\(part)")
        }
        guard let saved = checkpoint.tensors["\(name).logAlpha"], saved.shape == [1] else {
            throw LabError(.invalidInput, "the checkpoint has no SAC temperature `\(name).logAlpha`: it comes from another trainer; train from the start with a fresh store (`--store`).")
        }
        logAlpha.assign(saved)
        try checkpoint.restore(&actorOptimizer, from: "\(name).actorAdam")
        try checkpoint.restore(&criticOptimizer, from: "\(name).criticAdam")
        try checkpoint.restore(&alphaOptimizer, from: "\(name).alphaAdam")
        updates = Int(truncatingIfNeeded: try checkpoint.words("\(name).updates", count: 1)[0])
    }
}
