import Foundation
import LabCore
import Testing
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
