#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabCore
import Tensors

/// PMOE-SAC: soft actor-critic with a ``PMOEActor`` mixture policy, on ``SACAgent``'s twin
/// critics, soft targets and automatic entropy tuning (the same ``SACConfiguration``).
///
/// The batch's observation rows are `[observation, descriptor]` (`O + D` columns); the trunk and
/// the critics read the observation, the gate reads the trunk features and the descriptor.
/// One ``update(_:noise:)``, following the repository's `PMOESACTrainer` with its `max`
/// settings:
/// 1. sample every expert's action `ãⱼ` and log-density `log πⱼ` at s (noise ε, `[N, k·A]`);
///    `Qⱼ = min(Q₁, Q₂)(s, ãⱼ)` through frozen critics; `j* = argmax Qⱼ` (no gradient);
/// 2. temperature loss `−mean(log α · (log π_{j*} + H̄))` with log π detached; Adam step on log α;
/// 3. policy loss `mean(α·log π_{j*} − Q_{j*})`: the gradient reaches only the max-Q expert;
///    plus ``PMOEConfiguration/gateLossWeight`` × the gate loss `mean((onehot(j*) − gate)²)`;
/// 4. critic target: at s′ every expert's action (noise ε′), the expert with the largest target
///    `min(Q̄₁, Q̄₂)` is chosen, `y = scale·r + (1 − d)·γ·(min Q̄(s′, ã′_{j}) − α·log π_j(ã′_j))`;
///    critic losses `mean((Qᵢ(s, a) − y)²)`;
/// 5. Adam steps on the policy and the critics; targets `θ̄ ← τ·θ + (1 − τ)·θ̄`.
public struct PMOEAgent {
    /// The SAC settings (networks, rates, entropy tuning, targets).
    public let configuration: SACConfiguration
    /// The mixture settings.
    public let mixtureConfiguration: PMOEConfiguration
    /// The mixture policy.
    public let actor: PMOEActor
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
    /// The entropy target H̄ (of one expert's action).
    public let targetEntropy: Float
    private var actorOptimizer: Adam
    private var criticOptimizer: Adam
    private var alphaOptimizer: Adam
    /// Updates done so far.
    public private(set) var updates = 0

    /// A fresh agent whose networks are initialised from `seed`.
    ///
    /// - Throws: `.invalidInput` for an invalid configuration or non-positive sizes.
    public init(observationSize: Int, descriptorSize: Int, actionSize: Int, configuration: SACConfiguration,
                mixture: PMOEConfiguration = PMOEConfiguration(), seed: UInt64) throws {
        let c = try configuration.validated(), m = try mixture.validated()
        guard observationSize > 0, actionSize > 0, descriptorSize >= 0 else {
            throw LabError(.invalidInput, "PMOE-SAC needs positive observation and action sizes and a descriptor size ≥ 0 (got \(observationSize), \(actionSize), \(descriptorSize))")
        }
        let root = RandomSource(seed: seed, stream: "pmoe.init")
        var r = root.derived("actor")
        actor = PMOEActor(observationSize: observationSize, descriptorSize: descriptorSize, actionSize: actionSize, experts: m.experts,
                          configuration: c, using: &r)
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
        (self.configuration, mixtureConfiguration) = (c, m)
        actorOptimizer = Adam(actor.parameters)
        criticOptimizer = Adam(critic1.parameters + critic2.parameters)
        alphaOptimizer = Adam([logAlpha])
    }

    /// The current temperature α (1 without automatic tuning).
    public var alpha: Float { configuration.automaticEntropyTuning ? expf(logAlpha.value.item) : 1 }
    /// Observation width O (without the descriptor).
    public var observationSize: Int { actor.observationSize }
    /// Descriptor width D.
    public var descriptorSize: Int { actor.descriptorSize }
    /// Action width A.
    public var actionSize: Int { actor.actionSize }

    /// One update on `batch` (observation rows `[observation, descriptor]`) with standard normals from `rng`.
    public mutating func update(_ batch: SACBatch, using rng: inout RandomSource) throws -> SACUpdateMetrics {
        try update(batch, noise: SACNoise(count: batch.count, actionSize: actor.experts * actionSize, using: &rng))
    }

    /// Every expert's `min(Q₁, Q₂)` (or of the targets) at `observations` `[N, O]`, `[N, k]`.
    func expertValues(_ observations: Tensor, _ actions: Tensor, targets: Bool) -> Tensor {
        let n = observations.shape[0], k = actor.experts
        let rows = observations.gather((0..<(n * k)).map { $0 / k }, alongAxis: 0)
        let flat = actions.reshaped([n * k, actionSize])
        let q = targets ? SACAgent.minimum(target1(rows, flat), target2(rows, flat))
                        : SACAgent.minimum(critic1(rows, flat, frozen: true), critic2(rows, flat, frozen: true))
        return q.reshaped([n, k])
    }

