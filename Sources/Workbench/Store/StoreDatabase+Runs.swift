import Foundation
import LabCore

extension StoreDatabase {
    /// Records the start of a run (status `running`) with its parameter values and returns its id.
    public func beginRun(notebookPath: String, notebookDigest: String, argv: [String], environment: RunEnvironment,
                         parameters: RunParameters? = nil) throws -> Int64 {
        let argvJSON = try StoreJSON.encode(argv)
        let envJSON = try StoreJSON.encode(environment)
        let paramsJSON = try parameters.map { try StoreJSON.encode($0) }
        return try writeTransaction("record a run") {
            let insert = try connection.prepare(
                "INSERT INTO run (notebook_path, notebook_digest, started_at, status, argv_json, env_json, params_json, params_digest) VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?6, ?7)",
                doing: "record a run")
            insert.bind(notebookPath, at: 1)
            insert.bind(notebookDigest, at: 2)
            insert.bind(now, at: 3)
            insert.bind(argvJSON, at: 4)
            insert.bind(envJSON, at: 5)
            insert.bind(paramsJSON, at: 6)
            insert.bind(parameters?.digest, at: 7)
            try insert.step()
            return sqlite3LastInsertRowID()
        }
    }

    /// Marks a run finished with `status` at the current time.
    public func finishRun(_ id: Int64, status: RunStatus) throws {
        try writeTransaction("finish a run") { try setStatus(of: id, to: status) }
    }

    /// Sets run `id`'s status and finish time, inside the caller's transaction.
    private func setStatus(of id: Int64, to status: RunStatus) throws {
        let update = try connection.prepare("UPDATE run SET status = ?1, finished_at = ?2 WHERE run_id = ?3", doing: "finish a run")
        update.bind(status.rawValue, at: 1)
        update.bind(now, at: 2)
        update.bind(id, at: 3)
        try update.step()
        if connection.changes == 0 {
            throw LabError(.invalidInput, "There is no run \(id) in \(path) to finish.")
        }
    }

    /// Records that run `id` was interrupted (and, if given, the execution of the cell it stopped
    /// in) in one transaction, then keeps this connection's write lock: for a process about to
    /// exit from a signal handler while another thread may still be writing.
    ///
    /// Holding the lock until the process exits means no other connection of the process is in
    /// the middle of a write when it dies: they wait for the lock, and the process ends while
    /// they wait. The held transaction has written nothing, so its loss at exit loses nothing.
    public func recordInterruptionHoldingWrites(_ id: Int64, stopped: ExecutionRecord?) throws {
        try writeTransaction("record an interrupted run") {
            if let stopped { _ = try insertExecution(stopped) }
            try setStatus(of: id, to: .interrupted)
        }
        try connection.execute("BEGIN IMMEDIATE", doing: "hold the store's write lock until the process exits")
    }

    /// The run with `id`, or `nil`.
    public func run(_ id: Int64) throws -> RunRecord? {
        try runs(where: "WHERE run_id = ?1", bind: { $0.bind(id, at: 1) }, limit: 1).first
    }

    /// The most recent runs, newest first.
    public func recentRuns(limit: Int = 20) throws -> [RunRecord] {
        try runs(where: "", bind: { _ in }, limit: limit)
    }

    /// The most recent runs of the notebook at `notebookPath` (as recorded), newest first.
    public func runs(ofNotebook notebookPath: String, limit: Int = 200) throws -> [RunRecord] {
        try runs(where: "WHERE notebook_path = ?1", bind: { $0.bind(notebookPath, at: 1) }, limit: limit)
    }

    private func runs(where clause: String, bind: (SQLiteStatement) -> Void, limit: Int) throws -> [RunRecord] {
        // A store of schema 1 opened read-only was not migrated: it has no parameter column.
        let params = try schemaVersion() >= 2 ? "params_json" : "NULL"
        let query = try connection.prepare(
            "SELECT run_id, notebook_path, notebook_digest, started_at, finished_at, status, argv_json, env_json, \(params) FROM run \(clause) ORDER BY run_id DESC LIMIT \(max(0, limit))",
            doing: "read runs")
        bind(query)
        var out: [RunRecord] = []
        while try query.step() {
            out.append(RunRecord(
                id: query.int(0), notebookPath: query.text(1), notebookDigest: query.text(2), startedAt: query.double(3),
                finishedAt: query.isNull(4) ? nil : query.double(4), status: RunStatus(rawValue: query.text(5)) ?? .running,
                argv: try StoreJSON.decode([String].self, query.text(6), path: path),
                environment: try StoreJSON.decode(RunEnvironment.self, query.text(7), path: path),
                parameters: try query.optionalText(8).map { try StoreJSON.decode(RunParameters.self, $0, path: path) }))
        }
        return out
    }

    /// Records one cell execution and returns its id.
    public func recordExecution(_ record: ExecutionRecord) throws -> Int64 {
        try writeTransaction("record a cell execution") { try insertExecution(record) }
    }

    func insertExecution(_ record: ExecutionRecord) throws -> Int64 {
        let errorJSON = try record.error.map { try StoreJSON.encode($0) }
        let insert = try connection.prepare(
            "INSERT INTO execution (run_id, cell_id, cache_key, manifest, outcome, started_at, duration, error_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            doing: "record a cell execution")
        insert.bind(record.runID, at: 1)
        insert.bind(record.cellID, at: 2)
        insert.bind(record.cacheKey, at: 3)
        insert.bind(record.manifest, at: 4)
        insert.bind(record.outcome.rawValue, at: 5)
        insert.bind(record.startedAt, at: 6)
        insert.bind(record.duration, at: 7)
        insert.bind(errorJSON, at: 8)
        try insert.step()
        return sqlite3LastInsertRowID()
    }

    /// The execution with `id`, or `nil`.
    public func execution(_ id: Int64) throws -> ExecutionRecord? {
        try executions(where: "exec_id = ?1", bind: { $0.bind(id, at: 1) }).first
    }

    /// Executions of `run`, in order.
    public func executions(ofRun run: Int64) throws -> [ExecutionRecord] {
        try executions(where: "run_id = ?1", bind: { $0.bind(run, at: 1) })
    }

    /// The latest execution that had cache key `key` (the manifest `lab why` compares against).
    public func latestExecution(forKey key: String) throws -> ExecutionRecord? {
        try executions(where: "cache_key = ?1 ORDER BY started_at DESC, exec_id DESC LIMIT 1", bind: { $0.bind(key, at: 1) }).first
    }

    private func executions(where clause: String, bind: (SQLiteStatement) -> Void) throws -> [ExecutionRecord] {
        let query = try connection.prepare(
            "SELECT exec_id, run_id, cell_id, cache_key, manifest, outcome, started_at, duration, error_json FROM execution WHERE \(clause)",
            doing: "read executions")
        bind(query)
        var out: [ExecutionRecord] = []
        while try query.step() {
            out.append(ExecutionRecord(
                id: query.int(0), runID: query.int(1), cellID: query.text(2), cacheKey: query.text(3), manifest: query.text(4),
                outcome: ExecutionOutcome(rawValue: query.text(5)) ?? .failed, startedAt: query.double(6), duration: query.double(7),
                error: try query.optionalText(8).map { try StoreJSON.decode(StoredError.self, $0, path: path) }))
        }
        return out
    }
}
