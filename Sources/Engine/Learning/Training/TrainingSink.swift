/// Where a training loop sends what it wants kept: metric points, progress and checkpoints.
///
/// Learning never imports the store: the notebook runner implements this protocol on top of its
/// call context (metrics upserted by step, checkpoints under the call's key), and tests use
/// ``MemorySink``. A loop that finds a checkpoint in ``latestCheckpoint()`` resumes from it.
public protocol TrainingSink {
    /// Records one metric point.
    func metric(_ name: String, step: Int, value: Double)
    /// Reports progress: `done` of `total` units.
    func progress(_ done: Int, of total: Int, _ label: String)
    /// Saves resumable state at a step.
    ///
    /// `step` is on the same axis as the metric points (the global training step): a run resumed
    /// from this checkpoint discards the metric points after it and writes them again.
    func saveCheckpoint(step: Int, state: [UInt8]) throws
    /// The last state saved, if any.
    func latestCheckpoint() throws -> (step: Int, state: [UInt8])?
}

/// A sink that keeps everything in memory (tests, and runs without a store).
public final class MemorySink: TrainingSink {
    /// Metric points by name, in the order recorded.
    public private(set) var metrics: [String: [(step: Int, value: Double)]] = [:]
    /// Saved checkpoints, oldest first.
    public private(set) var checkpoints: [(step: Int, state: [UInt8])] = []
    /// Stop after this many checkpoints by throwing (simulates a killed run in tests); nil never.
    public var failAfterCheckpoints: Int?

    /// Creates an empty sink.
    public init() {}

    public func metric(_ name: String, step: Int, value: Double) { metrics[name, default: []].append((step, value)) }

    public func progress(_ done: Int, of total: Int, _ label: String) {}

    public func saveCheckpoint(step: Int, state: [UInt8]) throws {
        checkpoints.append((step, state))
        if let limit = failAfterCheckpoints, checkpoints.count >= limit {
            throw InterruptedTraining(step: step)
        }
    }

    public func latestCheckpoint() throws -> (step: Int, state: [UInt8])? { checkpoints.last }

    /// Thrown by ``saveCheckpoint(step:state:)`` when ``failAfterCheckpoints`` is reached.
    public struct InterruptedTraining: Error {
        /// The step of the last checkpoint saved.
        public var step: Int
    }
}
