import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

@Suite("Opening and schema") struct OpenAndSchemaTests {
    @Test func aNewStoreUsesWALABusyTimeoutAndRecordsItsSchemaVersion() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("nested/dir/store.sqlite")
        let db = try StoreDatabase(path: path, options: StoreOptions(busyTimeout: 7.5))
        #expect(try db.connection.scalarText("PRAGMA journal_mode", doing: "t") == "wal")
        #expect(try db.connection.scalarInt("PRAGMA busy_timeout", doing: "t") == 7500)
        #expect(try db.connection.scalarInt("PRAGMA foreign_keys", doing: "t") == 1)
        #expect(try db.schemaVersion() == StoreSchema.currentVersion)
        #expect(StoreSchema.currentVersion >= 1)
    }

    @Test func reopeningKeepsDataAndDoesNotMigrateAgain() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        let digest = try StoreDatabase(path: path).putBlob(BlobPayload(codec: "text/1", bytes: [1, 2])).digest
        let again = try StoreDatabase(path: path)
        #expect(try again.blob(digest)?.bytes == [1, 2])
        #expect(try again.schemaVersion() == StoreSchema.currentVersion)
    }

    @Test func aStoreFromANewerLabIsRefusedUnchanged() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        do {
            let db = try StoreDatabase(path: path)
            try db.connection.execute("PRAGMA user_version=\(StoreSchema.currentVersion + 1)", doing: "t")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = labError { _ = try StoreDatabase(path: path) }
        #expect(error?.code == .store)
        #expect(error?.message.contains("newer") == true)
        #expect(error?.message.contains(path) == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func manyConnectionsOpeningANewStoreAtOnceMigrateItExactlyOnce() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        let failures = NSLock()
        nonisolated(unsafe) var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                let db = try StoreDatabase(path: path)
                try db.putBlob(BlobPayload(codec: "text/1", bytes: [UInt8(i)]))
            } catch {
                failures.withLock { errors.append("\(error)") }
            }
        }
        #expect(errors.isEmpty)
        let db = try StoreDatabase(path: path)
        #expect(try db.schemaVersion() == StoreSchema.currentVersion)
        #expect(try db.stats().blobs == 8)
        #expect(try db.verify().isHealthy)
    }

    @Test func readOnlyOpeningOfAMissingStoreSaysSoAndCreatesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("missing.sqlite")
        let error = labError { _ = try StoreDatabase(path: path, options: StoreOptions(readOnly: true)) }
        #expect(error?.code == .store)
        #expect(error?.message.contains(path) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theDefaultPathIsLabStoreOrDotLab() {
        #expect(StoreOptions.defaultPath(environment: ["LAB_STORE": "/x/y.sqlite"]) == "/x/y.sqlite")
        #expect(StoreOptions.defaultPath(environment: [:]) == ".lab/store.sqlite")
        #expect(StoreOptions.defaultPath(environment: ["LAB_STORE": ""]) == ".lab/store.sqlite")
    }
}

/// The SHA-256 of a file's bytes (and of its -wal/-shm companions, which must not appear).
func fileFingerprint(_ path: String) -> String {
    let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
    let companions = ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: path + $0) }
    return SHA256.hash(bytes).hex + companions.joined()
}

@Suite("The store marker") struct StoreMarkerTests {
    /// Someone else's database: a table of their own, DELETE journal mode.
    func foreignDatabase(_ path: String, applicationID: Int? = nil, userVersion: Int = 0) throws {
        let c = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMilliseconds: 1000)
        try c.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ada');", doing: "t")
        if let applicationID { try c.execute("PRAGMA application_id=\(applicationID)", doing: "t") }
        try c.execute("PRAGMA user_version=\(userVersion)", doing: "t")
    }

    @Test(arguments: [(nil, 0), (nil, 1), (0x1234, 0), (nil, 7)] as [(Int?, Int)])
    func aForeignSQLiteFileIsRefusedWithExit4AndLeftByteForByte(applicationID: Int?, userVersion: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("theirs.sqlite")
        try foreignDatabase(path, applicationID: applicationID, userVersion: userVersion)
        let before = fileFingerprint(path)
        for readOnly in [false, true] {
            let error = labError { _ = try StoreDatabase(path: path, options: StoreOptions(readOnly: readOnly)) }
            #expect(error?.code == .store)
            #expect(error?.code.exitCode == 4)
            #expect(error?.message.contains("not a lab store") == true && error?.message.contains(path) == true)
            #expect(fileFingerprint(path) == before, "the foreign file changed (readOnly: \(readOnly))")
        }
    }

    @Test func aNewOrEmptyFileBecomesAMarkedStore() throws {
        let dir = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: dir.path("empty.sqlite"), contents: Data()))
        for name in ["empty.sqlite", "new.sqlite"] {
            let db = try StoreDatabase(path: dir.path(name))
            #expect(try db.connection.scalarInt("PRAGMA application_id", doing: "t") == StoreSchema.applicationID)
            #expect(try db.schemaVersion() == StoreSchema.currentVersion)
        }
    }

    @Test func aStoreFromAnEarlierVersionWithoutTheMarkerOpensAndIsMarkedKeepingItsData() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.sqlite")
        let digest: String
        do {
            let db = try StoreDatabase(path: path)
            digest = try db.putBlob(BlobPayload(codec: "text/1", bytes: [7, 7])).digest
            try db.connection.execute("PRAGMA application_id=0", doing: "make it look like an earlier version's store")
        }
        // Read-only opening accepts it and changes nothing (a WAL reader may add its -shm index).
        let before = fileFingerprint(path).prefix(64)
        #expect(try StoreDatabase(path: path, options: StoreOptions(readOnly: true)).blob(digest)?.bytes == [7, 7])
        #expect(fileFingerprint(path).prefix(64) == before)
        let db = try StoreDatabase(path: path)
        #expect(try db.connection.scalarInt("PRAGMA application_id", doing: "t") == StoreSchema.applicationID)
        #expect(try db.blob(digest)?.bytes == [7, 7])
    }

    @Test func readOnlyOpeningNeverChangesTheJournalMode() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        do {
            let db = try StoreDatabase(path: path)
            try db.putBlob(BlobPayload(codec: "text/1", bytes: [1]))
            #expect(try db.connection.scalarText("PRAGMA journal_mode=DELETE", doing: "t") == "delete")
        }
        let before = fileFingerprint(path)
        let reader = try StoreDatabase(path: path, options: StoreOptions(readOnly: true))
        _ = try reader.stats()
        _ = try reader.verify()
        _ = try reader.entries()
        #expect(try reader.connection.scalarText("PRAGMA journal_mode", doing: "t") == "delete")
        #expect(fileFingerprint(path) == before)
    }
}