    /// The one-hot `[N, k]` of each row's largest value (ties to the lower index).
    static func argmaxOneHot(_ values: Tensor) -> Tensor {
        Tensor.withoutGrad { Tensor.oneHot(values.argmaxLastAxis(), classes: values.shape[1]) }
    }

    /// One update with the given noise (`[N, k·A]` each); see the type's documentation.
    ///
    /// - Throws: `.shape` when the batch or the noise does not fit the networks.
    public mutating func update(_ batch: SACBatch, noise: SACNoise) throws -> SACUpdateMetrics {
        let n = batch.count, o = observationSize, d = descriptorSize, a = actionSize, ka = actor.experts * a
        guard n > 0, batch.observations.shape == [n, o + d], batch.nextObservations.shape == [n, o + d], batch.actions.shape == [n, a],
              batch.rewards.shape == [n, 1], batch.terminals.shape == [n, 1], noise.current.shape == [n, ka], noise.next.shape == [n, ka] else {
            throw LabError(.shape, "a PMOE-SAC batch of \(n) needs observation rows [\(n), \(o + d)], actions [\(n), \(a)], noise [\(n), \(ka)], rewards and terminals [\(n), 1]")
        }
        let c = configuration, lr = c.learningRate
        let parts = d > 0 ? batch.observations.split(sizes: [o, d], alongAxis: 1) : [batch.observations, Tensor.zeros([n, 0])]
        let nextParts = d > 0 ? batch.nextObservations.split(sizes: [o, d], alongAxis: 1) : [batch.nextObservations, Tensor.zeros([n, 0])]
        let (obs, desc, nextObs, nextDesc) = (parts[0].detached(), parts[1].detached(), nextParts[0].detached(), nextParts[1].detached())
        // 1. Every expert at s; the max-Q expert.
        let (actions, logProbs, gate) = actor.sample(obs, desc, noise: noise.current)
        let q = expertValues(obs, actions, targets: false)
        let best = Self.argmaxOneHot(q)
        let logPi = (logProbs * best).sum(alongAxis: 1, keepingDims: true), qBest = (q * best).sum(alongAxis: 1, keepingDims: true)
        // 2. Temperature.
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
        // 3. Policy and gate.
        let gateLoss = (best - gate).squared().mean()
        let policyLoss = (logPi * alpha - qBest).mean()
        // 4. Critic targets.
        let target = Tensor.withoutGrad {
            let (nextActions, nextLogProbs, _) = actor.sample(nextObs, nextDesc, noise: noise.next)
            let qNext = expertValues(nextObs, nextActions, targets: true)
            let chosen = Self.argmaxOneHot(qNext)
            let value = (qNext * chosen).sum(alongAxis: 1, keepingDims: true) - (nextLogProbs * chosen).sum(alongAxis: 1, keepingDims: true) * alpha
            return batch.rewards * c.rewardScale + (1 - batch.terminals) * value * c.discount
        }
        let q1 = critic1(obs, batch.actions), q2 = critic2(obs, batch.actions)
        let q1Loss = (q1 - target).squared().mean(), q2Loss = (q2 - target).squared().mean()
        // 5. Steps and targets.
        actorOptimizer.zeroGrad()
        (policyLoss + gateLoss * mixtureConfiguration.gateLossWeight).backward()
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
}

extension PMOEAgent: Checkpointable {
    /// Saves the five networks, log α, the three Adam states and the update count under `name.…`.
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        for (module, part) in modules { checkpoint.save(module, as: "\(name).\(part)") }
        checkpoint.tensors["\(name).logAlpha"] = logAlpha.value.detached()
        checkpoint.save(actorOptimizer, as: "\(name).actorAdam")
        checkpoint.save(criticOptimizer, as: "\(name).criticAdam")
        checkpoint.save(alphaOptimizer, as: "\(name).alphaAdam")
        checkpoint.words["\(name).updates"] = [UInt64(updates)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        for (module, part) in modules { try checkpoint.restore(module, from: "\(name).\(part)") }
        guard let saved = checkpoint.tensors["\(name).logAlpha"], saved.shape == [1] else {
            throw LabError(.invalidInput, "the checkpoint has no PMOE-SAC temperature `\(name).logAlpha`: it comes from another trainer; train from the start with a fresh store (`--store`).")
        }
        logAlpha.assign(saved)
        try checkpoint.restore(&actorOptimizer, from: "\(name).actorAdam")
        try checkpoint.restore(&criticOptimizer, from: "\(name).criticAdam")
        try checkpoint.restore(&alphaOptimizer, from: "\(name).alphaAdam")
        updates = Int(truncatingIfNeeded: try checkpoint.words("\(name).updates", count: 1)[0])
    }

    private var modules: [(any Module, String)] {
        [(actor, "actor"), (critic1, "critic1"), (critic2, "critic2"), (target1, "target1"), (target2, "target2")]
    }
}
