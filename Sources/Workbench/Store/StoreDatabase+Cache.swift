import LabCore

extension StoreDatabase {
    /// The cache entry for `key` with its outputs, or `nil` on a miss.
    public func lookup(_ key: String) throws -> CacheEntry? {
        try readTransaction("look up a cache entry") {
            // A store of schema 1 opened read-only was not migrated: it has no origin column.
            let origin = try schemaVersion() >= 2 ? "origin_json" : "NULL"
            let entry = try connection.prepare("SELECT exec_id, created_at, pinned, \(origin) FROM cache_entry WHERE cache_key = ?1", doing: "look up a cache entry")
            entry.bind(key, at: 1)
            guard try entry.step() else { return nil }
            var result = CacheEntry(key: key, executionID: entry.isNull(0) ? nil : entry.int(0), createdAt: entry.double(1), pinned: entry.int(2) != 0, outputs: [:],
                                    origin: try entry.optionalText(3).map { try StoreJSON.decode(CallOrigin.self, $0, path: path) })
            let outputs = try connection.prepare(
                "SELECT o.name, b.digest, b.codec, b.size, b.created_at FROM cache_output o JOIN blob b ON b.digest = o.digest WHERE o.cache_key = ?1",
                doing: "read cache outputs")
            outputs.bind(key, at: 1)
            while try outputs.step() {
                result.outputs[outputs.text(0)] = BlobInfo(digest: outputs.text(1), codec: outputs.text(2), size: Int(outputs.int(3)), createdAt: outputs.double(4))
            }
            return result
        }
    }

    /// Stores the outputs' bytes and records them under `key` in one transaction.
    ///
    /// Replaces an earlier entry with the same key. Either all outputs and the entry are kept,
    /// or (on any failure, including a crash) none of them are.
    /// A memoised call's entry passes its `origin`, which `lab cache ls` shows.
    @discardableResult
    public func record(key: String, outputs: [String: BlobPayload], execution: Int64? = nil, origin: CallOrigin? = nil) throws -> CacheEntry {
        for payload in outputs.values { try StoreCodec.validate(payload.codec) }
        let originJSON = try origin.map { try StoreJSON.encode($0) }
        return try writeTransaction("record a cache entry") {
            var infos: [String: BlobInfo] = [:]
            for (name, payload) in outputs.sorted(by: { $0.key < $1.key }) {
                infos[name] = try insertBlob(payload)
            }
            var entry = try insertEntry(key: key, outputs: infos.mapValues(\.digest), execution: execution, infos: infos)
            if let originJSON {
                let update = try connection.prepare("UPDATE cache_entry SET origin_json = ?1 WHERE cache_key = ?2", doing: "record a call's origin")
                update.bind(originJSON, at: 1)
                update.bind(key, at: 2)
                try update.step()
                entry.origin = origin
            }
            return entry
        }
    }

    /// Records `key` → outputs that are already stored blobs (by digest).
    ///
    /// Throws ``LabError/Code/invalidInput`` if a digest is not in the store.
    @discardableResult
    public func record(key: String, outputDigests: [String: String], execution: Int64? = nil) throws -> CacheEntry {
        try writeTransaction("record a cache entry") {
            var infos: [String: BlobInfo] = [:]
            for (name, digest) in outputDigests {
                guard let info = try blobInfo(digest) else {
                    throw LabError(.invalidInput, "Cannot record cache key \(key.prefix(12)): its output '\(name)' refers to blob \(digest.prefix(12)), which \(path) does not hold. Store the blob first (or use record(key:outputs:) to store and record together).")
                }
                infos[name] = info
            }
            return try insertEntry(key: key, outputs: outputDigests, execution: execution, infos: infos)
        }
    }

    private func insertEntry(key: String, outputs: [String: String], execution: Int64?, infos: [String: BlobInfo]) throws -> CacheEntry {
        let createdAt = now
        let remove = try connection.prepare("DELETE FROM cache_entry WHERE cache_key = ?1", doing: "replace a cache entry")
        remove.bind(key, at: 1)
        try remove.step()
        let entry = try connection.prepare("INSERT INTO cache_entry (cache_key, exec_id, created_at, pinned) VALUES (?1, ?2, ?3, 0)", doing: "record a cache entry")
        entry.bind(key, at: 1)
        if let execution { entry.bind(execution, at: 2) } else { entry.bind(nil as String?, at: 2) }
        entry.bind(createdAt, at: 3)
        try entry.step()
        let output = try connection.prepare("INSERT INTO cache_output (cache_key, name, digest) VALUES (?1, ?2, ?3)", doing: "record a cache output")
        for (name, digest) in outputs.sorted(by: { $0.key < $1.key }) {
            output.clear()
            output.bind(key, at: 1)
            output.bind(name, at: 2)
            output.bind(digest, at: 3)
            try output.step()
        }
        return CacheEntry(key: key, executionID: execution, createdAt: createdAt, pinned: false, outputs: infos)
    }

    /// Pins or unpins the cache entry `key` (pinned entries, e.g. paper figures, survive `gc`).
    public func setPinned(_ key: String, _ pinned: Bool) throws {
        try writeTransaction("pin a cache entry") {
            let update = try connection.prepare("UPDATE cache_entry SET pinned = ?1 WHERE cache_key = ?2", doing: "pin a cache entry")
            update.bind(pinned ? 1 : 0, at: 1)
            update.bind(key, at: 2)
            try update.step()
            if connection.changes == 0 {
                throw LabError(.invalidInput, "There is no cache entry \(key) in \(path). List entries with `lab cache ls --store \(path)`.")
            }
        }
    }

    /// Removes the cache entry `key` (its blobs stay until `gc`). Returns whether it existed.
    @discardableResult
    public func removeEntry(_ key: String) throws -> Bool {
        try writeTransaction("remove a cache entry") {
            let remove = try connection.prepare("DELETE FROM cache_entry WHERE cache_key = ?1", doing: "remove a cache entry")
            remove.bind(key, at: 1)
            try remove.step()
            return connection.changes > 0
        }
    }

    /// Cache entries, newest first, with their outputs.
    public func entries(limit: Int = 100) throws -> [CacheEntry] {
        try readTransaction("list cache entries") {
            let keys = try connection.prepare("SELECT cache_key FROM cache_entry ORDER BY created_at DESC, cache_key LIMIT ?1", doing: "list cache entries")
            keys.bind(limit, at: 1)
            var out: [String] = []
            while try keys.step() { out.append(keys.text(0)) }
            return try out.compactMap { try lookup($0) }
        }
    }
}

extension StoreDatabase {
    /// Cache keys that start with `prefix` (at most `limit`), for short keys typed by people.
    public func cacheKeys(prefix: String, limit: Int = 10) throws -> [String] {
        let query = try connection.prepare(
            "SELECT cache_key FROM cache_entry WHERE substr(cache_key, 1, length(?1)) = ?1 ORDER BY cache_key LIMIT ?2", doing: "find cache keys")
        query.bind(prefix, at: 1)
        query.bind(limit, at: 2)
        var out: [String] = []
        while try query.step() { out.append(query.text(0)) }
        return out
    }
}
