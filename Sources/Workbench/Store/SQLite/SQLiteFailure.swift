import CSQLite
import LabCore

/// A raw SQLite result code and message, before it is phrased for a person.
struct SQLiteFailure: Error {
    /// The (extended) result code.
    var code: Int32
    /// SQLite's own message.
    var message: String

    /// The primary result code (the low byte of an extended code).
    var primary: Int32 { code & 0xff }

    /// Phrases the failure as a ``LabError`` that names the store file and says how to fix it.
    func labError(path: String, doing action: String, timeoutMilliseconds: Int32 = 0) -> LabError {
        let detail = "(SQLite: \(message))"
        switch primary {
        case SQLITE_BUSY, SQLITE_LOCKED:
            let seconds = Double(timeoutMilliseconds) / 1000
            return LabError(.store, "Could not \(action): the store \(path) stayed locked by another lab process for \(seconds) s \(detail). Wait for that process to finish, or give it more time with a longer busy timeout; nothing was written.")
        case SQLITE_FULL:
            return LabError(.store, "Could not \(action): the disk holding \(path) is full, or the store reached its size limit \(detail). Nothing from this write was kept. Free disk space (for example `lab cache gc --store \(path)`) and run again.")
        case SQLITE_READONLY:
            return LabError(.store, "Could not \(action): the store \(path) is read-only \(detail). Nothing was written. Make the file and its directory writable (the store also needs to create \(path)-wal and \(path)-shm next to it), or point LAB_STORE / --store at a writable place.")
        case SQLITE_CANTOPEN:
            return LabError(.store, "Could not \(action): cannot open \(path) \(detail). Check that its directory exists and is writable (the store creates \(path)-wal and \(path)-shm next to it), or point LAB_STORE / --store elsewhere.")
        case SQLITE_PERM, SQLITE_AUTH:
            return LabError(.store, "Could not \(action): permission denied for \(path) \(detail). Fix the file's permissions or use another --store.")
        case SQLITE_IOERR:
            return LabError(.store, "Could not \(action): an I/O error occurred on \(path) \(detail). Check the disk (space, permissions, hardware); nothing from this write was kept.")
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return LabError(.corrupt, "Could not \(action): \(path) is damaged or is not a lab store \(detail). It was left untouched. Run `lab cache verify --store \(path)` for details; to start over, move the file aside (do not delete it until you have checked it).")
        case SQLITE_TOOBIG:
            return LabError(.invalidInput, "Could not \(action): the value is larger than SQLite allows in one row \(detail). Split it into smaller values.")
        case SQLITE_CONSTRAINT:
            return LabError(.invalidInput, "Could not \(action) in \(path): a consistency rule of the store was violated \(detail). This usually means a referenced blob or run does not exist; write it first.")
        default:
            return LabError(.store, "Could not \(action) in \(path) \(detail).")
        }
    }
}
