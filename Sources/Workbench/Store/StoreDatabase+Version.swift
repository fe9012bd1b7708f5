import CSQLite

extension StoreDatabase {
    /// The version of the SQLite library the store runs on, e.g. `3.40.1`.
    ///
    /// Read from the linked library at run time (`sqlite3_libversion`), so it names the shared
    /// library actually loaded, not the headers the package was compiled against. `lab doctor`
    /// prints it; callers above the store never need the C module.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
