/// A training checkpoint: the state blob of one cache key at one step.
public struct Checkpoint: Sendable, Hashable {
    /// The training cell's cache key.
    public var key: String
    /// The step the state belongs to.
    public var step: Int64
    /// When it was written.
    public var createdAt: Double
    /// The state (parameters, optimizer, data order, RNG) as a blob.
    public var blob: Blob
}
