import LabCore

/// The store's tables and their migrations, versioned by `PRAGMA user_version`.
///
/// Each migration is a script that brings version `n` to `n + 1`. ``migrate(_:)`` runs the
/// missing ones inside one `BEGIN EXCLUSIVE` transaction and re-reads the version after taking
/// the lock, so two processes opening a new store at once cannot both migrate it.
enum StoreSchema {
    /// The schema version this build writes.
    static let currentVersion = migrations.count

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
    ]

    /// Refuses a store written by a newer build, whose tables this build may misread.
    static func checkNotNewer(version: Int, path: String) throws {
        if version > currentVersion {
            throw LabError(.store, "The store \(path) has schema version \(version), newer than this lab understands (\(currentVersion)). Update lab (git pull, then build) to use it; the store was not changed.")
        }
    }

    /// Brings the schema of `connection` up to ``currentVersion``.
    static func migrate(_ connection: SQLiteConnection) throws {
        let seen = Int(try connection.scalarInt("PRAGMA user_version", doing: "read the schema version") ?? 0)
        try checkNotNewer(version: seen, path: connection.path)
        if seen == currentVersion { return }
        try connection.transaction(.exclusive, doing: "upgrade the store schema") {
            // Another process may have migrated while this one waited for the lock.
            let version = Int(try connection.scalarInt("PRAGMA user_version", doing: "read the schema version") ?? 0)
            try checkNotNewer(version: version, path: connection.path)
            for index in version..<currentVersion {
                try connection.execute(migrations[index], doing: "upgrade the store schema to version \(index + 1)")
            }
            try connection.execute("PRAGMA user_version=\(currentVersion)", doing: "record the schema version")
        }
    }
}
