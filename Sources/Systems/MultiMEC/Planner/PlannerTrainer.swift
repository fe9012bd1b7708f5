import LabCore
import Learning
import Tensors

/// Trains the planner's noise-prediction network on a ``PlannerDataset`` (one ``Trainer`` step
/// = one Adam step).
///
/// Each step draws, from the random stream `planner.step.<k>` of the seed, a batch (one window
/// per training environment per item), a diffusion step index uniform in 0…K−1, the noise ε
/// and the return keep-mask per row, noises the actions, and minimises the row-weighted Huber
/// loss between ε̂ and ε (first planned action weighted ``PlannerConfiguration/firstActionWeight``),
/// averaged over ``PlannerConfiguration/gradientAccumulation`` batches. The moving average
/// follows ``PlannerConfiguration/average``. Because every draw of step k comes from its own
/// stream, the state after step k is the two networks and Adam's moments, which the
/// checkpoint holds (`model.*`, `average.*`, `adam.*`).
public struct PlannerTrainer: Trainer {
    /// The network being trained.
    public let model: PlannerNetwork
    /// Its moving average (used for planning).
    public let average: PlannerNetwork
    /// The optimiser over ``model``'s parameters.
    public private(set) var optimizer: Adam
    let batches: PlannerBatch
    let seed: UInt64
    let rowWeights: [Float]

    /// Builds the trainer with networks initialised from `seed`.
    ///
    /// - Throws: `.invalidInput` for an invalid configuration or an environment without windows.
    public init(dataset: PlannerDataset, configuration: PlannerConfiguration, seed: UInt64) throws {
        try configuration.validate()
        var initial = RandomSource(seed: seed, stream: "planner.init")
        model = PlannerNetwork(configuration: configuration, observationSize: dataset.observationSize, actionSize: dataset.actionSize, using: &initial)
        var copy = RandomSource(seed: seed, stream: "planner.init")
        average = PlannerNetwork(configuration: configuration, observationSize: dataset.observationSize, actionSize: dataset.actionSize, using: &copy)
        optimizer = Adam(model.parameters)
        batches = try PlannerBatch(dataset: dataset, configuration: configuration)
        self.seed = seed
        rowWeights = (0..<configuration.horizon).map { $0 == 0 ? configuration.firstActionWeight : 1 }
    }

    /// The trained planner (moving-average weights).
    public var planner: DiffusionPlanner { DiffusionPlanner(network: average, normalizer: batches.dataset.normalizer) }

    /// `loss` (the weighted Huber loss) and `first_action_loss` (its unweighted first-action part).
    public var metricNames: [String] { ["loss", "first_action_loss"] }

    public mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        let c = batches.configuration
        var rng = RandomSource(seed: seed, stream: "planner.step.\(step)")
        let schedule = VPSchedule(steps: c.diffusionSteps)
        var total = 0.0, first = 0.0
        let scale = 1 / Float(c.gradientAccumulation)
        for _ in 0..<c.gradientAccumulation {
            let (start, conditions) = batches.training(using: &rng)
            let rows = start.shape[0]
            let steps = (0..<rows).map { _ in rng.int(below: c.diffusionSteps) }
            let noise = Tensor.normal(start.shape, using: &rng)
            let perRow = start.count / rows
            let noisy = Tensor(shape: start.shape) { o in
                start.withUnsafeBufferPointer { x0 in
                    noise.withUnsafeBufferPointer { e in
                        for i in 0..<o.count { o[i] = schedule.noised(x0[i], epsilon: e[i], step: steps[i / perRow]) }
                    }
                }
            }
            let prediction = model(noisy, steps: steps, conditions: conditions, training: true, using: &rng)
            let loss = Loss.rowWeightedHuber(prediction, noise, rowWeights: rowWeights, delta: c.huberDelta)
            (loss * scale).backward()
            total += Double(loss.item)
            first += Self.firstRowHuber(prediction, noise, horizon: c.horizon, delta: c.huberDelta)
        }
        optimizer.step(learningRate: c.learningRate)
        optimizer.zeroGrad()
        try c.average.update(average, toward: model, afterStep: step)
        let n = Double(c.gradientAccumulation)
        return [("loss", total / n), ("first_action_loss", first / n)]
    }

    /// The unweighted Huber loss of the first planned action, averaged over rows and action entries.
    static func firstRowHuber(_ prediction: Tensor, _ target: Tensor, horizon: Int, delta: Float) -> Double {
        let rows = prediction.shape[0], a = prediction.shape[2]
        let p = prediction.scalars, t = target.scalars
        var sum = 0.0
        for r in 0..<rows {
            for j in 0..<a {
                let e = abs(Double(p[r * horizon * a + j] - t[r * horizon * a + j])), d = Double(delta)
                sum += e < d ? 0.5 * e * e : d * (e - 0.5 * d)
            }
        }
        return sum / Double(max(rows * a, 1))
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        checkpoint.save(model, as: "model")
        checkpoint.save(average, as: "average")
        checkpoint.save(optimizer, as: "adam")
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try checkpoint.restore(model, from: "model")
        try checkpoint.restore(average, from: "average")
        try checkpoint.restore(&optimizer, from: "adam")
    }
}

extension DiffusionPlanner {
    /// Trains a planner on `dataset` for ``PlannerConfiguration/trainingSteps`` steps on the
    /// training loop, resuming from `sink`'s latest checkpoint; returns the moving-average planner.
    ///
    /// - Throws: `.invalidInput` for invalid settings or data; `.numerical` (exit 6) if the loss
    ///   becomes non-finite; whatever the sink throws.
    public static func train(_ dataset: PlannerDataset, configuration: PlannerConfiguration, seed: UInt64,
                             sink: any TrainingSink = MemorySink()) throws -> DiffusionPlanner {
        var trainer = try PlannerTrainer(dataset: dataset, configuration: configuration, seed: seed)
        let loop = TrainingLoop(steps: configuration.trainingSteps, checkpointEvery: configuration.checkpointEvery, label: "diffloader planner")
        try loop.run(&trainer, sink: sink)
        return trainer.planner
    }
}
