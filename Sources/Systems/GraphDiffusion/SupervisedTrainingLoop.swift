import LabCore
import LAENet
import Learning
import Tensors

/// The epoch and step scaffolding shared by the trainers that learn from labelled instances
/// (``DiffusionTrainer``, ``DiGNNTrainer``).
///
/// AdamW with linear warm-up and cosine decay to 1% of the peak, global gradient clipping, the
/// data order of epoch e from the stream `"epoch e"` of `RandomSource(seed: config.seed, stream:)`,
/// validation randomness from `"validation e"`, a checkpoint after every epoch (parameters, AdamW
/// moments, epochs done) and a resume from the sink's latest checkpoint. Because every draw comes
/// from a stream named by its epoch or step, a resumed run ends with identical parameters.
/// Metrics per step: `loss`, `loss_ce`, `loss_mse`; per epoch: `validation_cost_ratio`,
/// `validation_accuracy`.
enum SupervisedTrainingLoop {
    /// Trains `model` on `training`.
    ///
    /// - Parameters:
    ///   - stream: names the run's random stream (each trainer has its own).
    ///   - loss: the loss of the batch of training rows `rows` at global step `step`; it may draw
    ///     its noise from `root.derived("step \(step)")`.
    ///   - validate: mean cost ratio and accuracy on the validation set with the given randomness.
    static func run(
        _ model: any Module, training: [LabelledInstance], hasValidation: Bool, config: TrainingConfig, stream: String,
        sink: any TrainingSink,
        loss: (_ rows: [Int], _ step: Int, _ root: RandomSource) -> DiffusionLoss,
        validate: (_ rng: inout RandomSource) -> (ratio: Double, accuracy: Double)
    ) throws -> TrainingSummary {
        precondition(!training.isEmpty, "nothing to train on")
        let plan = EpochPlan(count: training.count, batchSize: config.batchSize, epochs: config.epochs, learningRate: config.learningRate,
                             warmupFraction: config.warmupFraction, seed: config.seed, stream: stream)
        let (stepsPerEpoch, totalSteps, root) = (plan.stepsPerEpoch, plan.totalSteps, plan.root)
        var optimizer = Adam.adamW(model.parameters, weightDecay: config.weightDecay)
        let firstEpoch = try TrainerCheckpoint.resume(model, optimizer: &optimizer, from: sink)
        var lastLosses: [Double] = []
        var validationRatio: Double?, validationAccuracy: Double?
        for epoch in firstEpoch..<config.epochs {
            lastLosses = []
            for (step, rows) in plan.batches(epoch: epoch) {
                optimizer.zeroGrad()
                let l = loss(rows, step, root)
                let total = l.total
                total.backward()
                clipGradients(optimizer.parameters, maxNorm: config.clipNorm)
                optimizer.step(learningRate: plan.schedule.learningRate(at: step))
                lastLosses.append(Double(total.item))
                sink.metric("loss", step: step + 1, value: Double(total.item))
                sink.metric("loss_ce", step: step + 1, value: Double(l.crossEntropy.item))
                sink.metric("loss_mse", step: step + 1, value: Double(l.mse.item))
                sink.progress(step + 1, of: totalSteps, "training")
            }
            if hasValidation {
                var valRNG = root.derived("validation \(epoch)")
                let v = Tensor.withoutGrad { validate(&valRNG) }
                (validationRatio, validationAccuracy) = (v.ratio, v.accuracy)
                sink.metric("validation_cost_ratio", step: (epoch + 1) * stepsPerEpoch, value: v.ratio)
                sink.metric("validation_accuracy", step: (epoch + 1) * stepsPerEpoch, value: v.accuracy)
            }
            // The checkpoint's step is the global step, the axis of the metric points it closes.
            try sink.saveCheckpoint(step: (epoch + 1) * stepsPerEpoch, state: TrainerCheckpoint.encode(model, optimizer: optimizer, epochsDone: epoch + 1))
        }
        return TrainingSummary(steps: totalSteps, finalLoss: lastLosses.isEmpty ? nil : lastLosses.reduce(0, +) / Double(lastLosses.count),
                               validationCostRatio: validationRatio, validationAccuracy: validationAccuracy,
                               parameterDigest: ParameterSet(of: model).digest)
    }
}
