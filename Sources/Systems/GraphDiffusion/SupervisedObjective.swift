import LabCore
import LAENet
import Learning
import Tensors

/// The objective of the trainers that learn from labelled instances (``DiffusionTrainer``,
/// ``DiGNNTrainer``), run by ``EpochTrainer`` and ``TrainingLoop``.
///
/// AdamW with linear warm-up and cosine decay to 1% of the peak, global gradient clipping, the
/// data order of epoch e from the stream `"epoch e"` of `RandomSource(seed: config.seed, stream:)`,
/// validation randomness from `"validation e"`, a checkpoint after every epoch and a resume from
/// the sink's latest checkpoint. Because every draw comes from a stream named by its epoch or
/// step, a resumed run ends with identical parameters. Metrics per step: `loss`, `loss_ce`,
/// `loss_mse`; per epoch: `validation_cost_ratio`, `validation_accuracy`.
struct SupervisedObjective: EpochObjective {
    /// The loss of the batch of training rows at a global step; it may draw its noise from
    /// `root.derived("step \(step)")`.
    let batchLoss: (_ rows: [Int], _ step: Int, _ root: RandomSource) -> DiffusionLoss
    /// Mean cost ratio and accuracy on the validation set with the given randomness; nil without validation.
    let validate: ((_ rng: inout RandomSource) -> (ratio: Double, accuracy: Double))?

    var metricNames: [String] { ["loss_ce", "loss_mse", "validation_cost_ratio", "validation_accuracy"] }

    func loss(rows: [Int], step: Int, root: RandomSource) -> (total: Tensor, metrics: [(name: String, value: Double)]) {
        let l = batchLoss(rows, step, root)
        return (l.total, [("loss_ce", Double(l.crossEntropy.item)), ("loss_mse", Double(l.mse.item))])
    }

    func endOfEpoch(_ epoch: Int, root: RandomSource) -> [(name: String, value: Double)] {
        guard let validate else { return [] }
        var valRNG = root.derived("validation \(epoch)")
        let v = Tensor.withoutGrad { validate(&valRNG) }
        return [("validation_cost_ratio", v.ratio), ("validation_accuracy", v.accuracy)]
    }

    /// Trains `model` on `count` rows with this objective and reports to `sink`.
    func train(_ model: any Module, count: Int, config: TrainingConfig, stream: String, sink: any TrainingSink) throws -> TrainingSummary {
        var trainer = try EpochTrainer(model, objective: self, count: count, config: config, stream: stream)
        return try trainer.summary(running: sink)
    }
}

extension EpochTrainer {
    /// Runs the trainer's loop with `sink` and summarises it: the last epoch's mean loss and the
    /// last validation run in this call.
    mutating func summary(running sink: any TrainingSink) throws -> TrainingSummary {
        try loop.run(&self, sink: sink)
        return TrainingSummary(steps: plan.totalSteps, finalLoss: meanEpochLoss,
                               validationCostRatio: latest["validation_cost_ratio"], validationAccuracy: latest["validation_accuracy"],
                               parameterDigest: ParameterSet(of: model).digest)
    }
}

extension LabelledInstance {
    /// Mean cost ratio (an unsolved instance counts as 10) and share within 1.1 of the reference.
    static func ratios(_ costs: [Double?], references: [LabelledInstance]) -> (ratio: Double, accuracy: Double) {
        let r = zip(costs, references).map { ($0 ?? .infinity) / $1.cost }
        let finite = r.map { $0.isFinite ? $0 : 10 }
        return (finite.reduce(0, +) / Double(max(1, finite.count)), Double(r.filter { $0 < 1.1 }.count) / Double(max(1, r.count)))
    }
}
