/// What a long library call can use while it runs: its seed, progress, metrics and checkpoints.
///
/// The runner hands one to every function call. A training function reports progress, appends
/// metric points (stored under the cell's key, upserted by step so a resumed run rewrites later
/// steps cleanly) and saves checkpoints; on a re-run after a crash, ``latestCheckpoint()``
/// returns the last one saved under the same key so the function can resume from it.
public protocol CallContext: Sendable {
    /// The seed for this call: derived from the notebook seed, the cell id and the call's
    /// position in the cell, so adding a cell never shifts another cell's randomness.
    var seed: UInt64 { get }
    /// Reports progress: `done` of `total` units, with a short label.
    func progress(_ done: Int, of total: Int, _ label: String)
    /// Records one metric point.
    func metric(_ name: String, step: Int, value: Double)
    /// Saves resumable state at a step.
    func saveCheckpoint(step: Int, state: [UInt8]) throws
    /// The last saved state under this call's key, if any.
    func latestCheckpoint() throws -> (step: Int, state: [UInt8])?
    /// Every point recorded for a metric under this call's key, by step (including points an
    /// interrupted earlier attempt recorded before its last checkpoint).
    func metricSeries(_ name: String) throws -> [(step: Int, value: Double)]
    /// The folder file patterns are relative to (the notebook's folder).
    var directory: String { get }
    /// Asks the store to keep this call's latest `count` checkpoints (at least 1; default 1)
    /// while it runs, when it is interrupted and once it ends.
    func keepCheckpoints(_ count: Int)
}

extension CallContext {
    /// The current folder, for contexts outside a notebook.
    public var directory: String { "." }

    /// Contexts without a store keep no checkpoints to prune.
    public func keepCheckpoints(_ count: Int) {}
}
