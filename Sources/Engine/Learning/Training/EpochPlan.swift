import LabCore

/// The epoch and batch plan of an epoch-based run: how many steps, the learning rate at each,
/// and which rows form each batch.
///
/// Linear warm-up then cosine decay to 1% of the peak over `epochs × ⌈count / batchSize⌉` steps.
/// The data order of epoch e is a permutation drawn from `root.derived("epoch e")`, where `root`
/// is `RandomSource(seed:stream:)`; trainers draw their other randomness from the same root by
/// name (`"step k"`, `"validation e"`), so a resumed run repeats exactly what the interrupted one
/// would have done. A checkpoint carries the root's state and the order of the epoch in progress.
public struct EpochPlan: Sendable {
    /// Number of training rows.
    public let count: Int
    /// Rows per batch (the last batch of an epoch may be smaller).
    public let batchSize: Int
    /// Steps in one epoch.
    public let stepsPerEpoch: Int
    /// Steps in the whole run.
    public let totalSteps: Int
    /// The learning rate by global step.
    public let schedule: WarmupCosineSchedule
    /// The run's random root.
    public private(set) var root: RandomSource
    /// The epoch whose data order ``order`` is (nil before the first batch).
    public private(set) var orderEpoch: Int?
    /// The data order of ``orderEpoch``: a permutation of the rows.
    public private(set) var order: [Int] = []

    /// Plans `epochs` passes over `count` rows.
    ///
    /// - Throws: `.invalidInput` when there are no rows, `batchSize` is not positive or `epochs` is negative.
    public init(count: Int, batchSize: Int, epochs: Int, learningRate: Float, warmupFraction: Double, seed: UInt64, stream: String) throws {
        guard count > 0 else { throw LabError(.invalidInput, "nothing to train on: the training set is empty") }
        guard batchSize > 0, epochs >= 0 else {
            throw LabError(.invalidInput, "`batch_size` must be positive and `epochs` at least 0 (got \(batchSize) and \(epochs))")
        }
        self.count = count
        self.batchSize = batchSize
        stepsPerEpoch = (count + batchSize - 1) / batchSize
        totalSteps = stepsPerEpoch * epochs
        schedule = WarmupCosineSchedule(peak: learningRate, warmupSteps: Int(Double(totalSteps) * warmupFraction),
                                        totalSteps: totalSteps, floor: learningRate / 100)
        root = RandomSource(seed: seed, stream: stream)
    }

    /// The epoch a global step belongs to.
    public func epoch(ofStep step: Int) -> Int { step / stepsPerEpoch }

    /// Whether global step `step` is the last of its epoch.
    public func endsEpoch(_ step: Int) -> Bool { (step + 1) % stepsPerEpoch == 0 }

    /// The training rows of global step `step`, drawing its epoch's order when it is not the current one.
    public mutating func rows(atStep step: Int) -> [Int] {
        let epoch = epoch(ofStep: step), b = step % stepsPerEpoch
        if orderEpoch != epoch {
            var orderRNG = root.derived("epoch \(epoch)")
            order = orderRNG.permutation(count)
            orderEpoch = epoch
        }
        return Array(order[(b * batchSize)..<min(count, (b + 1) * batchSize)])
    }
}

extension EpochPlan: Checkpointable {
    /// Saves the root's state (`name.root`) and the current data order (`name.order`, its epoch first).
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        checkpoint.save(root, as: "\(name).root")
        checkpoint.words["\(name).order"] = orderEpoch.map { [UInt64($0)] + order.map { UInt64($0) } } ?? []
    }

    /// A checkpoint without the plan's words (written before they were saved) keeps the root
    /// and data order derived from the seed.
    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        guard checkpoint.words["\(name).root"] != nil || checkpoint.words["\(name).order"] != nil else { return }
        try checkpoint.restore(&root, from: "\(name).root")
        let saved = try checkpoint.words("\(name).order")
        guard let epoch = saved.first else { (orderEpoch, order) = (nil, []); return }
        let rows = saved.dropFirst().map { Int(truncatingIfNeeded: $0) }
        guard rows.count == count, Set(rows) == Set(0..<count) else {
            throw LabError(.invalidInput, "the checkpoint's data order covers \(rows.count) rows but this run has \(count): it comes from another data set; train from the start with a fresh store (`--store`).")
        }
        (orderEpoch, order) = (Int(truncatingIfNeeded: epoch), rows)
    }
}
