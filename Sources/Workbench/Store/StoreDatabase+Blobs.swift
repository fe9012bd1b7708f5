import Dispatch
import LabCore

extension StoreDatabase {
    /// Blobs at least this large are hashed on another thread while SQLite writes them.
    static let parallelHashThreshold = 256 << 10

    /// Stores `payload` under its SHA-256 digest and returns its description.
    ///
    /// Identical bytes are stored once: a second put of the same bytes writes nothing and
    /// returns the first description (whose codec wins). The write is one transaction.
    @discardableResult
    public func putBlob(_ payload: BlobPayload) throws -> BlobInfo {
        try StoreCodec.validate(payload.codec)
        return try writeTransaction("store a \(payload.bytes.count)-byte blob") { try insertBlob(payload) }
    }

    /// Inserts a blob inside the caller's transaction, unless its digest is already there.
    ///
    /// Small blobs are hashed first, so a duplicate costs no write. Large ones are hashed on
    /// another thread while this one writes the bytes (hashing and writing each take about
    /// as long); a duplicate found afterwards is removed again before the transaction ends.
    func insertBlob(_ payload: BlobPayload) throws -> BlobInfo {
        try StoreCodec.validate(payload.codec)
        let digest: String
        let dataID: Int64
        if let known = payload.knownDigest {
            assert(SHA256.hash(payload.bytes) == known, "BlobPayload.knownDigest is not the SHA-256 of its bytes")
            digest = known.hex
            if let existing = try blobInfo(digest) { return existing }
            dataID = try insertData(payload.bytes)
        } else if payload.bytes.count < Self.parallelHashThreshold {
            digest = SHA256.hash(payload.bytes).hex
            if let existing = try blobInfo(digest) { return existing }
            dataID = try insertData(payload.bytes)
        } else {
            let hashing = BackgroundDigest(payload.bytes)
            let written = Result { try insertData(payload.bytes) }
            digest = hashing.wait()
            dataID = try written.get()
            if let existing = try blobInfo(digest) {
                let remove = try connection.prepare("DELETE FROM blob_data WHERE id = ?1", doing: "drop a duplicate blob")
                remove.bind(dataID, at: 1)
                try remove.step()
                return existing
            }
        }
        let info = BlobInfo(digest: digest, codec: payload.codec, size: payload.bytes.count, createdAt: now)
        let insert = try connection.prepare(
            "INSERT INTO blob (digest, codec, size, created_at, data_id) VALUES (?1, ?2, ?3, ?4, ?5)", doing: "store a blob")
        insert.bind(digest, at: 1)
        insert.bind(payload.codec, at: 2)
        insert.bind(payload.bytes.count, at: 3)
        insert.bind(info.createdAt, at: 4)
        insert.bind(dataID, at: 5)
        try insert.step()
        return info
    }

    private func insertData(_ bytes: [UInt8]) throws -> Int64 {
        let insert = try connection.prepare("INSERT INTO blob_data (data) VALUES (?1)", doing: "store a \(bytes.count)-byte blob")
        _ = try insert.withBlob(bytes, at: 1) { try insert.step() }
        return sqlite3LastInsertRowID()
    }

    /// The description of the blob with `digest`, or `nil` if the store does not hold it.
    public func blobInfo(_ digest: String) throws -> BlobInfo? {
        let query = try connection.prepare("SELECT codec, size, created_at FROM blob WHERE digest = ?1", doing: "look up a blob")
        query.bind(digest, at: 1)
        guard try query.step() else { return nil }
        return BlobInfo(digest: digest, codec: query.text(0), size: Int(query.int(1)), createdAt: query.double(2))
    }

    /// The blob with `digest`, or `nil` if the store does not hold it.
    ///
    /// Every read re-hashes the bytes (SHA-256 runs at over 1 GB/s): bytes that no longer
    /// match their digest or size throw a ``LabError/Code/corrupt`` error and are never returned.
    public func blob(_ digest: String) throws -> Blob? {
        let query = try connection.prepare(
            "SELECT b.codec, b.size, b.created_at, d.data FROM blob b JOIN blob_data d ON d.id = b.data_id WHERE b.digest = ?1", doing: "read a blob")
        query.bind(digest, at: 1)
        guard try query.step() else { return nil }
        let info = BlobInfo(digest: digest, codec: query.text(0), size: Int(query.int(1)), createdAt: query.double(2))
        let bytes = query.bytes(3)
        if bytes.count != info.size || SHA256.hash(bytes).hex != digest {
            throw StoreDatabase.damaged(digest, in: path)
        }
        return Blob(info: info, bytes: bytes)
    }

    /// The error for a blob whose bytes do not match its digest.
    static func damaged(_ digest: String, in path: String) -> LabError {
        LabError(.corrupt, "The stored value \(digest.prefix(12)) in \(path) is damaged: its bytes do not match their digest. `lab run` recomputes it; `lab cache verify --repair --store \(path)` removes every damaged entry.")
    }

    /// The digests that start with `prefix` (at most `limit`), for short digests typed by people.
    public func blobDigests(prefix: String, limit: Int = 10) throws -> [String] {
        let query = try connection.prepare("SELECT digest FROM blob WHERE digest >= ?1 AND digest < ?2 ORDER BY digest LIMIT ?3", doing: "find blobs by digest prefix")
        let lower = prefix.lowercased()
        query.bind(lower, at: 1)
        query.bind(lower + "g", at: 2)  // 'g' sorts after every hex digit
        query.bind(limit, at: 3)
        var out: [String] = []
        while try query.step() { out.append(query.text(0)) }
        return out
    }

    /// Protects the blob with `digest` from `gc` even when nothing references it.
    public func pinBlob(_ digest: String, reason: String) throws {
        try writeTransaction("pin a blob") {
            guard try blobInfo(digest) != nil else {
                throw LabError(.invalidInput, "Cannot pin \(digest): the store \(path) has no such blob. List blobs with `lab cache ls --kind blobs --store \(path)`.")
            }
            let statement = try connection.prepare("INSERT OR REPLACE INTO pin (digest, reason, created_at) VALUES (?1, ?2, ?3)", doing: "pin a blob")
            statement.bind(digest, at: 1)
            statement.bind(reason, at: 2)
            statement.bind(now, at: 3)
            try statement.step()
        }
    }

    /// Removes a pin made by ``pinBlob(_:reason:)``; the blob stays until the next `gc`.
    public func unpinBlob(_ digest: String) throws {
        try writeTransaction("unpin a blob") {
            let statement = try connection.prepare("DELETE FROM pin WHERE digest = ?1", doing: "unpin a blob")
            statement.bind(digest, at: 1)
            try statement.step()
        }
    }
}

/// A SHA-256 computed on a global dispatch queue; ``wait()`` blocks until it is done.
private final class BackgroundDigest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before it signals; read only after the wait.
    private var hex = ""

    init(_ bytes: [UInt8]) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            hex = SHA256.hash(bytes).hex
            done.signal()
        }
    }

    /// The digest in hex (call once).
    func wait() -> String {
        done.wait()
        return hex
    }
}
