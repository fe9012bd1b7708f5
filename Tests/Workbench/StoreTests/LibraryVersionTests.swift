import Testing
import Store

@Suite("Library versions") struct LibraryVersionTests {
    /// `lab doctor` prints this instead of calling SQLite itself: it must be a dotted version.
    @Test func sqliteVersionIsTheLinkedLibrarysDottedVersion() {
        let parts = StoreDatabase.sqliteVersion.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
        #expect(Int(parts[0]) == 3)
    }
}
