import LabCore
import LAENet
import Learning
import Tensors

/// Hyper-parameters of diffusion training (brief §4.2, §8.3).
public struct TrainingConfig: Sendable, Hashable, Codable {
    /// Passes over the training set.
    public var epochs = 20
    /// Instances per step (padded dense batches of one scale).
    public var batchSize = 32
    /// Peak AdamW learning rate (linear warm-up, then cosine decay to 1% of it).
    public var learningRate: Float = 1e-3
    /// AdamW's decoupled weight decay.
    public var weightDecay: Float = 0.01
    /// Share of all steps spent warming up.
    public var warmupFraction = 0.05
    /// Global gradient-norm clip.
    public var clipNorm: Float = 1
    /// Samples P per validation instance.
    public var validationSamples = 4
    /// Average the losses over real links only (GDSG averages over every slot, padding included).
    public var maskPaddingInLoss = false
    /// Seed of the data order and of every noise draw.
    public var seed: UInt64 = 0

    /// The defaults.
    public init() {}
}

/// An instance with its reference solution (the exact optimum) for training and validation.
public struct LabelledInstance: Sendable {
    /// The instance's derived model.
    public var model: LAENetModel
    /// The reference solution (training target).
    public var solution: LAENetSolution
    /// Its cost (the denominator of validation cost ratios).
    public var cost: Double

    /// Pairs an instance with a reference solution and its cost.
    public init(model: LAENetModel, solution: LAENetSolution, cost: Double) {
        self.model = model
        self.solution = solution
        self.cost = cost
    }

    /// Labels `model` with the exact solver's optimum; nil when the instance is infeasible.
    public static func exact(_ model: LAENetModel) -> LabelledInstance? {
        let r = model.solve(.exact)
        guard r.cost.isFinite, let s = model.solution(r) else { return nil }
        return LabelledInstance(model: model, solution: s, cost: r.cost)
    }
}

/// What a training run ended with.
public struct TrainingSummary: Sendable {
    /// Optimiser steps taken in total (including those before a resume).
    public var steps: Int
    /// Mean total loss over the last epoch's steps run in this call.
    public var finalLoss: Double?
    /// Mean validation cost ratio after the last epoch (nil without validation instances).
    public var validationCostRatio: Double?
    /// Share of validation instances within 1.1 of the optimum after the last epoch.
    public var validationAccuracy: Double?
    /// Digest of the trained parameters.
    public var parameterDigest: SHA256.Digest
}

/// Trains a denoiser with the hybrid diffusion loss, deterministically and resumably.
///
/// Every random draw comes from streams derived from `config.seed` by name — the data order of
/// epoch e from `"epoch e"`, the noise of global step k from `"step k"` — so a run resumed from a
/// checkpoint continues exactly where the interrupted one was: a checkpoint (after every epoch)
/// holds the parameters, the AdamW moments and the epoch count, and nothing else is needed.
/// Metrics per step: `loss`, `loss_ce`, `loss_mse`; per epoch: `validation_cost_ratio`,
/// `validation_accuracy` (best of P sampled-and-repaired solutions against the reference).
public enum DiffusionTrainer {
    /// Trains `denoiser` in place on `training` and reports to `sink`.
    ///
    /// - Precondition: all instances share one scale.
    public static func train(
        _ denoiser: some TrainableDenoiser, on training: [LabelledInstance], validation: [LabelledInstance] = [],
        diffusion: HybridDiffusion = HybridDiffusion(), solver: GraphDiffusionSolver = GraphDiffusionSolver(),
        config: TrainingConfig, sink: any TrainingSink
    ) throws -> TrainingSummary {
        precondition(!training.isEmpty, "nothing to train on")
        let features = training.map { LAENetFeatures($0.model) }
        let stepsPerEpoch = (training.count + config.batchSize - 1) / config.batchSize
        let totalSteps = stepsPerEpoch * config.epochs
        let schedule = WarmupCosineSchedule(peak: config.learningRate, warmupSteps: Int(Double(totalSteps) * config.warmupFraction),
                                            totalSteps: totalSteps, floor: config.learningRate / 100)
        var optimizer = Adam.adamW(denoiser.parameters, weightDecay: config.weightDecay)
        let root = RandomSource(seed: config.seed, stream: "diffusion-train")

        var firstEpoch = 0
        if let saved = try sink.latestCheckpoint() {
            firstEpoch = try TrainerCheckpoint.restore(saved.state, into: denoiser, optimizer: &optimizer)
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
                var noiseRNG = root.derived("step \(step)")
                let noised = diffusion.noised(x0: x0, y0: y0, using: &noiseRNG)
                optimizer.zeroGrad()
                let loss = diffusion.loss(denoiser.denoise(noised.input(on: graph)), targets: noised, x0: x0,
                                          mask: config.maskPaddingInLoss ? graph.linkMask : nil)
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
                let v = Tensor.withoutGrad { validate(denoiser, on: validation, solver: solver, using: &valRNG) }
                (validationRatio, validationAccuracy) = (v.ratio, v.accuracy)
                sink.metric("validation_cost_ratio", step: (epoch + 1) * stepsPerEpoch, value: v.ratio)
                sink.metric("validation_accuracy", step: (epoch + 1) * stepsPerEpoch, value: v.accuracy)
            }
            try sink.saveCheckpoint(step: epoch + 1, state: TrainerCheckpoint.encode(denoiser, optimizer: optimizer, epochsDone: epoch + 1))
        }
        return TrainingSummary(steps: totalSteps, finalLoss: lastLosses.isEmpty ? nil : lastLosses.reduce(0, +) / Double(lastLosses.count),
                               validationCostRatio: validationRatio, validationAccuracy: validationAccuracy,
                               parameterDigest: ParameterSet(of: denoiser).digest)
    }

    /// Mean cost ratio (best of P, repaired) and accuracy at 1.1 against the references.
    public static func validate(_ denoiser: some Denoiser, on instances: [LabelledInstance], solver: GraphDiffusionSolver,
                                using rng: inout RandomSource) -> (ratio: Double, accuracy: Double) {
        let solutions = solver.solve(instances.map(\.model), denoiser: denoiser, using: &rng)
        return TrainerCheckpoint.ratios(solutions.map(\.cost), references: instances)
    }
}
