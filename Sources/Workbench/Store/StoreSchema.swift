import LabCore

/// The store's tables and their migrations, versioned by `PRAGMA user_version` and marked as
/// a lab store by `PRAGMA application_id`.
///
/// Each migration is a script that brings version `n` to `n + 1`. ``migrate(_:)`` runs the
/// missing ones inside one `BEGIN EXCLUSIVE` transaction and re-reads the version after taking
/// the lock, so two processes opening a new store at once cannot both migrate it. The same
/// transaction writes the marker, so a store is either fully initialised and marked, or neither.
enum StoreSchema {
    /// The schema version this build writes.
    static let currentVersion = migrations.count

    /// The `application_id` of every lab store: "OLab" in ASCII, big-endian.
    static let applicationID: Int64 = 0x4F4C_6162

    /// Tables whose presence identifies a store made before the marker existed.
    static let legacyTables: Set<String> = ["blob", "blob_data", "cache_entry", "cache_output", "run", "execution"]

    /// Migration `i` upgrades version `i` to `i + 1`.
    static let migrations: [String] = [
        """
        CREATE TABLE blob_data (
            id   INTEGER PRIMARY KEY,
            data BLOB NOT NULL                    -- the bytes, apart so they can be written while hashing
        );
        CREATE TABLE blob (
            digest     TEXT PRIMARY KEY,          -- SHA-256 of the bytes, lowercase hex
            codec      TEXT NOT NULL,             -- e.g. 'tensor/1', 'json/1'
            size       INTEGER NOT NULL,
            created_at REAL NOT NULL,
            data_id    INTEGER NOT NULL UNIQUE REFERENCES blob_data(id)
        ) WITHOUT ROWID;
        CREATE TABLE pin (
            digest     TEXT PRIMARY KEY REFERENCES blob(digest),
            reason     TEXT NOT NULL,
            created_at REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE run (
            run_id          INTEGER PRIMARY KEY,
            notebook_path   TEXT NOT NULL,
            notebook_digest TEXT NOT NULL,
            started_at      REAL NOT NULL,
            finished_at     REAL,
            status          TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
            argv_json       TEXT NOT NULL,
            env_json        TEXT NOT NULL
        );
        CREATE TABLE execution (
            exec_id     INTEGER PRIMARY KEY,
            run_id      INTEGER NOT NULL REFERENCES run(run_id),
            cell_id     TEXT NOT NULL,
            cache_key   TEXT NOT NULL,
            manifest    TEXT NOT NULL,
            outcome     TEXT NOT NULL CHECK (outcome IN ('hit', 'ran', 'resumed', 'failed')),
            started_at  REAL NOT NULL,
            duration    REAL NOT NULL,
            error_json  TEXT
        );
        CREATE INDEX execution_by_run ON execution(run_id);
        CREATE INDEX execution_by_key ON execution(cache_key, started_at);
        CREATE TABLE cache_entry (
            cache_key    TEXT PRIMARY KEY,
            exec_id      INTEGER REFERENCES execution(exec_id),
            created_at   REAL NOT NULL,
            pinned       INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE cache_output (
            cache_key TEXT NOT NULL REFERENCES cache_entry(cache_key) ON DELETE CASCADE,
            name      TEXT NOT NULL,
            digest    TEXT NOT NULL REFERENCES blob(digest),
            PRIMARY KEY (cache_key, name)
        ) WITHOUT ROWID;
        CREATE INDEX cache_output_by_digest ON cache_output(digest);
        CREATE TABLE metric (
            cache_key TEXT NOT NULL,
            name      TEXT NOT NULL,
            step      INTEGER NOT NULL,
            value     REAL,                         -- NULL stores NaN
            wall_time REAL NOT NULL,
            PRIMARY KEY (cache_key, name, step)
        ) WITHOUT ROWID;
        CREATE TABLE metric_summary (
            cache_key  TEXT NOT NULL,
            name       TEXT NOT NULL,
            count      INTEGER NOT NULL,
            first_step INTEGER NOT NULL,
            last_step  INTEGER NOT NULL,
            last_value REAL,
            min_value  REAL,
            max_value  REAL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (cache_key, name)
        ) WITHOUT ROWID;
        CREATE TABLE checkpoint (
            cache_key  TEXT NOT NULL,
            step       INTEGER NOT NULL,
            digest     TEXT NOT NULL REFERENCES blob(digest),
            created_at REAL NOT NULL,
            PRIMARY KEY (cache_key, step)
        ) WITHOUT ROWID;
        CREATE INDEX checkpoint_by_digest ON checkpoint(digest);
        """,
        // Version 2: runs know their parameters (`lab runs`, `lab diff`, `lab why` against the same
        // parameter set); memoised calls know where they came from (`lab cache ls`). Rows written
        // by version 1 keep NULL there and are read as "unknown".
        """
        ALTER TABLE run ADD COLUMN params_json TEXT;        -- RunParameters: every value, which differ from the defaults
        ALTER TABLE run ADD COLUMN params_digest TEXT;      -- RunParameters.digest: runs with the same parameter set
        CREATE INDEX run_by_params ON run(notebook_path, params_digest);
        ALTER TABLE cache_entry ADD COLUMN origin_json TEXT; -- CallOrigin of a memoised call's entry
        """,
    ]

