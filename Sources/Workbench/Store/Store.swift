import LabCore

/// The notebook runner's store: the single writer of one store file in this process.
///
/// An actor around one ``StoreDatabase`` connection, so cells running concurrently in a task
/// group serialise their writes here instead of racing on SQLite locks. Metric points are
/// buffered (see ``append(key:name:step:value:)``) and written one transaction per flush.
/// Other processes may use the same file at once; SQLite's WAL and busy timeout queue them.
///
/// ```swift
/// let store = try Store(path: ".lab/store.sqlite")
/// if let hit = try await store.lookup(key) { … }
/// try await store.record(key: key, outputs: ["model": BlobPayload(codec: "tensor/1", bytes: bytes)])
/// ```
public actor Store {
    /// The store file path.
    public nonisolated let path: String
    private let database: StoreDatabase
    private let flushPolicy: MetricFlushPolicy
    private var pending: [MetricPoint] = []
    private var lastFlush: Double

    /// Opens (creating if needed) the store at `path`.
    public init(path: String, options: StoreOptions = StoreOptions(), flushPolicy: MetricFlushPolicy = MetricFlushPolicy()) throws {
        self.path = path
        database = try StoreDatabase(path: path, options: options)
        self.flushPolicy = flushPolicy
        lastFlush = options.clock()
    }

    /// Runs `body` on the underlying connection, inside the actor (for queries not wrapped here).
    public func withDatabase<T: Sendable>(_ body: (StoreDatabase) throws -> T) throws -> T {
        try body(database)
    }

    // MARK: Blobs

    /// Stores bytes under their digest (once per distinct content).
    @discardableResult
    public func put(_ payload: BlobPayload) throws -> BlobInfo { try database.putBlob(payload) }

    /// The blob with `digest`, or `nil`.
    public func get(_ digest: String, verify: Bool = false) throws -> Blob? { try database.blob(digest, verify: verify) }

    // MARK: Runs and executions

    /// Records the start of a run; see ``StoreDatabase/beginRun(notebookPath:notebookDigest:argv:environment:)``.
    public func beginRun(notebookPath: String, notebookDigest: String, argv: [String], environment: RunEnvironment) throws -> Int64 {
        try database.beginRun(notebookPath: notebookPath, notebookDigest: notebookDigest, argv: argv, environment: environment)
    }

    /// Flushes buffered metrics and marks the run finished.
    public func finishRun(_ id: Int64, status: RunStatus) throws {
        try flush()
        try database.finishRun(id, status: status)
    }

    /// Records one cell execution and returns its id.
    public func recordExecution(_ record: ExecutionRecord) throws -> Int64 { try database.recordExecution(record) }

    // MARK: Cache entries

    /// The cache entry for `key`, or `nil` on a miss.
    public func lookup(_ key: String) throws -> CacheEntry? { try database.lookup(key) }

    /// Stores the outputs and records them under `key`, atomically.
    @discardableResult
    public func record(key: String, outputs: [String: BlobPayload], execution: Int64? = nil) throws -> CacheEntry {
        try database.record(key: key, outputs: outputs, execution: execution)
    }

    // MARK: Metrics

    /// Buffers one metric point stamped with the store clock; flushes when the policy says so.
    ///
    /// Points become durable at the next flush: when ``MetricFlushPolicy/maxPoints`` are
    /// pending, when ``MetricFlushPolicy/maxSeconds`` passed since the last flush, on
    /// ``flush()``, ``saveCheckpoint(key:step:state:keepLatest:)`` and ``finishRun(_:status:)``.
    public func append(key: String, name: String, step: Int64, value: Double) throws {
        let now = database.options.clock()
        pending.append(MetricPoint(key: key, name: name, step: step, value: value, wallTime: now))
        if pending.count >= flushPolicy.maxPoints || now - lastFlush >= flushPolicy.maxSeconds {
            try flush()
        }
    }

    /// Buffers points that already carry their wall time.
    public func append(_ points: [MetricPoint]) throws {
        pending.append(contentsOf: points)
        if pending.count >= flushPolicy.maxPoints || database.options.clock() - lastFlush >= flushPolicy.maxSeconds {
            try flush()
        }
    }

    /// Writes every buffered point in one transaction.
    ///
    /// On failure the points stay buffered, so a later flush can retry them.
    public func flush() throws {
        lastFlush = database.options.clock()
        guard !pending.isEmpty else { return }
        try database.appendMetrics(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Number of points waiting for the next flush.
    public var pendingMetricCount: Int { pending.count }

    /// The points of one series (flushes first, so the caller sees its own writes).
    public func series(key: String, name: String, steps: ClosedRange<Int64>? = nil) throws -> [MetricPoint] {
        try flush()
        return try database.series(key: key, name: name, steps: steps)
    }

    /// Summaries of the series of `key` (flushes first).
    public func seriesSummaries(key: String) throws -> [SeriesSummary] {
        try flush()
        return try database.seriesSummaries(key: key)
    }

    // MARK: Checkpoints

    /// Flushes metrics, then stores a checkpoint of `key` at `step` (see ``StoreDatabase/saveCheckpoint(key:step:state:keepLatest:)``).
    @discardableResult
    public func saveCheckpoint(key: String, step: Int64, state: BlobPayload, keepLatest: Int? = nil) throws -> BlobInfo {
        try flush()
        return try database.saveCheckpoint(key: key, step: step, state: state, keepLatest: keepLatest)
    }

    /// The newest checkpoint of `key`, or `nil`.
    public func latestCheckpoint(key: String) throws -> Checkpoint? { try database.latestCheckpoint(key: key) }

    /// Prepares a resume of `key` from `checkpoint`: drops buffered and stored points after its step.
    public func beginResume(key: String, from checkpoint: Checkpoint) throws {
        pending.removeAll { $0.key == key && $0.step > checkpoint.step }
        try flush()
        try database.discardMetrics(key: key, after: checkpoint.step)
    }
}

/// When the ``Store`` actor writes buffered metric points.
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
