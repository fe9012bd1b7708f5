import LabCore

/// What the store knows about one content-addressed blob, without its bytes.
public struct BlobInfo: Sendable, Hashable, Codable {
    /// SHA-256 of the bytes, 64 lowercase hex digits: the blob's address.
    public var digest: String
    /// The codec and its version that produced the bytes, e.g. `tensor/1` or `json/1`.
    public var codec: String
    /// Size of the bytes.
    public var size: Int
    /// When the bytes were first stored (seconds since 1970, from the store's clock).
    public var createdAt: Double

    /// Creates a description.
    public init(digest: String, codec: String, size: Int, createdAt: Double) {
        self.digest = digest
        self.codec = codec
        self.size = size
        self.createdAt = createdAt
    }
}

/// A blob with its bytes.
public struct Blob: Sendable, Hashable {
    /// The blob's metadata.
    public var info: BlobInfo
    /// The stored bytes, exactly as written.
    public var bytes: [UInt8]

    /// Creates a blob value.
    public init(info: BlobInfo, bytes: [UInt8]) {
        self.info = info
        self.bytes = bytes
    }
}

/// Bytes to store together with the codec that can read them back.
public struct BlobPayload: Sendable, Hashable {
    /// Codec name and version, e.g. `tensor/1`; readers refuse codecs they do not know.
    public var codec: String
    /// The encoded value.
    public var bytes: [UInt8]
    /// SHA-256 of `bytes` if the caller already computed it (the runner hashes every output
    /// for its downstream cache keys), so the store does not hash the bytes a second time.
    ///
    /// The caller vouches for it: debug builds check it, and `lab cache verify` re-hashes
    /// every blob. Leave it `nil` to let the store hash.
    public var knownDigest: SHA256.Digest?

    /// Creates a payload; pass `knownDigest` only when it is `SHA256.hash(bytes)`.
    public init(codec: String, bytes: [UInt8], knownDigest: SHA256.Digest? = nil) {
        self.codec = codec
        self.bytes = bytes
        self.knownDigest = knownDigest
    }
}
