import LabCore
import Tensors

/// A small end-to-end example that learns: an MLP fits `f(x, y) = sin(πx)·cos(πy) + x·y/2`
/// on `[-1, 1]²`.
///
/// Full-batch Adam with warm-up and cosine decay, run by ``TrainingLoop``; every number depends
/// only on `seed`, so two runs give bit-identical parameters (the determinism test compares their
/// digests). The validation set is a fixed 21×21 grid that training never sees.
public struct FunctionFit: Sendable {
    /// Seed for data and initial weights.
    public var seed: UInt64 = 1
    /// Training points drawn uniformly in the square.
    public var trainingPoints = 512
    /// Hidden widths of the MLP.
    public var hidden = [64, 64]
    /// Optimiser steps.
    public var steps = 1500
    /// Peak learning rate.
    public var learningRate: Float = 1e-2

    /// Creates the default configuration.
    public init() {}

    /// The target function.
    public static func target(_ x: Float, _ y: Float) -> Float {
        Float(LibM.sin(Double.pi * Double(x)) * LibM.cos(Double.pi * Double(y))) + x * y / 2
    }

    /// What a run produced.
    public struct Result: Sendable {
        /// Training MSE every 100 steps (and at the last step), by 0-based step.
        public var trainingLoss: [(step: Int, loss: Float)]
        /// MSE on the validation grid after training.
        public var validationMSE: Float
        /// Digest of the trained parameters.
        public var parameterDigest: SHA256.Digest
        /// Number of trainable scalars.
        public var parameterCount: Int
    }

    /// Trains and evaluates; `progress` is called with (step, loss) every 100 steps.
    ///
    /// - Throws: `.numerical` when the loss stops being finite.
    public func run(progress: (Int, Float) -> Void = { _, _ in }) throws -> Result {
        try run(resumeFrom: nil, checkpointEvery: 0, checkpoint: { _, _ in }, progress: progress)
    }

    /// Trains with periodic checkpoints, optionally resuming from one.
    ///
    /// A checkpoint at step `s` (a ``TrainingCheckpoint``) holds the parameters and optimiser
    /// state after `s` completed steps; resuming from it and finishing gives bit-identical
    /// parameters to an uninterrupted run, because the training is full-batch and every number
    /// depends only on the seed. ``Result/trainingLoss`` then covers only the steps run in this
    /// call. No checkpoint is taken after the last step.
    public func run(resumeFrom saved: (step: Int, state: [UInt8])?, checkpointEvery: Int,
                    checkpoint: (Int, [UInt8]) throws -> Void, progress: (Int, Float) -> Void) throws -> Result {
        try withoutActuallyEscaping(checkpoint) { checkpoint in
            try withoutActuallyEscaping(progress) { progress in
                try train(sink: CallbackSink(saved: saved, checkpoint: checkpoint, progress: progress), checkpointEvery: checkpointEvery)
            }
        }
    }

    /// Trains through ``TrainingLoop`` with `sink`, resuming from its latest checkpoint.
    ///
    /// The sink receives the metric `training_mse` every 100 steps and at the last step (at
    /// steps completed, 1-based) and a checkpoint every `checkpointEvery` steps (0: none), never
    /// after the last step.
    public func train(sink: any TrainingSink, checkpointEvery: Int) throws -> Result {
        var trainer = FitTrainer(self)
        try TrainingLoop(steps: steps, checkpointEvery: max(0, checkpointEvery), checkpointAtEnd: false).run(&trainer, sink: sink)
        let model = trainer.model
        var grid: [(Float, Float)] = []
        for i in 0...20 {
            for j in 0...20 { grid.append((Float(i) / 10 - 1, Float(j) / 10 - 1)) }
        }
        let gx = Tensor(shape: [grid.count, 2], scalars: grid.flatMap { [$0.0, $0.1] })
        let gy = Tensor(shape: [grid.count, 1], scalars: grid.map { FunctionFit.target($0.0, $0.1) })
        let validation = Tensor.withoutGrad { Loss.mse(model(gx), gy).item }
        return Result(trainingLoss: trainer.history, validationMSE: validation,
                      parameterDigest: ParameterSet(of: model).digest, parameterCount: model.parameterCount)
    }
}

extension FunctionFit {
    /// The per-step work: one full-batch Adam step; `training_mse` every 100 steps and at the last.
    struct FitTrainer: Trainer {
        let model: MLP
        var optimizer: Adam
        let x: Tensor, y: Tensor
        let schedule: WarmupCosineSchedule
        let steps: Int
        /// The points reported by this value, by 0-based step (not checkpointed).
        var history: [(step: Int, loss: Float)] = []

        init(_ fit: FunctionFit) {
            var rng = RandomSource(seed: fit.seed, stream: "function-fit")
            var dataRNG = rng.split()
            let points = (0..<fit.trainingPoints).map { _ in (Float(dataRNG.uniform(-1, 1)), Float(dataRNG.uniform(-1, 1))) }
            x = Tensor(shape: [fit.trainingPoints, 2], scalars: points.flatMap { [$0.0, $0.1] })
            y = Tensor(shape: [fit.trainingPoints, 1], scalars: points.map { FunctionFit.target($0.0, $0.1) })
            model = MLP([2] + fit.hidden + [1], activation: .tanh, using: &rng)
            optimizer = Adam(model.parameters)
            schedule = WarmupCosineSchedule(peak: fit.learningRate, warmupSteps: fit.steps / 20, totalSteps: fit.steps, floor: fit.learningRate / 100)
            steps = fit.steps
        }

        var metricNames: [String] { ["training_mse"] }

        mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
            optimizer.zeroGrad()
            let loss = Loss.mse(model(x), y)
            loss.backward()
            optimizer.step(learningRate: schedule.learningRate(at: step))
            guard step % 100 == 0 || step == steps - 1 else { return [] }
            history.append((step, loss.item))
            return [("training_mse", Double(loss.item))]
        }

        func save(into checkpoint: inout TrainingCheckpoint) {
            checkpoint.save(model, as: "model")
            checkpoint.save(optimizer, as: "adam")
        }

        mutating func restore(from checkpoint: TrainingCheckpoint) throws {
            try checkpoint.restore(model, from: "model")
            try checkpoint.restore(&optimizer, from: "adam")
        }
    }

    /// Adapts the closure interface of ``run(resumeFrom:checkpointEvery:checkpoint:progress:)``:
    /// metric points go to `progress` with their 0-based step, checkpoints to `checkpoint`.
    struct CallbackSink: TrainingSink {
        let saved: (step: Int, state: [UInt8])?
        let checkpoint: (Int, [UInt8]) throws -> Void
        let progress: (Int, Float) -> Void

        func metric(_ name: String, step: Int, value: Double) { progress(step - 1, Float(value)) }
        func progress(_ done: Int, of total: Int, _ label: String) {}
        func saveCheckpoint(step: Int, state: [UInt8]) throws { try checkpoint(step, state) }
        func latestCheckpoint() throws -> (step: Int, state: [UInt8])? { saved }
    }
}
