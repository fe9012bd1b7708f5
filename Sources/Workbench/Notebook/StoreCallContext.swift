import Foundation
import LabCore
import Store
import Synchronization

/// The ``CallContext`` the runner hands to library calls: metrics and checkpoints go to the
/// store under the call's key; progress goes to the display.
final class StoreCallContext: CallContext, @unchecked Sendable {
    let database: StoreDatabase
    let key: String
    let seed: UInt64
    let display: ProgressDisplay
    let label: String
    let metrics: MetricBuffer
    /// The notebook's folder (file patterns are relative to it).
    var directory = "."

    /// Whether a checkpoint existed when the call started (the execution is then "resumed").
    private(set) var resumedFrom: Int?
    /// The latest value of a loss metric (`loss`, `train_loss`, …), shown on the progress line.
    private let loss = Mutex<Double?>(nil)
    /// How many of the latest checkpoints the store keeps (see ``keepCheckpoints(_:)``).
    private let kept = Mutex(1)

    /// Where the run is, updated with each progress report and checkpoint.
    let position: RunPosition

    init(database: StoreDatabase, key: String, seed: UInt64, display: ProgressDisplay, label: String, position: RunPosition = RunPosition()) {
        self.database = database
        self.position = position
        self.key = key
        self.seed = seed
        self.display = display
        self.label = label
        metrics = MetricBuffer(database: database, key: key, policy: MetricFlushPolicy(maxPoints: 500, maxSeconds: 1))
        position.update { $0.call = label; $0.progress = nil; $0.checkpointStep = nil }
    }

    func progress(_ done: Int, of total: Int, _ label: String) {
        position.update { $0.progress = "\(label) \(done)/\(total)" }
        display.update("\(self.label) · \(label)", done, of: total, detail: loss.withLock { $0 }.map { "loss " + Table.format($0) })
    }

    func metric(_ name: String, step: Int, value: Double) {
        metrics.append(name: name, step: Int64(step), value: value)
        if name == "loss" || name.hasSuffix("_loss") { loss.withLock { $0 = value } }
    }

    /// Writes buffered metric points (called before checkpoints and when the call ends);
    /// throws a write failure that happened while buffering.
    func flush() throws {
        try metrics.flush()
    }

    func saveCheckpoint(step: Int, state: [UInt8]) throws {
        try flush()
        try position.checkpointing(step) {
            _ = try database.saveCheckpoint(key: key, step: Int64(step), state: BlobPayload(codec: "checkpoint/1", bytes: state), keepLatest: checkpointsKept)
        }
    }

    func keepCheckpoints(_ count: Int) { kept.withLock { $0 = max(1, count) } }

    /// How many of the latest checkpoints are kept: 1 unless the call asked for more.
    var checkpointsKept: Int { kept.withLock { $0 } }

    func metricSeries(_ name: String) throws -> [(step: Int, value: Double)] {
        try flush()
        return try database.series(key: key, name: name).map { (Int($0.step), $0.value) }
    }

    func latestCheckpoint() throws -> (step: Int, state: [UInt8])? {
        let found: Checkpoint?
        do {
            found = try database.latestCheckpoint(key: key)
        } catch let error as LabError where error.code == .corrupt {
            // A damaged checkpoint is never resumed from: drop the damaged ones, take the newest good one.
            try database.removeDamagedCheckpoints(key: key)
            found = try database.latestCheckpoint(key: key)
        }
        guard let c = found else { return nil }
        // Metric points after the checkpoint belong to the interrupted attempt: drop them so the
        // resumed run rewrites those steps cleanly.
        try metrics.discard(after: c.step)
        resumedFrom = Int(c.step)
        position.update { $0.checkpointStep = Int(c.step) }
        return (Int(c.step), c.blob.bytes)
    }
}
