/// Sizes and counts of a store, for `lab cache stats`.
public struct StoreStats: Sendable, Hashable, Codable {
    /// Schema version (`user_version`).
    public var schemaVersion: Int
    /// Main database file size in bytes.
    public var fileBytes: Int
    /// Write-ahead log size in bytes.
    public var walBytes: Int
    /// Number of blobs.
    public var blobs: Int
    /// Total bytes of blob payloads.
    public var blobBytes: Int
    /// Blob count and bytes per codec.
    public var codecs: [String: CodecUsage]
    /// Pinned blobs.
    public var pinnedBlobs: Int
    /// Runs recorded.
    public var runs: Int
    /// Executions recorded.
    public var executions: Int
    /// Cache entries.
    public var entries: Int
    /// Pinned cache entries.
    public var pinnedEntries: Int
    /// Metric points.
    public var metricPoints: Int
    /// Metric series.
    public var series: Int
    /// Checkpoints.
    public var checkpoints: Int

    /// Count and bytes of one codec.
    public struct CodecUsage: Sendable, Hashable, Codable {
        /// Number of blobs.
        public var count: Int
        /// Total bytes.
        public var bytes: Int
    }
}

/// The outcome of ``StoreDatabase/verify(rehash:)``: empty `problems` means healthy.
public struct VerifyReport: Sendable, Hashable {
    /// Blobs whose bytes were re-hashed.
    public var blobsChecked: Int
    /// Human-readable problems, each with the object it concerns.
    public var problems: [String]
    /// Whether the store passed every check.
    public var isHealthy: Bool { problems.isEmpty }
}

/// What ``StoreDatabase/collectGarbage(graceSeconds:dryRun:)`` removed (or would remove).
public struct GCReport: Sendable, Hashable {
    /// Unreferenced blobs removed.
    public var blobsRemoved: Int
    /// Their payload bytes.
    public var bytesRemoved: Int
    /// Unreferenced blobs kept because they are younger than the grace period.
    public var blobsTooYoung: Int
    /// Whether this was a dry run (nothing deleted).
    public var dryRun: Bool
}
