import LabCore

extension StoreDatabase {
    /// Whether the blob `digest` is present and its bytes match their digest and size.
    ///
    /// Returns `false` for a damaged blob instead of throwing, so callers can decide to
    /// recompute; a missing blob is reported as intact (`nil` from ``blob(_:)`` says so).
    public func isIntact(_ digest: String) throws -> Bool {
        do {
            _ = try blob(digest)
            return true
        } catch let error as LabError where error.code == .corrupt {
            return false
        }
    }

    /// The outputs of `entry` whose stored bytes are damaged, by name (sorted).
    public func damagedOutputs(of entry: CacheEntry) throws -> [String] {
        try entry.outputs.sorted { $0.key < $1.key }.filter { try !isIntact($0.value.digest) }.map(\.key)
    }

    /// Removes a damaged blob and everything that refers to it: the cache entries with it as an
    /// output, the checkpoints holding it, and its pin. The cells of those entries re-run next time.
    ///
    /// Does nothing when the blob is intact (another process may have repaired it). Returns the
    /// number of cache entries removed. One write transaction.
    @discardableResult
    public func removeDamagedBlob(_ digest: String) throws -> Int {
        try writeTransaction("remove a damaged blob") {
            guard try !isIntact(digest) else { return 0 }
            return try removeBlobAndReferences(digest)
        }
    }

    /// Removes the damaged blobs among the checkpoints of `key` (and those checkpoints).
    public func removeDamagedCheckpoints(key: String) throws {
        try writeTransaction("remove damaged checkpoints") {
            let query = try connection.prepare("SELECT DISTINCT digest FROM checkpoint WHERE cache_key = ?1", doing: "list checkpoints")
            query.bind(key, at: 1)
            var digests: [String] = []
            while try query.step() { digests.append(query.text(0)) }
            for digest in digests where try !isIntact(digest) { _ = try removeBlobAndReferences(digest) }
        }
    }

    /// Removes every blob whose bytes do not match their digest or size, with the cache
    /// entries, checkpoints and pins that refer to them (`lab cache verify --repair`).
    public func removeDamagedBlobs() throws -> RepairReport {
        try writeTransaction("remove damaged blobs") {
            let all = try connection.prepare("SELECT digest FROM blob ORDER BY digest", doing: "list blobs")
            var digests: [String] = []
            while try all.step() { digests.append(all.text(0)) }
            var report = RepairReport(blobsRemoved: 0, entriesRemoved: 0)
            for digest in digests where try !isIntact(digest) {
                report.entriesRemoved += try removeBlobAndReferences(digest)
                report.blobsRemoved += 1
            }
            return report
        }
    }

    /// Deletes `digest` and its referrers inside the caller's transaction.
    private func removeBlobAndReferences(_ digest: String) throws -> Int {
        let entries = try connection.prepare(
            "DELETE FROM cache_entry WHERE cache_key IN (SELECT cache_key FROM cache_output WHERE digest = ?1)", doing: "remove damaged cache entries")
        entries.bind(digest, at: 1)
        try entries.step()
        let removed = connection.changes
        for sql in ["DELETE FROM checkpoint WHERE digest = ?1", "DELETE FROM pin WHERE digest = ?1"] {
            let statement = try connection.prepare(sql, doing: "remove references to a damaged blob")
            statement.bind(digest, at: 1)
            try statement.step()
        }
        let find = try connection.prepare("SELECT data_id FROM blob WHERE digest = ?1", doing: "find a damaged blob")
        find.bind(digest, at: 1)
        let dataID: Int64? = try find.step() ? find.int(0) : nil
        let blob = try connection.prepare("DELETE FROM blob WHERE digest = ?1", doing: "remove a damaged blob")
        blob.bind(digest, at: 1)
        try blob.step()
        if let dataID {
            let data = try connection.prepare("DELETE FROM blob_data WHERE id = ?1", doing: "remove a damaged blob")
            data.bind(dataID, at: 1)
            try data.step()
        }
        return removed
    }
}

/// What ``StoreDatabase/removeDamagedBlobs()`` removed.
public struct RepairReport: Sendable, Hashable {
    /// Damaged blobs removed.
    public var blobsRemoved: Int
    /// Cache entries removed because an output was damaged (their cells re-run next time).
    public var entriesRemoved: Int
}
