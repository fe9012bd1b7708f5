/// A cached cell result: its key and named outputs.
public struct CacheEntry: Sendable, Hashable {
    /// The cell's cache key.
    public var key: String
    /// The execution that produced it, if recorded.
    public var executionID: Int64?
    /// When it was recorded (seconds since 1970).
    public var createdAt: Double
    /// Whether `gc` must keep it regardless of age.
    public var pinned: Bool
    /// Output name → blob description, sorted by name.
    public var outputs: [String: BlobInfo]
    /// For a memoised call's entry: the function, arguments and cell that computed it.
    public var origin: CallOrigin?

    /// Creates an entry value.
    public init(key: String, executionID: Int64?, createdAt: Double, pinned: Bool, outputs: [String: BlobInfo], origin: CallOrigin? = nil) {
        self.key = key
        self.executionID = executionID
        self.createdAt = createdAt
        self.pinned = pinned
        self.outputs = outputs
        self.origin = origin
    }
}
