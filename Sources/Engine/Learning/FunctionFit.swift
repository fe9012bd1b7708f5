import LabCore
import Tensors

/// A small end-to-end example that learns: an MLP fits `f(x, y) = sin(πx)·cos(πy) + x·y/2`
/// on `[-1, 1]²`.
///
/// Full-batch Adam with warm-up and cosine decay; every number depends only on `seed`, so two
/// runs give bit-identical parameters (the determinism test compares their digests). The
/// validation set is a fixed 21×21 grid that training never sees.
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
        /// Training MSE every 100 steps (and at the last step).
        public var trainingLoss: [(step: Int, loss: Float)]
        /// MSE on the validation grid after training.
        public var validationMSE: Float
        /// Digest of the trained parameters.
        public var parameterDigest: SHA256.Digest
        /// Number of trainable scalars.
        public var parameterCount: Int
    }

    /// Trains and evaluates; `progress` is called with (step, loss) every 100 steps.
    public func run(progress: (Int, Float) -> Void = { _, _ in }) -> Result {
        // Without checkpoints nothing can throw.
        try! run(resumeFrom: nil, checkpointEvery: 0, checkpoint: { _, _ in }, progress: progress)
    }

    /// Trains with periodic checkpoints, optionally resuming from one.
    ///
    /// A checkpoint at step `s` holds the parameters and optimiser state after `s` completed
    /// steps (a `params/1` blob); resuming from it and finishing gives bit-identical parameters
    /// to an uninterrupted run, because the training is full-batch and every number depends only
    /// on the seed. ``Result/trainingLoss`` then covers only the steps run in this call.
    public func run(resumeFrom saved: (step: Int, state: [UInt8])?, checkpointEvery: Int,
                    checkpoint: (Int, [UInt8]) throws -> Void, progress: (Int, Float) -> Void) throws -> Result {
        var rng = RandomSource(seed: seed, stream: "function-fit")
        var dataRNG = rng.split()
        let points = (0..<trainingPoints).map { _ in (Float(dataRNG.uniform(-1, 1)), Float(dataRNG.uniform(-1, 1))) }
        let x = Tensor(shape: [trainingPoints, 2], scalars: points.flatMap { [$0.0, $0.1] })
        let y = Tensor(shape: [trainingPoints, 1], scalars: points.map { FunctionFit.target($0.0, $0.1) })

        let model = MLP([2] + hidden + [1], activation: .tanh, using: &rng)
        var optimizer = Adam(model.parameters)
        var first = 0
        if let saved {
            let set = try ParameterSet.decode(saved.state)
            let modelPart = set.tensors.filter { $0.key.hasPrefix("model.") }
            try model.load(ParameterSet(Dictionary(uniqueKeysWithValues: modelPart.map { (String($0.key.dropFirst(6)), $0.value) })))
            let adamPart = set.tensors.filter { $0.key.hasPrefix("adam.") }
            try optimizer.restore(Dictionary(uniqueKeysWithValues: adamPart.map { (String($0.key.dropFirst(5)), $0.value) }))
            first = saved.step
        }
        let schedule = WarmupCosineSchedule(peak: learningRate, warmupSteps: steps / 20, totalSteps: steps, floor: learningRate / 100)
        var history: [(step: Int, loss: Float)] = []
        for step in first..<steps {
            optimizer.zeroGrad()
            let loss = Loss.mse(model(x), y)
            loss.backward()
            optimizer.step(learningRate: schedule.learningRate(at: step))
            if step % 100 == 0 || step == steps - 1 {
                history.append((step, loss.item))
                progress(step, loss.item)
            }
            if checkpointEvery > 0 && (step + 1) % checkpointEvery == 0 && step + 1 < steps {
                var tensors: [String: Tensor] = [:]
                for (name, t) in ParameterSet(of: model).tensors { tensors["model.\(name)"] = t }
                for (name, t) in optimizer.state { tensors["adam.\(name)"] = t }
                try checkpoint(step + 1, ParameterSet(tensors).encoded())
            }
        }

        var grid: [(Float, Float)] = []
        for i in 0...20 {
            for j in 0...20 { grid.append((Float(i) / 10 - 1, Float(j) / 10 - 1)) }
        }
        let gx = Tensor(shape: [grid.count, 2], scalars: grid.flatMap { [$0.0, $0.1] })
        let gy = Tensor(shape: [grid.count, 1], scalars: grid.map { FunctionFit.target($0.0, $0.1) })
        let validation = Tensor.withoutGrad { Loss.mse(model(gx), gy).item }
        return Result(trainingLoss: history, validationMSE: validation,
                      parameterDigest: ParameterSet(of: model).digest, parameterCount: model.parameterCount)
    }
}
