import LabCore

/// The one resumable training loop: steps a ``Trainer``, records its metrics, checkpoints it,
/// resumes it, and stops it when it diverges.
///
/// A run is `steps` calls of ``Trainer/step(_:)``. Before the first, the loop asks the sink for
/// its latest checkpoint and, if there is one, restores the trainer from it and continues at the
/// checkpoint's step. After step k it records the step's metric points at `k + 1`, reports
/// progress, and saves a checkpoint when `k + 1` is a multiple of ``checkpointEvery`` (and after
/// the last step when ``checkpointAtEnd`` is set). A metric that is NaN or infinite ends the run
/// with a `.numerical` ``LabError`` (exit 6) naming the step and the metric; the last checkpoint
/// is kept. A trainer that reports ``Trainer/isComplete`` after a step is checkpointed (with
/// ``checkpointAtEnd``) and the run ends there.
public struct TrainingLoop: Sendable, Hashable {
    /// Steps in the whole run (including those done before a resume).
    public var steps: Int
    /// Steps between checkpoints (0: none except, with ``checkpointAtEnd``, the last).
    public var checkpointEvery: Int
    /// Whether the state after the last step is checkpointed too.
    public var checkpointAtEnd: Bool
    /// The label of progress reports.
    public var label: String

    /// Creates a loop over `steps` steps.
    public init(steps: Int, checkpointEvery: Int, checkpointAtEnd: Bool = true, label: String = "training") {
        (self.steps, self.checkpointEvery, self.checkpointAtEnd, self.label) = (steps, checkpointEvery, checkpointAtEnd, label)
    }

    /// Runs `trainer` to the end, resuming from `sink`'s latest checkpoint; returns the step this
    /// call started at (0 for a fresh run).
    ///
    /// - Throws: `.numerical` when a metric is not finite; `.corrupt` or `.invalidInput` when the
    ///   checkpoint cannot be read or does not fit the trainer; whatever the sink or trainer throws.
    @discardableResult
    public func run<T: Trainer>(_ trainer: inout T, sink: any TrainingSink) throws -> Int {
        let first = try resume(&trainer, from: sink)
        for step in first..<max(first, steps) {
            if trainer.isComplete { break }
            let points = try trainer.step(step)
            for point in points where !point.value.isFinite {
                throw LabError(.numerical, "training diverged at step \(step + 1) of \(steps): `\(point.name)` is \(point.value). "
                               + "Lower the learning rate or check the data for non-finite values.")
            }
            for point in points { sink.metric(point.name, step: step + 1, value: point.value) }
            sink.progress(step + 1, of: steps, label)
            if isCheckpoint(after: step + 1) || (checkpointAtEnd && trainer.isComplete) {
                var checkpoint = TrainingCheckpoint(step: step + 1)
                trainer.save(into: &checkpoint)
                try sink.saveCheckpoint(step: step + 1, state: checkpoint.encoded())
            }
        }
        return first
    }

    /// Whether the loop checkpoints once `done` steps are complete.
    public func isCheckpoint(after done: Int) -> Bool {
        done == steps ? checkpointAtEnd : checkpointEvery > 0 && done % checkpointEvery == 0
    }

    /// Restores `trainer` from the sink's latest checkpoint; returns its step (0 without one).
    func resume<T: Trainer>(_ trainer: inout T, from sink: any TrainingSink) throws -> Int {
        guard let saved = try sink.latestCheckpoint() else { return 0 }
        let checkpoint = try TrainingCheckpoint.decode(saved.state, legacyStep: saved.step)
        guard checkpoint.step == saved.step, checkpoint.step <= steps else {
            throw LabError(.invalidInput, "the saved checkpoint is at step \(checkpoint.step) (stored as \(saved.step)) but this run has \(steps) steps: "
                           + "it comes from another configuration; train from the start with a fresh store (`--store`).")
        }
        try trainer.restore(from: checkpoint)
        return checkpoint.step
    }
}
