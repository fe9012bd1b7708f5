import LabCore
import LAENet
import Learning
import Tensors

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
/// holds the step, the parameters, the AdamW moments, the random root and the data order.
/// Metrics per step: `loss`, `loss_ce`, `loss_mse`; per epoch: `validation_cost_ratio`,
/// `validation_accuracy` (best of P sampled-and-repaired solutions against the reference).
public enum DiffusionTrainer {
    /// Trains `denoiser` in place on `training` and reports to `sink`.
    ///
    /// - Precondition: all instances share one scale.
    /// - Throws: `.invalidInput` when `training` is empty or a count in `config` is out of range;
    ///   `.numerical` when a loss stops being finite.
    public static func train(
        _ denoiser: some TrainableDenoiser, on training: [LabelledInstance], validation: [LabelledInstance] = [],
        diffusion: HybridDiffusion = HybridDiffusion(), solver: GraphDiffusionSolver = GraphDiffusionSolver(),
        config: TrainingConfig, sink: any TrainingSink
    ) throws -> TrainingSummary {
        let features = training.map { LAENetFeatures($0.model) }
        let objective = SupervisedObjective(batchLoss: { rows, step, root in
            let (x0, y0) = HybridDiffusion.targets(models: rows.map { training[$0].model }, solutions: rows.map { training[$0].solution })
            let graph = InstanceBatch(rows.map { features[$0] })
            var noiseRNG = root.derived("step \(step)")
            let noised = diffusion.noised(x0: x0, y0: y0, using: &noiseRNG)
            return diffusion.loss(denoiser.denoise(noised.input(on: graph)), targets: noised, x0: x0,
                                  mask: config.maskPaddingInLoss ? graph.linkMask : nil)
        }, validate: validation.isEmpty ? nil : { rng in validate(denoiser, on: validation, solver: solver, using: &rng) })
        return try objective.train(denoiser, count: training.count, config: config, stream: "diffusion-train", sink: sink)
    }

    /// Mean cost ratio (best of P, repaired) and accuracy at 1.1 against the references.
    public static func validate(_ denoiser: some Denoiser, on instances: [LabelledInstance], solver: GraphDiffusionSolver,
                                using rng: inout RandomSource) -> (ratio: Double, accuracy: Double) {
        let solutions = solver.solve(instances.map(\.model), denoiser: denoiser, using: &rng)
        return LabelledInstance.ratios(solutions.map(\.cost), references: instances)
    }
}
