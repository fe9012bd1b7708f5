import LabCore

extension StoreDatabase {
    /// Stores the state blob and records it as the checkpoint of `key` at `step`, atomically.
    ///
    /// Writing the same step again replaces it. With `keepLatest`, older checkpoints of `key`
    /// beyond the newest `keepLatest` are dropped in the same transaction (their blobs go at
    /// the next `gc`).
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
            if let keepLatest {
                let prune = try connection.prepare(
                    "DELETE FROM checkpoint WHERE cache_key = ?1 AND step NOT IN (SELECT step FROM checkpoint WHERE cache_key = ?1 ORDER BY step DESC LIMIT ?2)",
                    doing: "drop old checkpoints")
                prune.bind(key, at: 1)
                prune.bind(max(1, keepLatest), at: 2)
                try prune.step()
            }
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

    /// Drops every checkpoint of `key` (their blobs go at the next `gc`); returns how many there were.
    @discardableResult
    public func removeCheckpoints(key: String) throws -> Int {
        try writeTransaction("remove checkpoints") {
            let remove = try connection.prepare("DELETE FROM checkpoint WHERE cache_key = ?1", doing: "remove checkpoints")
            remove.bind(key, at: 1)
            try remove.step()
            return connection.changes
        }
    }

    /// Keeps only the newest `keepLatest` (at least 1) checkpoints of `key`; the others' blobs go
    /// at the next `gc`. Returns how many were dropped.
    @discardableResult
    public func pruneCheckpoints(key: String, keepLatest: Int) throws -> Int {
        try writeTransaction("drop old checkpoints") {
            let prune = try connection.prepare(
                "DELETE FROM checkpoint WHERE cache_key = ?1 AND step NOT IN (SELECT step FROM checkpoint WHERE cache_key = ?1 ORDER BY step DESC LIMIT ?2)",
                doing: "drop old checkpoints")
            prune.bind(key, at: 1)
            prune.bind(max(1, keepLatest), at: 2)
            try prune.step()
            return connection.changes
        }
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
}
