import Foundation
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
    private let pending = Mutex<[MetricPoint]>([])
    /// Whether a checkpoint existed when the call started (the execution is then "resumed").
    private(set) var resumedFrom: Int?

    init(database: StoreDatabase, key: String, seed: UInt64, display: ProgressDisplay, label: String) {
        self.database = database
        self.key = key
        self.seed = seed
        self.display = display
        self.label = label
    }

    func progress(_ done: Int, of total: Int, _ label: String) {
        display.update("\(self.label): \(label)", done, of: total)
    }

    func metric(_ name: String, step: Int, value: Double) {
        let point = MetricPoint(key: key, name: name, step: Int64(step), value: value, wallTime: database.options.clock())
        let batch: [MetricPoint]? = pending.withLock { p in
            p.append(point)
            guard p.count >= 500 else { return nil }
            defer { p = [] }
            return p
        }
        if let batch { try? database.appendMetrics(batch) }
    }

    /// Writes buffered metric points (called before checkpoints and when the call ends).
    func flush() throws {
        let batch = pending.withLock { p -> [MetricPoint] in defer { p = [] }; return p }
        if !batch.isEmpty { try database.appendMetrics(batch) }
    }

    func saveCheckpoint(step: Int, state: [UInt8]) throws {
        try flush()
        _ = try database.saveCheckpoint(key: key, step: Int64(step), state: BlobPayload(codec: "checkpoint/1", bytes: state), keepLatest: 2)
    }

    func metricSeries(_ name: String) throws -> [(step: Int, value: Double)] {
        try flush()
        return try database.series(key: key, name: name).map { (Int($0.step), $0.value) }
    }

    func latestCheckpoint() throws -> (step: Int, state: [UInt8])? {
        guard let c = try database.latestCheckpoint(key: key) else { return nil }
        // Metric points after the checkpoint belong to the interrupted attempt: drop them so the
        // resumed run rewrites those steps cleanly.
        try database.discardMetrics(key: key, after: c.step)
        resumedFrom = Int(c.step)
        return (Int(c.step), c.blob.bytes)
    }
}
