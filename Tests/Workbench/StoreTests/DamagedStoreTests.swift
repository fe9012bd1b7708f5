import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

@Suite("Damaged and unwritable stores") struct DamagedStoreTests {
    /// Opens `path` read-write and read-only; both must fail with a corrupt error naming the
    /// file and suggesting `lab cache verify`, and the file must be byte-for-byte unchanged.
    func expectRefusedUntouched(_ path: String, mentioning words: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for readOnly in [false, true] {
            let error = labError { _ = try StoreDatabase(path: path, options: StoreOptions(readOnly: readOnly)) }
            #expect(error?.code == .corrupt)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("lab cache verify --store \(path)") == true)
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aGarbageFileIsReportedByNameAndNeverTouched() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        try Data(bytes(10_000, seed: 9)).write(to: URL(fileURLWithPath: path))
        try expectRefusedUntouched(path, mentioning: "not a lab store")
    }

    @Test func aTruncatedStoreIsReportedByNameAndNeverTouched() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        do {
            let db = try StoreDatabase(path: path)
            for i in 0..<20 { try db.putBlob(BlobPayload(codec: "text/1", bytes: bytes(20_000, seed: UInt64(i)))) }
            _ = try db.connection.scalarInt("PRAGMA wal_checkpoint(TRUNCATE)", doing: "t")
        }
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        try expectRefusedUntouched(path, mentioning: "truncated")
        // Cut inside a page, too.
        try whole.prefix(whole.count / 2 + 100).write(to: URL(fileURLWithPath: path))
        try expectRefusedUntouched(path, mentioning: "truncated")
        // Cut inside the header.
        try whole.prefix(50).write(to: URL(fileURLWithPath: path))
        try expectRefusedUntouched(path, mentioning: "not a lab store")
    }

    @Test func aFullDiskFailsTheWriteClearlyAndKeepsNothingOfIt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        let limit = 3 << 20
        let db = try StoreDatabase(path: path, options: StoreOptions(maxBytes: limit))
        let kept = try db.putBlob(BlobPayload(codec: "text/1", bytes: bytes(100_000, seed: 1)))
        try db.appendMetrics((0..<100).map { MetricPoint(key: "k", name: "loss", step: Int64($0), value: 1, wallTime: 0) })
        // Fill the store up to about 1 MB below its limit.
        let pageSize = try #require(try db.connection.scalarInt("PRAGMA page_size", doing: "t"))
        let used = try #require(try db.connection.scalarInt("PRAGMA page_count", doing: "t")) * pageSize
        let filler = try db.putBlob(BlobPayload(codec: "text/1", bytes: bytes(limit - Int(used) - 1_000_000, seed: 4)))
        let error = labError {
            try db.record(key: "big", outputs: ["a": BlobPayload(codec: "text/1", bytes: bytes(10_000, seed: 2)), "b": BlobPayload(codec: "text/1", bytes: bytes(1_500_000, seed: 3))])
        }
        #expect(error?.code == .store)
        #expect(error?.message.contains("full") == true)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("Nothing from this write was kept") == true)
        // A batch of metrics too large to fit is refused whole.
        let bigBatch = (100..<60_000).map { MetricPoint(key: "k", name: "loss", step: Int64($0), value: 1, wallTime: 0) }
        #expect(labError { try db.appendMetrics(bigBatch) }?.code == .store)
        // Nothing half-written is visible, and the store still works.
        #expect(try db.lookup("big") == nil)
        #expect(try db.stats().blobs == 2)
        #expect(try db.blobInfo(filler.digest) != nil)
        #expect(try db.seriesSummary(key: "k", name: "loss")?.count == 100)
        #expect(try db.series(key: "k", name: "loss").count == 100)
        #expect(try db.blob(kept.digest) != nil)
        #expect(try db.verify().isHealthy)
        try db.putBlob(BlobPayload(codec: "text/1", bytes: [1]))
    }

    @Test func writingThroughAReadOnlyOpenFailsClearly() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        _ = try StoreDatabase(path: path).putBlob(BlobPayload(codec: "text/1", bytes: [1]))
        let reader = try StoreDatabase(path: path, options: StoreOptions(readOnly: true))
        let error = labError { try reader.putBlob(BlobPayload(codec: "text/1", bytes: [2])) }
        #expect(error?.code == .store)
        #expect(error?.message.contains("read-only") == true)
        #expect(try reader.stats().blobs == 1)
    }

    @Test func aStorePathUnderAFileFailsWithAClearError() throws {
        let dir = try TemporaryDirectory()
        try Data([1]).write(to: URL(fileURLWithPath: dir.path("file")))
        let error = labError { _ = try StoreDatabase(path: dir.path("file/store.sqlite")) }
        #expect(error?.code == .store)
        #expect(error?.message.contains("is a file, not a directory") == true)
    }
}
