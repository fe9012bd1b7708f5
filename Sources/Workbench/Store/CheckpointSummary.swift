/// The checkpoints of one key, summarised for `lab status` and `lab cache ls`.
public struct CheckpointSummary: Sendable, Hashable {
    /// The call key the checkpoints belong to.
    public var key: String
    /// The newest checkpoint's step (a resumed run continues from it).
    public var latestStep: Int64
    /// How many checkpoints are kept.
    public var count: Int
    /// Their total size in bytes.
    public var bytes: Int
    /// When the newest was saved (seconds since 1970).
    public var savedAt: Double
}
