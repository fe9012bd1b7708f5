import CSQLite
import Foundation
import LabCore

/// A synchronous handle on one store file: the whole store API over one SQLite connection.
///
/// Use it from one thread at a time (it is deliberately not `Sendable`). This is the one store
/// API: the notebook runner, the command-line tools and the tests all use it, and metric
/// points are batched by ``MetricBuffer``. Several processes may open the same file at once:
/// WAL mode lets readers proceed while one writer commits, and writers queue on the busy timeout.
///
/// Opening never modifies a file that is not a lab store: a damaged file is reported as a
/// ``LabError/Code/corrupt`` error that names it and suggests `lab cache verify`; someone
/// else's SQLite database (no lab marker in `application_id`, not our tables) is refused with
/// a ``LabError/Code/store`` error before anything is written. Every blob read is checked
/// against its digest.
public final class StoreDatabase {
    /// The store file path, as given.
    public let path: String
    /// The options the store was opened with.
    public let options: StoreOptions
    let connection: SQLiteConnection

    /// Opens the store at `path`, creating it (and its directory) unless `options.readOnly`.
    ///
    /// A missing or empty file becomes a new store; a store made before the marker existed
    /// gets it inside the migration transaction. Read-only opening changes nothing, not even
    /// the journal mode. Otherwise sets WAL mode, `synchronous=NORMAL`, foreign keys and the busy timeout, then upgrades
    /// the schema to ``StoreSchema/currentVersion`` inside an exclusive transaction.
    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        self.path = path
        self.options = options
        try StoreFileCheck.check(path: path, mustExist: options.readOnly)
        if !options.readOnly {
            try StoreDatabase.createDirectory(for: path)
        }
        connection = try SQLiteConnection(
            path: path, readOnly: options.readOnly,
            busyTimeoutMilliseconds: Int32(clamping: Int((options.busyTimeout * 1000).rounded()))
        )
        try configure()
    }

    private static func createDirectory(for path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                throw LabError(.store, "Cannot create the store \(path): \(directory) is a file, not a directory. Remove it or choose another --store / LAB_STORE path.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LabError(.store, "Cannot create the directory \(directory) for the store \(path) (\(error.localizedDescription)). Create it yourself or choose another --store / LAB_STORE path.")
        }
    }

    private func configure() throws {
        // Recognise the file before changing anything about it (page size, journal mode, tables).
        let identity = try StoreSchema.identify(connection)
        if case .foreign(let what) = identity { throw StoreSchema.foreignError(path: path, what) }
        if options.readOnly {
            guard case .store(let version, _) = identity else {
                throw LabError(.store, "\(path) is not an initialised lab store (it has no tables). Run a notebook or any writing `lab` command with --store \(path) first, or check the path.")
            }
            try StoreSchema.checkNotNewer(version: version, path: path)
            return
        }
        // 64 KiB pages for new files (ignored for existing ones): blob bytes dominate the store, and
        // large pages write big blobs about twice as fast as 4 KiB ones (Benchmarks/README.md §2)
        // while small transactions still commit thousands of times per second.
        try connection.execute("PRAGMA page_size=65536", doing: "set the page size")
        // journal_mode returns a row: the new mode, or the old one if the switch could not be made
        // yet (another process creating the file holds a lock), so retry for the busy timeout.
        var mode = "unknown"
        let switched = try connection.retryingWhileBusy { () -> Bool? in
            mode = try connection.scalarText("PRAGMA journal_mode=WAL", doing: "switch the store to WAL mode")?.lowercased() ?? "unknown"
            return mode == "wal" ? true : nil
        }
        if switched != true {
            throw LabError(.store, "The store \(path) could not use write-ahead logging (journal mode stayed \(mode)). If another lab process is creating it, try again; otherwise put the store on a local file system that supports shared memory (not a network share).")
        }
        try connection.execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA journal_size_limit=67108864;", doing: "configure the store")
        if let maxBytes = options.maxBytes {
            let pageSize = try connection.scalarInt("PRAGMA page_size", doing: "read the page size") ?? 4096
            let pages = max(1, Int64(maxBytes) / pageSize)
            _ = try connection.scalarInt("PRAGMA max_page_count=\(pages)", doing: "set the size limit")
        }
        _ = try connection.retryingWhileBusy { () -> Bool? in
            try StoreSchema.migrate(connection)
            return true
        }
    }

    /// The current wall time from the injected clock.
    var now: Double { options.clock() }

    /// The schema version recorded in the file's `user_version`.
    public func schemaVersion() throws -> Int {
        Int(try connection.scalarInt("PRAGMA user_version", doing: "read the schema version") ?? 0)
    }

    /// Runs `body` as one write transaction (all of it is kept, or none of it).
    public func writeTransaction<T>(_ action: String, _ body: () throws -> T) throws -> T {
        try connection.transaction(.immediate, doing: action, body)
    }

    /// Runs `body` against one consistent snapshot of the store.
    public func readTransaction<T>(_ action: String, _ body: () throws -> T) throws -> T {
        try connection.transaction(.deferred, doing: action, body)
    }
}

extension StoreDatabase {
    /// The row id of the last insert on this connection.
    func sqlite3LastInsertRowID() -> Int64 { sqlite3_last_insert_rowid(connection.handle) }
}
