import LabCore
import LAENet
import Learning
import Tensors

/// Trains ``DiGNN`` on exact labels, deterministically and resumably (docs/gadsg.md §6, §8.4).
///
/// The objective is ``SupervisedObjective`` run by ``EpochTrainer`` (shared with
/// ``DiffusionTrainer``, same ``TrainingConfig``); the loss needs no noise, so it is deterministic given the batch.
/// Validation takes the best of `config.validationSamples` with ``DiGNNSolver``.
public enum DiGNNTrainer {
    /// Trains `model` in place on `training` and reports to `sink`.
    ///
    /// - Precondition: all instances share one scale.
    /// - Throws: `.invalidInput` when `training` is empty or a count in `config` is out of range;
    ///   `.numerical` when a loss stops being finite.
    public static func train(_ model: DiGNN, on training: [LabelledInstance], validation: [LabelledInstance] = [],
                             solver: DiGNNSolver? = nil, config: TrainingConfig, sink: any TrainingSink) throws -> TrainingSummary {
        let features = training.map { LAENetFeatures($0.model) }
        let validationSolver = solver ?? DiGNNSolver(samples: max(1, config.validationSamples))
        let objective = SupervisedObjective(batchLoss: { rows, _, _ in
            let (x0, y0) = HybridDiffusion.targets(models: rows.map { training[$0].model }, solutions: rows.map { training[$0].solution })
            let graph = InstanceBatch(rows.map { features[$0] })
            return DiGNN.loss(model.predict(graph), x0: x0, y0: y0, mask: config.maskPaddingInLoss ? graph.linkMask : nil)
        }, validate: validation.isEmpty ? nil : { rng in validate(model, on: validation, solver: validationSolver, using: &rng) })
        return try objective.train(model, count: training.count, config: config, stream: "dignn-train", sink: sink)
    }

    /// Mean cost ratio (best of P, repaired; unsolved counts as 10) and accuracy at 1.1 against the references.
    public static func validate(_ model: DiGNN, on instances: [LabelledInstance], solver: DiGNNSolver,
                                using rng: inout RandomSource) -> (ratio: Double, accuracy: Double) {
        let solved = solver.solve(instances.map(\.model), model: model, using: &rng)
        return LabelledInstance.ratios(solved.map(\.cost), references: instances)
    }
}
