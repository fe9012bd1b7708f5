import Store
import Synchronization

/// Where a run is: the cell and call it is in, the step it reached and the last checkpoint
/// saved, so an interrupted run (Ctrl-C) can say where it stopped and where it will resume.
///
/// The runner and its call contexts update it; a signal handler on another thread reads it.
public final class RunPosition: Sendable {
    /// A snapshot of the position.
    public struct Snapshot: Sendable, Hashable {
        /// The store's id of the run, once recorded.
        public var runID: Int64?
        /// The cell being run.
        public var cell: String?
        /// The cell's cache key and key manifest (canonical JSON), to record its interruption.
        public var cellKey: String?
        /// The manifest behind ``cellKey``.
        public var cellManifest: String?
        /// When the cell started (seconds since 1970).
        public var cellStartedAt: Double?
        /// The call being made, as the progress line names it (`b › gadsg.train 2/6`).
        public var call: String?
        /// The last unit the call reported done, and of how many (`epoch 5/16`).
        public var progress: String?
        /// The newest checkpoint step of the current call (saved now or resumed from).
        public var checkpointStep: Int?
        /// Set by ``freeze()``: no checkpoint is saved after it.
        public var frozen = false
    }

    private let state = Mutex(Snapshot())

    /// Creates an empty position.
    public init() {}

    /// The current position.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Applies `change` to the position.
    public func update(_ change: (inout Snapshot) -> Void) { state.withLock { change(&$0) } }

    /// Stops checkpoints being saved and returns the position, so the step it names is the
    /// last checkpoint the store will hold (a save under way finishes first).
    @discardableResult
    public func freeze() -> Snapshot {
        state.withLock { s in
            s.frozen = true
            return s
        }
    }

    /// Runs `save` (a checkpoint at `step`) unless the position is frozen, and records the step.
    func checkpointing(_ step: Int, _ save: () throws -> Void) throws {
        try state.withLock { s in
            guard !s.frozen else { return }
            try save()
            s.checkpointStep = step
        }
    }

    /// What to tell the user after an interruption: where the run stopped, and what `lab run`
    /// will resume from.
    public func interruptionMessage(notebook: String) -> String {
        Self.interruptionMessage(freeze(), notebook: notebook)
    }

    /// The message of ``interruptionMessage(notebook:)`` for the position `s`.
    public static func interruptionMessage(_ s: Snapshot, notebook: String) -> String {
        guard let cell = s.cell else { return "interrupted before any cell ran; nothing was lost. `lab run \(notebook)` starts again." }
        var text = "interrupted in cell `\(cell)`"
        if let call = s.call { text += ", in \(call)" + (s.progress.map { " (last reported: \($0))" } ?? "") }
        text += ". "
        if s.call != nil, let step = s.checkpointStep {
            text += "`lab run \(notebook)` resumes from the checkpoint of step \(step); finished cells and calls stay cached."
        } else {
            text += "No checkpoint of this call was saved yet: `lab run \(notebook)` starts it again; finished cells and calls stay cached."
        }
        return text
    }

    /// The execution record of the cell the run stopped in (outcome failed, error code
    /// `interrupted`, the message of ``interruptionMessage(notebook:)``), or nil before any cell
    /// or without a recorded run; `lab status` shows that cell as interrupted, not as never run.
    public static func interruptedExecution(_ s: Snapshot, notebook: String, now: Double) -> ExecutionRecord? {
        guard let runID = s.runID, let cell = s.cell, let key = s.cellKey, let manifest = s.cellManifest else { return nil }
        let started = s.cellStartedAt ?? now
        return ExecutionRecord(runID: runID, cellID: cell, cacheKey: key, manifest: manifest, outcome: .failed, startedAt: started,
                               duration: max(0, now - started),
                               error: StoredError(code: RunPosition.interruptedCode, message: interruptionMessage(s, notebook: notebook), phase: "execute"))
    }

    /// The error code of an interrupted cell's execution record.
    public static let interruptedCode = "interrupted"
}
