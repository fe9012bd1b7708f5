import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

@Suite("Maintenance") struct MaintenanceTests {
    @Test func gcKeepsReferencedPinnedAndYoungBlobsAndRemovesTheRest() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        let entry = try db.record(key: "k", outputs: ["out": BlobPayload(codec: "text/1", bytes: [1])])
        try db.saveCheckpoint(key: "t", step: 1, state: BlobPayload(codec: "params/1", bytes: [2]))
        let pinned = try db.putBlob(BlobPayload(codec: "text/1", bytes: [3]))
        try db.pinBlob(pinned.digest, reason: "paper figure")
        let orphan = try db.putBlob(BlobPayload(codec: "text/1", bytes: bytes(1000, seed: 4)))
        let replaced = try db.record(key: "r", outputs: ["x": BlobPayload(codec: "text/1", bytes: [5])]).outputs["x"]!
        try db.record(key: "r", outputs: ["x": BlobPayload(codec: "text/1", bytes: [6])])
        clock.advance(700)
        let young = try db.putBlob(BlobPayload(codec: "text/1", bytes: [7]))

        let dry = try db.collectGarbage(graceSeconds: 600, dryRun: true)
        #expect(dry == GCReport(blobsRemoved: 2, bytesRemoved: 1001, blobsTooYoung: 1, dryRun: true))
        #expect(try db.stats().blobs == 7)
        let report = try db.collectGarbage(graceSeconds: 600)
        #expect(report.blobsRemoved == 2)
        #expect(try db.blobInfo(orphan.digest) == nil)
        #expect(try db.blobInfo(replaced.digest) == nil)
        for kept in [entry.outputs["out"]!.digest, pinned.digest, young.digest] {
            #expect(try db.blobInfo(kept) != nil)
        }
        #expect(try db.latestCheckpoint(key: "t") != nil)
        try db.unpinBlob(pinned.digest)
        clock.advance(700)
        #expect(try db.collectGarbage(graceSeconds: 600).blobsRemoved == 2)  // the unpinned and the formerly young
        #expect(try db.verify().isHealthy)
    }

    @Test func removingAnEntryLetsGCCollectItsOutputs() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        try db.record(key: "k", outputs: ["out": BlobPayload(codec: "text/1", bytes: [1])])
        try db.setPinned("k", true)
        #expect(try db.lookup("k")?.pinned == true)
        #expect(try db.removeEntry("k"))
        #expect(try db.removeEntry("k") == false)
        clock.advance(1000)
        #expect(try db.collectGarbage().blobsRemoved == 1)
        #expect(labError { try db.setPinned("k", true) }?.code == .invalidInput)
    }

    @Test func statsCountEverything() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.record(key: "k", outputs: ["a": BlobPayload(codec: "json/1", bytes: Array("1".utf8)), "b": BlobPayload(codec: "tensor/1", bytes: [1, 2, 3])])
        try db.appendMetrics([MetricPoint(key: "k", name: "loss", step: 0, value: 1, wallTime: 0), MetricPoint(key: "k", name: "acc", step: 0, value: 1, wallTime: 0)])
        try db.saveCheckpoint(key: "k", step: 3, state: BlobPayload(codec: "params/1", bytes: [9]))
        let stats = try db.stats()
        #expect(stats.blobs == 3 && stats.blobBytes == 5)
        #expect(stats.codecs["tensor/1"] == .init(count: 1, bytes: 3))
        #expect(stats.entries == 1 && stats.metricPoints == 2 && stats.series == 2 && stats.checkpoints == 1)
        #expect(stats.fileBytes > 0)
    }

    @Test func verifyFindsASummaryThatDisagreesWithItsPoints() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.appendMetrics([MetricPoint(key: "k", name: "loss", step: 0, value: 1, wallTime: 0)])
        #expect(try db.verify().isHealthy)
        try db.connection.execute("UPDATE metric_summary SET count = 5", doing: "tamper")
        let report = try db.verify()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.contains("summary counts 5") == true)
    }
}
