import CSQLite
import Dispatch
import Foundation
import LabCore

/// One connection to an SQLite database file, owned by a single thread or actor at a time.
///
/// A thin, throwing layer over the C API: every failure becomes a ``LabError`` that names the
/// file (see ``SQLiteConnection/failure(_:_:)``). The handle is closed when the object is released.
final class SQLiteConnection {
    /// The raw `sqlite3*` handle.
    let handle: OpaquePointer
    /// The database file path as given by the caller (used in error messages).
    let path: String
    /// How long a statement waits for another process's lock before failing, in milliseconds.
    let busyTimeoutMilliseconds: Int32
    /// The primary result code of the last failure on this connection (`SQLITE_OK` if none yet).
    private(set) var lastFailureCode: Int32 = SQLITE_OK

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32) throws {
        var raw: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &raw, flags, nil)
        guard rc == SQLITE_OK, let raw else {
            let message = raw.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let raw { sqlite3_close_v2(raw) }
            throw SQLiteFailure(code: rc, message: message).labError(path: path, doing: "open the store")
        }
        handle = raw
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        sqlite3_extended_result_codes(raw, 1)
        sqlite3_busy_timeout(raw, busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows the caller needs.
    func execute(_ sql: String, doing action: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            lastFailureCode = rc & 0xff
            throw SQLiteFailure(code: rc, message: message).labError(path: path, doing: action, timeoutMilliseconds: busyTimeoutMilliseconds)
        }
    }

    /// Compiles one statement.
    func prepare(_ sql: String, doing action: String) throws -> SQLiteStatement {
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &raw, nil)
        guard rc == SQLITE_OK, let raw else {
            throw failure(rc, doing: action)
        }
        return SQLiteStatement(raw, connection: self, action: action)
    }

    /// Runs a single-row query and returns its first column as an integer (e.g. a `PRAGMA`).
    func scalarInt(_ sql: String, doing action: String) throws -> Int64? {
        let statement = try prepare(sql, doing: action)
        guard try statement.step() else { return nil }
        return statement.isNull(0) ? nil : statement.int(0)
    }

    /// Runs a single-row query and returns its first column as text.
    func scalarText(_ sql: String, doing action: String) throws -> String? {
        let statement = try prepare(sql, doing: action)
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    /// Runs `body` inside a transaction and commits it; rolls back if `body` throws.
    ///
    /// `mode` is `IMMEDIATE` for writes (takes the write lock up front, so two writers wait on
    /// the busy timeout instead of deadlocking on a lock upgrade) or `EXCLUSIVE` for migrations.
    /// Inside an open transaction `body` simply joins it: the outer transaction decides.
    func transaction<T>(_ mode: TransactionMode = .immediate, doing action: String, _ body: () throws -> T) throws -> T {
        if sqlite3_get_autocommit(handle) == 0 { return try body() }
        try execute("BEGIN \(mode.rawValue)", doing: action)
        do {
            let result = try body()
            try execute("COMMIT", doing: action)
            return result
        } catch {
            // A failed COMMIT (e.g. disk full) may already have rolled back; ignore "no transaction".
            if sqlite3_get_autocommit(handle) == 0 {
                sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            }
            throw error
        }
    }

    /// Converts a result code into a ``LabError`` that names this store and the failed action.
    func failure(_ rc: Int32, doing action: String) -> LabError {
        lastFailureCode = rc & 0xff
        let message = String(cString: sqlite3_errmsg(handle))
        return SQLiteFailure(code: rc, message: message).labError(path: path, doing: action, timeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// Runs `body` again while it fails because another connection holds a lock SQLite does not
    /// wait for by itself (it returns `SQLITE_BUSY` at once, e.g. while another process creates
    /// or recovers the file), for up to the busy timeout. `body` returns `nil` to ask for a retry.
    func retryingWhileBusy<T>(_ body: () throws -> T?) throws -> T? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(busyTimeoutMilliseconds) * 1_000_000
        while true {
            do {
                if let value = try body() { return value }
            } catch let error where lastFailureCode == SQLITE_BUSY || lastFailureCode == SQLITE_LOCKED {
                if DispatchTime.now().uptimeNanoseconds >= deadline { throw error }
            }
            if DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
            lastFailureCode = SQLITE_OK
            usleep(5_000)
        }
    }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes64(handle)) }
}

/// The locking mode of a transaction.
enum TransactionMode: String {
    /// Takes the write lock at `BEGIN`.
    case immediate = "IMMEDIATE"
    /// Takes the write lock and keeps readers in rollback-journal mode out (used for migrations).
    case exclusive = "EXCLUSIVE"
    /// Takes no lock until the first read: for read-only snapshots.
    case deferred = "DEFERRED"
}
