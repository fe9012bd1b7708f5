import LabCore

extension StoreDatabase {
    /// Stores `payload` under its SHA-256 digest and returns its description.
    ///
    /// Identical bytes are stored once: a second put of the same bytes writes nothing and
    /// returns the first description (whose codec wins). The write is one transaction.
    @discardableResult
    public func putBlob(_ payload: BlobPayload) throws -> BlobInfo {
        let digest = SHA256.hash(payload.bytes).hex
        return try writeTransaction("store a blob") {
            try insertBlob(payload, digest: digest)
        }
    }

    /// Inserts a blob inside the caller's transaction, unless the digest is already there.
    func insertBlob(_ payload: BlobPayload, digest: String) throws -> BlobInfo {
        if let existing = try blobInfo(digest) { return existing }
        try StoreCodec.validate(payload.codec)
        let info = BlobInfo(digest: digest, codec: payload.codec, size: payload.bytes.count, createdAt: now)
        let insert = try connection.prepare(
            "INSERT INTO blob (digest, codec, size, created_at, data) VALUES (?1, ?2, ?3, ?4, ?5)",
            doing: "store a \(payload.bytes.count)-byte blob")
        insert.bind(digest, at: 1)
        insert.bind(payload.codec, at: 2)
        insert.bind(payload.bytes.count, at: 3)
        insert.bind(info.createdAt, at: 4)
        _ = try insert.withBlob(payload.bytes, at: 5) { try insert.step() }
        return info
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
    /// With `verify`, the bytes are re-hashed and a mismatch throws a ``LabError/Code/corrupt``
    /// error (the digest was computed once at write time; reads normally trust it).
    public func blob(_ digest: String, verify: Bool = false) throws -> Blob? {
        let query = try connection.prepare("SELECT codec, size, created_at, data FROM blob WHERE digest = ?1", doing: "read a blob")
        query.bind(digest, at: 1)
        guard try query.step() else { return nil }
        let info = BlobInfo(digest: digest, codec: query.text(0), size: Int(query.int(1)), createdAt: query.double(2))
        let bytes = query.bytes(3)
        if bytes.count != info.size || (verify && SHA256.hash(bytes).hex != digest) {
            throw LabError(.corrupt, "The blob \(digest.prefix(12)) in \(path) does not match its digest or size. Run `lab cache verify --store \(path)`; re-running the cells that produced it will store a good copy.")
        }
        return Blob(info: info, bytes: bytes)
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
                throw LabError(.invalidInput, "Cannot pin \(digest): the store \(path) has no such blob. List blobs with `lab cache ls --blobs --store \(path)`.")
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
