import LabCore
import Learning

/// The epoch and batch plan every trainer here shares: how many steps, the learning rate at each,
/// and which rows form each batch.
///
/// Linear warm-up then cosine decay to 1% of the peak over `epochs × ⌈count / batchSize⌉` steps.
/// The data order of epoch e is a permutation drawn from `root.derived("epoch e")`, where `root`
/// is `RandomSource(seed:stream:)`; trainers draw their other randomness from the same root by
/// name (`"step k"`, `"validation e"`), so a resumed run repeats exactly what the interrupted one
/// would have done.
struct EpochPlan {
    /// Number of training rows.
    let count: Int
    /// Rows per batch (the last batch of an epoch may be smaller).
    let batchSize: Int
    /// Steps in one epoch.
    let stepsPerEpoch: Int
    /// Steps in the whole run.
    let totalSteps: Int
    /// The learning rate by global step.
    let schedule: WarmupCosineSchedule
    /// The run's random root.
    let root: RandomSource

    init(count: Int, batchSize: Int, epochs: Int, learningRate: Float, warmupFraction: Double, seed: UInt64, stream: String) {
        self.count = count
        self.batchSize = batchSize
        stepsPerEpoch = (count + batchSize - 1) / batchSize
        totalSteps = stepsPerEpoch * epochs
        schedule = WarmupCosineSchedule(peak: learningRate, warmupSteps: Int(Double(totalSteps) * warmupFraction),
                                        totalSteps: totalSteps, floor: learningRate / 100)
        root = RandomSource(seed: seed, stream: stream)
    }

    /// The batches of `epoch` in order: the global step and the training rows of each.
    func batches(epoch: Int) -> [(step: Int, rows: [Int])] {
        var orderRNG = root.derived("epoch \(epoch)")
        let order = orderRNG.permutation(count)
        return (0..<stepsPerEpoch).map { b in
            (epoch * stepsPerEpoch + b, Array(order[(b * batchSize)..<min(count, (b + 1) * batchSize)]))
        }
    }
}

extension TrainerCheckpoint {
    /// Loads the sink's latest checkpoint into `model` and `optimizer`; returns the epochs already
    /// done (0 when there is no checkpoint).
    static func resume(_ model: any Module, optimizer: inout Adam, from sink: any TrainingSink) throws -> Int {
        guard let saved = try sink.latestCheckpoint() else { return 0 }
        return try restore(saved.state, into: model, optimizer: &optimizer)
    }
}