    /// Refuses a store written by a newer build, whose tables this build may misread.
    static func checkNotNewer(version: Int, path: String) throws {
        if version > currentVersion {
            throw LabError(.store, "The store \(path) has schema version \(version), newer than this lab understands (\(currentVersion)). Update lab (git pull, then build) to use it; the store was not changed.")
        }
    }

    /// What an opened database file is, judged only by reading it.
    enum Identity: Equatable {
        /// An empty database (new, or being created by another process): becomes a store.
        case empty
        /// A lab store (marked, or made by an earlier version without the marker).
        case store(version: Int, marked: Bool)
        /// Someone else's database.
        case foreign(String)
    }

    /// Reads the marker, the schema version and the table names; writes nothing.
    ///
    /// The three reads share one read transaction (or the caller's), so a store that another
    /// process creates meanwhile is seen either empty or complete: read one by one, a process
    /// could see the other's tables but not yet its marker and refuse the store as foreign.
    static func identify(_ connection: SQLiteConnection) throws -> Identity {
        try connection.transaction(.deferred, doing: "read the store marker") { try identifyInSnapshot(connection) }
    }

    private static func identifyInSnapshot(_ connection: SQLiteConnection) throws -> Identity {
        let appID = try connection.scalarInt("PRAGMA application_id", doing: "read the store marker") ?? 0
        let version = Int(try connection.scalarInt("PRAGMA user_version", doing: "read the schema version") ?? 0)
        if appID == applicationID { return .store(version: version, marked: true) }
        if appID != 0 { return .foreign(String(format: "application_id 0x%08X", UInt32(truncatingIfNeeded: appID))) }
        let query = try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'", doing: "list the tables")
        var tables = Set<String>()
        while try query.step() { tables.insert(query.text(0)) }
        if tables.isEmpty && version == 0 { return .empty }
        if version >= 1, legacyTables.isSubset(of: tables) { return .store(version: version, marked: false) }
        return .foreign(tables.isEmpty ? "user_version \(version) and no tables" : "\(tables.count) table(s) such as `\(tables.sorted()[0])`, no lab marker")
    }

    /// The refusal for a database that is not a lab store.
    static func foreignError(path: String, _ what: String) -> LabError {
        LabError(.store, "\(path) is an SQLite database but not a lab store (\(what)); it was left untouched. Choose another --store / LAB_STORE path: a new or empty file becomes a store.")
    }

    /// Brings the schema of `connection` up to ``currentVersion`` and marks it as a lab store.
    static func migrate(_ connection: SQLiteConnection) throws {
        let seen = try identify(connection)
        if case .store(let version, true) = seen {
            try checkNotNewer(version: version, path: connection.path)
            if version == currentVersion { return }
        }
        try connection.transaction(.exclusive, doing: "upgrade the store schema") {
            // Another process may have created or migrated the store while this one waited for the lock.
            let version: Int
            switch try identify(connection) {
            case .empty: version = 0
            case .store(let v, _): version = v
            case .foreign(let what): throw foreignError(path: connection.path, what)
            }
            try checkNotNewer(version: version, path: connection.path)
            for index in version..<currentVersion {
                try connection.execute(migrations[index], doing: "upgrade the store schema to version \(index + 1)")
            }
            try connection.execute("PRAGMA user_version=\(currentVersion); PRAGMA application_id=\(applicationID)", doing: "record the schema version")
        }
    }
}
