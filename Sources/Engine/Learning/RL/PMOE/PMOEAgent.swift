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
    /// The twin critics, their targets and the temperature (of one expert's action).
    public private(set) var critics: SoftCritics
    private var actorOptimizer: Adam
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
        critics = try SoftCritics(observationSize: observationSize, actionSize: actionSize, configuration: c, root: root)
        (self.configuration, mixtureConfiguration) = (c, m)
        actorOptimizer = Adam(actor.parameters)
    }

    /// The current temperature α (1 without automatic tuning).
    public var alpha: Float { critics.alpha }
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
        let q = targets ? critics.targetMinimum(rows, flat) : critics.frozenMinimum(rows, flat)
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
        let alphaLoss = critics.temperatureStep(logPi: logPi, learningRate: lr)
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
        let (q1, q1Loss, q2Loss) = critics.losses(obs, batch.actions, target: target)
        // 5. Steps and targets.
        actorOptimizer.zeroGrad()
        (policyLoss + gateLoss * mixtureConfiguration.gateLossWeight).backward()
        actorOptimizer.step(learningRate: lr)
        try critics.criticStep(q1Loss + q2Loss, learningRate: lr, tau: c.tau)
        updates += 1
        return SACUpdateMetrics(critic1Loss: q1Loss.item, critic2Loss: q2Loss.item, policyLoss: policyLoss.item, alpha: alpha,
                                alphaLoss: alphaLoss, meanLogProb: logPi.mean().item, meanQ: Tensor.withoutGrad { q1.mean().item })
    }
}

extension PMOEAgent: Checkpointable {
    /// Saves the five networks, log α, the three Adam states and the update count under `name.…`.
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        checkpoint.save(actor, as: "\(name).actor")
        critics.save(into: &checkpoint, as: name)
        checkpoint.save(actorOptimizer, as: "\(name).actorAdam")
        checkpoint.words["\(name).updates"] = [UInt64(updates)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        try checkpoint.restore(actor, from: "\(name).actor")
        try critics.restore(from: checkpoint, as: name, agent: "PMOE-SAC")
        try checkpoint.restore(&actorOptimizer, from: "\(name).actorAdam")
        updates = Int(truncatingIfNeeded: try checkpoint.words("\(name).updates", count: 1)[0])
    }
}
