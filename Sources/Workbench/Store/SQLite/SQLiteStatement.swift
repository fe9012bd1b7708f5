import CSQLite
import LabCore

/// A compiled SQL statement: bind parameters (1-based), step, read columns (0-based), reset.
///
/// Not thread-safe; it lives and dies with its ``SQLiteConnection``'s owner.
final class SQLiteStatement {
    private let raw: OpaquePointer
    private let connection: SQLiteConnection
    private let action: String

    init(_ raw: OpaquePointer, connection: SQLiteConnection, action: String) {
        self.raw = raw
        self.connection = connection
        self.action = action
    }

    deinit {
        sqlite3_finalize(raw)
    }

    /// Binds an integer.
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(raw, index, value)
    }

    /// Binds an integer.
    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(raw, index, Int64(value))
    }

    /// Binds a double, or NULL for `nil`. SQLite itself turns NaN into NULL.
    func bind(_ value: Double?, at index: Int32) {
        if let value, !value.isNaN {
            sqlite3_bind_double(raw, index, value)
        } else {
            sqlite3_bind_null(raw, index)
        }
    }

    /// Binds text (copied by SQLite), or NULL for `nil`.
    func bind(_ value: String?, at index: Int32) {
        if let value {
            sqlite3_bind_text(raw, index, value, -1, csqlite_transient())
        } else {
            sqlite3_bind_null(raw, index)
        }
    }

    /// Binds bytes without copying them and runs `body` while they are bound.
    ///
    /// The binding is cleared before returning, so SQLite never sees a dangling pointer.
    func withBlob<T>(_ bytes: [UInt8], at index: Int32, _ body: () throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes { buffer in
            // An empty array has no base address; bind a zero-length blob instead of NULL.
            if let base = buffer.baseAddress {
                sqlite3_bind_blob64(raw, index, base, sqlite3_uint64(buffer.count), csqlite_static())
            } else {
                sqlite3_bind_zeroblob(raw, index, 0)
            }
            defer { sqlite3_bind_null(raw, index) }
            return try body()
        }
    }

    /// Advances; returns `true` when a row is available, `false` when done.
    @discardableResult
    func step() throws -> Bool {
        let rc = sqlite3_step(raw)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(raw)
            throw connection.failure(rc, doing: action)
        }
    }

    /// Resets the statement so it can run again; bindings stay unless cleared.
    func reset() {
        sqlite3_reset(raw)
    }

    /// Resets and clears all bindings.
    func clear() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    /// Whether column `index` of the current row is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(raw, index) == SQLITE_NULL }

    /// An integer column.
    func int(_ index: Int32) -> Int64 { sqlite3_column_int64(raw, index) }

    /// A real column; NULL reads as NaN (how the store keeps NaN metric values).
    func double(_ index: Int32) -> Double {
        isNull(index) ? .nan : sqlite3_column_double(raw, index)
    }

    /// A text column (empty for NULL).
    func text(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(raw, index) else { return "" }
        return String(cString: pointer)
    }

    /// An optional text column.
    func optionalText(_ index: Int32) -> String? {
        isNull(index) ? nil : text(index)
    }

    /// A blob column, copied out.
    func bytes(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(raw, index))
        guard count > 0, let pointer = sqlite3_column_blob(raw, index) else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.initialize(from: pointer.assumingMemoryBound(to: UInt8.self), count: count)
            initialized = count
        }
    }
}
