import Foundation
import Testing
import TestSupport
@testable import Store

@Suite("Checkpoints") struct CheckpointTests {
    @Test func theLatestCheckpointIsTheHighestStep() throws {
        let dir = try TemporaryDirectory()
        let store = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        #expect(try store.latestCheckpoint(key: "train") == nil)
        for step: Int64 in [100, 300, 200] {
            try store.saveCheckpoint(key: "train", step: step, state: BlobPayload(codec: "params/1", bytes: bytes(64, seed: UInt64(step))))
        }
        try store.saveCheckpoint(key: "other", step: 900, state: BlobPayload(codec: "params/1", bytes: [1]))
        let latest = try #require(try store.latestCheckpoint(key: "train"))
        #expect(latest.step == 300)
        #expect(latest.blob.bytes == bytes(64, seed: 300))
        #expect(latest.blob.info.codec == "params/1")
    }

    @Test func keepLatestDropsOlderCheckpointsWithTheirBlobs() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        for step in 1...5 {
            try db.saveCheckpoint(key: "k", step: Int64(step), state: BlobPayload(codec: "params/1", bytes: bytes(32, seed: UInt64(step))), keepLatest: 2)
        }
        #expect(try db.checkpointSteps(key: "k") == [4, 5])
        #expect(try db.stats().blobs == 2, "the dropped checkpoints' bytes go with them, not at the next gc")
        clock.advance(3600)
        let report = try db.collectGarbage(graceSeconds: 600)
        #expect(report.blobsRemoved == 0)
        #expect(try db.stats().blobs == 2)
        #expect(try db.latestCheckpoint(key: "k")?.step == 5)
    }

    @Test func resumingDropsMetricsWrittenAfterTheCheckpoint() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        do {
            let first = try StoreDatabase(path: path, options: options(ManualClock()))
            let metrics = MetricBuffer(database: first, key: "k", policy: MetricFlushPolicy(maxPoints: 1))
            for step in 0...150 {
                metrics.append(name: "loss", step: Int64(step), value: 1)
                if step == 100 {
                    try metrics.flush()
                    try first.saveCheckpoint(key: "k", step: 100, state: BlobPayload(codec: "params/1", bytes: [1]))
                }
            }
        }
        // A second runner resumes: steps 101…150 of the killed run must not linger.
        let second = try StoreDatabase(path: path, options: options(ManualClock()))
        let metrics = MetricBuffer(database: second, key: "k")
        let checkpoint = try #require(try second.latestCheckpoint(key: "k"))
        try metrics.discard(after: checkpoint.step)
        #expect(try second.series(key: "k", name: "loss").last?.step == 100)
        for step in 101...120 { metrics.append(name: "loss", step: Int64(step), value: 2) }
        try metrics.flush()
        let series = try second.series(key: "k", name: "loss")
        #expect(series.count == 121)
        #expect(series.last?.value == 2)
        #expect(try second.seriesSummaries(key: "k").first?.lastStep == 120)
    }
}
