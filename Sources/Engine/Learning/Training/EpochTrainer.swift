import LabCore
import Tensors

/// What an ``EpochTrainer`` asks of its user: the loss of a batch and the end-of-epoch metrics.
///
/// Supervised training supplies a labelled loss, policy-gradient training a surrogate loss from
/// sampled rollouts. Randomness comes from the plan's root by name (`root.derived("step k")`,
/// `root.derived("validation e")`). Any state an objective keeps (an epoch's running sums) must
/// be emptied by ``endOfEpoch(_:root:)``: ``EpochTrainer`` checkpoints at epoch ends only, so
/// such state is never saved.
public protocol EpochObjective {
    /// The names of the metrics ``loss(rows:step:root:)`` and ``endOfEpoch(_:root:)`` report
    /// after `loss`, which the trainer always reports first.
    var metricNames: [String] { get }
    /// The loss of the batch `rows` at global step `step` (to be minimised), with extra metric points.
    mutating func loss(rows: [Int], step: Int, root: RandomSource) -> (total: Tensor, metrics: [(name: String, value: Double)])
    /// Metric points after epoch `epoch` (validation), recorded at the epoch's last step.
    mutating func endOfEpoch(_ epoch: Int, root: RandomSource) -> [(name: String, value: Double)]
}

/// One AdamW step per batch of an ``EpochPlan``: the shape of supervised and policy-gradient training.
///
/// Per step: zero the gradients, ask the objective for the batch's loss, back-propagate, clip the
/// global gradient norm to `config.clipNorm`, step AdamW at the plan's learning rate. Metrics per
/// step: `loss` then the objective's; per epoch: the objective's end-of-epoch points. Checkpoints
/// (every epoch, see ``loop``) hold the model under `model`, AdamW under `adam` and the plan
/// (random root, data order) under `plan`.
public struct EpochTrainer<Objective: EpochObjective>: Trainer {
    /// The model being trained, in place.
    public let model: any Module
    /// The objective.
    public private(set) var objective: Objective
    /// AdamW over the model's parameters.
    public private(set) var optimizer: Adam
    /// Batches and learning rates.
    public private(set) var plan: EpochPlan
    /// Global gradient-norm clip.
    public let clipNorm: Float
    /// The total losses of the current epoch's steps run by this value (not checkpointed).
    public private(set) var epochLosses: [Double] = []
    /// The latest value of every metric reported by this value (not checkpointed).
    public private(set) var latest: [String: Double] = [:]

    /// A trainer of `model` over `count` rows.
    ///
    /// - Throws: `.invalidInput` when there are no rows or the batch size or epochs are out of range.
    public init(_ model: any Module, objective: Objective, count: Int, config: TrainingConfig, stream: String) throws {
        self.model = model
        self.objective = objective
        optimizer = Adam.adamW(model.parameters, weightDecay: config.weightDecay)
        plan = try EpochPlan(count: count, batchSize: config.batchSize, epochs: config.epochs, learningRate: config.learningRate,
                             warmupFraction: config.warmupFraction, seed: config.seed, stream: stream)
        clipNorm = config.clipNorm
    }

    /// The loop for this trainer: every step of the plan, a checkpoint after every epoch.
    public var loop: TrainingLoop { TrainingLoop(steps: plan.totalSteps, checkpointEvery: plan.stepsPerEpoch) }

    /// The mean of ``epochLosses`` (nil when no step ran).
    public var meanEpochLoss: Double? { epochLosses.isEmpty ? nil : epochLosses.reduce(0, +) / Double(epochLosses.count) }

    public var metricNames: [String] { ["loss"] + objective.metricNames }

    public mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        if step % plan.stepsPerEpoch == 0 { epochLosses = [] }
        let rows = plan.rows(atStep: step)
        optimizer.zeroGrad()
        let (total, metrics) = objective.loss(rows: rows, step: step, root: plan.root)
        total.backward()
        clipGradients(optimizer.parameters, maxNorm: clipNorm)
        optimizer.step(learningRate: plan.schedule.learningRate(at: step))
        let value = Double(total.item)
        epochLosses.append(value)
        var points = [(name: "loss", value: value)] + metrics
        if plan.endsEpoch(step) { points += objective.endOfEpoch(plan.epoch(ofStep: step), root: plan.root) }
        for p in points { latest[p.name] = p.value }
        return points
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        checkpoint.save(model, as: "model")
        checkpoint.save(optimizer, as: "adam")
        checkpoint.save(plan, as: "plan")
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try checkpoint.restore(model, from: "model")
        try checkpoint.restore(&optimizer, from: "adam")
        try checkpoint.restore(&plan, from: "plan")
    }
}
