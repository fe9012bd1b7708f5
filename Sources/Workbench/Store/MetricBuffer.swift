import LabCore
import Synchronization

/// The one place metric points wait before they are written: batches of points go to the store
/// in one transaction each, by count and by time.
///
/// Library calls append points from any thread; ``flush()`` writes what is pending. A failed
/// write is never dropped: the points stay buffered and the error is kept, so the next
/// ``flush()`` (before every checkpoint and when the call ends) retries them and throws if the
/// store still refuses.
///
/// ```swift
/// let metrics = MetricBuffer(database: db, key: key)
/// metrics.append(name: "loss", step: 10, value: 0.25)
/// try metrics.flush()
/// ```
public final class MetricBuffer: @unchecked Sendable {
    // `database` is used only inside `state`'s lock, one thread at a time.
    private let database: StoreDatabase
    /// The cache key the points are stored under.
    public let key: String
    private let policy: MetricFlushPolicy
    private let state: Mutex<State>

    private struct State {
        var pending: [MetricPoint] = []
        var lastFlush: Double
        var failure: LabError?
    }

    /// A buffer for the series of `key` in `database`.
    public init(database: StoreDatabase, key: String, policy: MetricFlushPolicy = MetricFlushPolicy()) {
        self.database = database
        self.key = key
        self.policy = policy
        state = Mutex(State(lastFlush: database.options.clock()))
    }

    /// Buffers one point stamped with the store clock; writes the batch when the policy says so.
    ///
    /// A write failure here is kept for the next ``flush()``, which reports it.
    public func append(name: String, step: Int64, value: Double) {
        let now = database.options.clock()
        state.withLock { s in
            s.pending.append(MetricPoint(key: key, name: name, step: step, value: value, wallTime: now))
            guard s.failure == nil, s.pending.count >= policy.maxPoints || now - s.lastFlush >= policy.maxSeconds else { return }
            write(&s, now: now)
        }
    }

    /// Writes every pending point in one transaction; throws the store's error if it fails.
    public func flush() throws {
        let now = database.options.clock()
        try state.withLock { s in
            write(&s, now: now)
            if let failure = s.failure { throw failure }
        }
    }

    /// Drops pending points of steps after `step` and stored ones too (a resume from a checkpoint at `step`).
    public func discard(after step: Int64) throws {
        try state.withLock { s in
            s.pending.removeAll { $0.step > step }
            try database.discardMetrics(key: key, after: step)
        }
    }

    /// Number of points waiting for the next write.
    public var pendingCount: Int { state.withLock { $0.pending.count } }

    private func write(_ s: inout State, now: Double) {
        s.lastFlush = now
        guard !s.pending.isEmpty else { return }
        do {
            try database.appendMetrics(s.pending)
            s.pending.removeAll(keepingCapacity: true)
            s.failure = nil
        } catch let error as LabError {
            s.failure = error
        } catch {
            s.failure = LabError(.store, "could not write \(s.pending.count) metric point(s) of \(key.prefix(12)) to \(database.path): \(error)")
        }
    }
}

/// When a ``MetricBuffer`` writes its points.
public struct MetricFlushPolicy: Sendable, Hashable {
    /// Flush once this many points are pending.
    public var maxPoints: Int
    /// Flush when this many seconds (by the store clock) passed since the last flush.
    public var maxSeconds: Double

    /// Creates a policy; the defaults bound both the transaction rate and the loss window.
    public init(maxPoints: Int = 1000, maxSeconds: Double = 1) {
        self.maxPoints = max(1, maxPoints)
        self.maxSeconds = maxSeconds
    }
}
