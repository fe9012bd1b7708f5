import LabCore

extension StoreDatabase {
    /// Stores the state blob and records it as the checkpoint of `key` at `step`, atomically.
    ///
    /// Writing the same step again replaces it. With `keepLatest`, older checkpoints of `key`
    /// beyond the newest `keepLatest` are dropped in the same transaction, with their bytes
    /// (see ``pruneCheckpoints(key:keepLatest:)``).
    @discardableResult
    public func saveCheckpoint(key: String, step: Int64, state: BlobPayload, keepLatest: Int? = nil) throws -> BlobInfo {
        try StoreCodec.validate(state.codec)
        return try writeTransaction("save a checkpoint") {
            let info = try insertBlob(state)
            let insert = try connection.prepare(
                "INSERT OR REPLACE INTO checkpoint (cache_key, step, digest, created_at) VALUES (?1, ?2, ?3, ?4)", doing: "save a checkpoint")
            insert.bind(key, at: 1)
            insert.bind(step, at: 2)
            insert.bind(info.digest, at: 3)
            insert.bind(now, at: 4)
            try insert.step()
            if let keepLatest { _ = try dropCheckpoints(key: key, keepLatest: keepLatest) }
            return info
        }
    }

    /// The newest checkpoint of `key` with its state, or `nil` if there is none.
    ///
    /// One primary-key probe (the table is ordered by `(key, step)`), so it stays fast with
    /// many checkpoints.
    public func latestCheckpoint(key: String) throws -> Checkpoint? {
        try readTransaction("read the latest checkpoint") {
            let query = try connection.prepare(
                "SELECT step, digest, created_at FROM checkpoint WHERE cache_key = ?1 ORDER BY step DESC LIMIT 1", doing: "read the latest checkpoint")
            query.bind(key, at: 1)
            guard try query.step() else { return nil }
            let digest = query.text(1)
            guard let blob = try blob(digest) else {
                throw LabError(.corrupt, "The checkpoint of \(key.prefix(12)) at step \(query.int(0)) refers to a missing blob in \(path). Run `lab cache verify --store \(path)`.")
            }
            return Checkpoint(key: key, step: query.int(0), createdAt: query.double(2), blob: blob)
        }
    }

    /// Steps that have a checkpoint for `key`, ascending.
    public func checkpointSteps(key: String) throws -> [Int64] {
        let query = try connection.prepare("SELECT step FROM checkpoint WHERE cache_key = ?1 ORDER BY step", doing: "list checkpoints")
        query.bind(key, at: 1)
        var out: [Int64] = []
        while try query.step() { out.append(query.int(0)) }
        return out
    }

    /// Drops every checkpoint of `key` with its bytes; returns how many there were.
    @discardableResult
    public func removeCheckpoints(key: String) throws -> Int {
        try writeTransaction("remove checkpoints") { try dropCheckpoints(key: key, keepLatest: 0) }
    }

    /// Keeps only the newest `keepLatest` (at least 1) checkpoints of `key`; returns how many were dropped.
    ///
    /// The dropped checkpoints' bytes go at once when nothing else refers to them (checkpoint
    /// states are unique to their call and step), instead of waiting for `lab cache gc`: a
    /// long training would otherwise leave every checkpoint it ever saved in the file.
    @discardableResult
    public func pruneCheckpoints(key: String, keepLatest: Int) throws -> Int {
        try writeTransaction("drop old checkpoints") { try dropCheckpoints(key: key, keepLatest: max(1, keepLatest)) }
    }

    /// Deletes the checkpoints of `key` beyond the newest `keepLatest` (0: all) and the blobs
    /// only they used, inside the caller's transaction.
    private func dropCheckpoints(key: String, keepLatest: Int) throws -> Int {
        let old = try connection.prepare(
            "SELECT step, digest FROM checkpoint WHERE cache_key = ?1 ORDER BY step DESC LIMIT -1 OFFSET ?2", doing: "find old checkpoints")
        old.bind(key, at: 1)
        old.bind(keepLatest, at: 2)
        var dropped: [(step: Int64, digest: String)] = []
        while try old.step() { dropped.append((old.int(0), old.text(1))) }
        let remove = try connection.prepare("DELETE FROM checkpoint WHERE cache_key = ?1 AND step = ?2", doing: "drop old checkpoints")
        // Unreferenced once the row is gone: the blob row first (the bytes row is its foreign key), then its bytes.
        let unused = try connection.prepare(
            """
            SELECT data_id FROM blob WHERE digest = ?1
              AND NOT EXISTS (SELECT 1 FROM checkpoint c WHERE c.digest = ?1)
              AND NOT EXISTS (SELECT 1 FROM cache_output o WHERE o.digest = ?1)
              AND NOT EXISTS (SELECT 1 FROM pin p WHERE p.digest = ?1)
            """, doing: "find the bytes of old checkpoints")
        let blob = try connection.prepare("DELETE FROM blob WHERE digest = ?1", doing: "drop the bytes of old checkpoints")
        let data = try connection.prepare("DELETE FROM blob_data WHERE id = ?1", doing: "drop the bytes of old checkpoints")
        for d in dropped {
            remove.clear()
            remove.bind(key, at: 1)
            remove.bind(d.step, at: 2)
            try remove.step()
            unused.clear()
            unused.bind(d.digest, at: 1)
            guard try unused.step() else { continue }
            let dataID = unused.int(0)
            unused.reset()
            blob.clear()
            blob.bind(d.digest, at: 1)
            try blob.step()
            data.clear()
            data.bind(dataID, at: 1)
            try data.step()
        }
        return dropped.count
    }

    /// Every key that has checkpoints, with its newest step, count and bytes, newest first.
    public func checkpointSummaries() throws -> [CheckpointSummary] {
        try readTransaction("list checkpoints") {
            let query = try connection.prepare(
                "SELECT c.cache_key, MAX(c.step), COUNT(*), SUM(b.size), MAX(c.created_at) FROM checkpoint c JOIN blob b ON b.digest = c.digest GROUP BY c.cache_key ORDER BY MAX(c.created_at) DESC",
                doing: "list checkpoints")
            var out: [CheckpointSummary] = []
            while try query.step() {
                out.append(CheckpointSummary(key: query.text(0), latestStep: query.int(1), count: Int(query.int(2)), bytes: Int(query.int(3)), savedAt: query.double(4)))
            }
            return out
        }
    }

    /// The checkpoints of calls that have not finished: interrupted, or still running in another
    /// process. A run resumes each from its newest checkpoint.
    ///
    /// A finished training keeps its final checkpoint next to its result, so a checkpoint alone
    /// does not mean unfinished: a memoised call's result is under `call:<key>`, another call's
    /// under its cell's key (the part of the checkpoint key before `#`).
    public func unfinishedCheckpoints() throws -> [CheckpointSummary] {
        try checkpointSummaries().filter { c in
            let owner = c.key.contains("#") ? String(c.key.prefix { $0 != "#" }) : "call:" + c.key
            return try lookup(owner) == nil
        }
    }
}
