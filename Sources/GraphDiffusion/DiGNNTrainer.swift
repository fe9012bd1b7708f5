import LabCore
import LAENet
import Learning
import Tensors

/// Trains ``DiGNN`` on exact labels, deterministically and resumably (brief §6, §8.4).
///
/// The loop follows ``DiffusionTrainer`` with the same ``TrainingConfig``: AdamW with linear
/// warm-up and cosine decay, global gradient clipping, the data order of epoch e drawn from the
/// stream `"epoch e"` of `config.seed` (there is no noise: the loss is deterministic given the
/// batch), validation samples from `"validation e"`, and a checkpoint after every epoch
/// (parameters, AdamW moments, epochs done), so a resumed run ends with identical parameters.
/// Metrics per step: `loss`, `loss_ce`, `loss_mse`; per epoch: `validation_cost_ratio`,
/// `validation_accuracy` (best of `config.validationSamples` with ``DiGNNSolver``).
public enum DiGNNTrainer {
    /// Trains `model` in place on `training` and reports to `sink`.
    ///
    /// - Precondition: all instances share one scale; `training` is not empty.
    public static func train(_ model: DiGNN, on training: [LabelledInstance], validation: [LabelledInstance] = [],
                             solver: DiGNNSolver? = nil, config: TrainingConfig, sink: any TrainingSink) throws -> TrainingSummary {
        precondition(!training.isEmpty, "nothing to train on")
        let features = training.map { LAENetFeatures($0.model) }
        let stepsPerEpoch = (training.count + config.batchSize - 1) / config.batchSize
        let totalSteps = stepsPerEpoch * config.epochs
        let schedule = WarmupCosineSchedule(peak: config.learningRate, warmupSteps: Int(Double(totalSteps) * config.warmupFraction),
                                            totalSteps: totalSteps, floor: config.learningRate / 100)
        var optimizer = Adam.adamW(model.parameters, weightDecay: config.weightDecay)
        let root = RandomSource(seed: config.seed, stream: "dignn-train")
        let validationSolver = solver ?? DiGNNSolver(samples: max(1, config.validationSamples))

        var firstEpoch = 0
        if let saved = try sink.latestCheckpoint() {
            firstEpoch = try TrainerCheckpoint.restore(saved.state, into: model, optimizer: &optimizer)
        }
        var lastLosses: [Double] = []
        var validationRatio: Double?, validationAccuracy: Double?
        for epoch in firstEpoch..<config.epochs {
            var orderRNG = root.derived("epoch \(epoch)")
            let order = orderRNG.permutation(training.count)
            lastLosses = []
            for batchIndex in 0..<stepsPerEpoch {
                let step = epoch * stepsPerEpoch + batchIndex
                let rows = Array(order[(batchIndex * config.batchSize)..<min(training.count, (batchIndex + 1) * config.batchSize)])
                let (x0, y0) = HybridDiffusion.targets(models: rows.map { training[$0].model }, solutions: rows.map { training[$0].solution })
                let graph = InstanceBatch(rows.map { features[$0] })
                optimizer.zeroGrad()
                let loss = DiGNN.loss(model.predict(graph), x0: x0, y0: y0, mask: config.maskPaddingInLoss ? graph.linkMask : nil)
                let total = loss.total
                total.backward()
                clipGradients(optimizer.parameters, maxNorm: config.clipNorm)
                optimizer.step(learningRate: schedule.learningRate(at: step))
                lastLosses.append(Double(total.item))
                sink.metric("loss", step: step + 1, value: Double(total.item))
                sink.metric("loss_ce", step: step + 1, value: Double(loss.crossEntropy.item))
                sink.metric("loss_mse", step: step + 1, value: Double(loss.mse.item))
                sink.progress(step + 1, of: totalSteps, "training")
            }
            if !validation.isEmpty {
                var valRNG = root.derived("validation \(epoch)")
                let v = validate(model, on: validation, solver: validationSolver, using: &valRNG)
                (validationRatio, validationAccuracy) = (v.ratio, v.accuracy)
                sink.metric("validation_cost_ratio", step: (epoch + 1) * stepsPerEpoch, value: v.ratio)
                sink.metric("validation_accuracy", step: (epoch + 1) * stepsPerEpoch, value: v.accuracy)
            }
            try sink.saveCheckpoint(step: epoch + 1, state: TrainerCheckpoint.encode(model, optimizer: optimizer, epochsDone: epoch + 1))
        }
        return TrainingSummary(steps: totalSteps, finalLoss: lastLosses.isEmpty ? nil : lastLosses.reduce(0, +) / Double(lastLosses.count),
                               validationCostRatio: validationRatio, validationAccuracy: validationAccuracy,
                               parameterDigest: ParameterSet(of: model).digest)
    }

    /// Mean cost ratio (best of P, repaired; unsolved counts as 10) and accuracy at 1.1 against the references.
    public static func validate(_ model: DiGNN, on instances: [LabelledInstance], solver: DiGNNSolver,
                                using rng: inout RandomSource) -> (ratio: Double, accuracy: Double) {
        let solved = solver.solve(instances.map(\.model), model: model, using: &rng)
        return TrainerCheckpoint.ratios(solved.map(\.cost), references: instances)
    }
}
