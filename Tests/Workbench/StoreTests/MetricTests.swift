import Foundation
import Testing
import TestSupport
@testable import Store

@Suite("Metrics") struct MetricTests {
    func points(_ key: String, _ name: String, _ steps: ClosedRange<Int64>, value: (Int64) -> Double) -> [MetricPoint] {
        steps.map { MetricPoint(key: key, name: name, step: $0, value: value($0), wallTime: Double($0)) }
    }

    @Test func appendedPointsComeBackInStepOrderWithASummary() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.appendMetrics(points("k", "loss", 0...4, value: { 10 - Double($0) }).reversed())
        try db.appendMetrics(points("k", "loss", 5...9, value: { Double($0) }))
        let series = try db.series(key: "k", name: "loss")
        #expect(series.map(\.step) == Array(0...9))
        #expect(series.first?.value == 10)
        #expect(try db.series(key: "k", name: "loss", steps: 3...5).map(\.step) == [3, 4, 5])
        let summary = try #require(try db.seriesSummary(key: "k", name: "loss"))
        #expect(summary == SeriesSummary(key: "k", name: "loss", count: 10, firstStep: 0, lastStep: 9, lastValue: 9, minValue: 5, maxValue: 10))
    }

    @Test func rewritingStepsUpsertsAndRecomputesTheSummary() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.appendMetrics(points("k", "loss", 0...9, value: { Double($0) }))
        // Steps 5-9 again with other values, as a resumed run would: no duplicates, old min/max gone.
        try db.appendMetrics(points("k", "loss", 5...9, value: { 100 + Double($0) }))
        let series = try db.series(key: "k", name: "loss")
        #expect(series.count == 10)
        #expect(series.map(\.value) == [0, 1, 2, 3, 4, 105, 106, 107, 108, 109])
        let summary = try #require(try db.seriesSummary(key: "k", name: "loss"))
        #expect(summary.count == 10)
        #expect(summary.maxValue == 109)
        #expect(summary.lastValue == 109)
        #expect(try db.verify().isHealthy)
    }

    @Test func theLastWriteOfAStepInOneBatchWins() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.appendMetrics([
            MetricPoint(key: "k", name: "m", step: 1, value: 1, wallTime: 0),
            MetricPoint(key: "k", name: "m", step: 1, value: 2, wallTime: 0),
        ])
        #expect(try db.series(key: "k", name: "m").map(\.value) == [2])
        #expect(try db.seriesSummary(key: "k", name: "m")?.count == 1)
    }

    @Test func nanValuesAreKeptAndIgnoredByMinAndMax() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.appendMetrics([
            MetricPoint(key: "k", name: "loss", step: 0, value: 2, wallTime: 0),
            MetricPoint(key: "k", name: "loss", step: 1, value: .nan, wallTime: 1),
            MetricPoint(key: "k", name: "loss", step: 2, value: .infinity, wallTime: 2),
        ])
        let values = try db.series(key: "k", name: "loss").map(\.value)
        #expect(values[0] == 2 && values[1].isNaN && values[2] == .infinity)
        let summary = try #require(try db.seriesSummary(key: "k", name: "loss"))
        #expect(summary.minValue == 2 && summary.maxValue == .infinity && summary.count == 3)
    }

    @Test func discardingAfterACheckpointStepRemovesLaterPointsOfEverySeries() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.appendMetrics(points("k", "loss", 0...20, value: { Double($0) }) + points("k", "acc", 0...20, value: { Double($0) }) + points("other", "loss", 0...20, value: { Double($0) }))
        try db.discardMetrics(key: "k", after: 10)
        #expect(try db.series(key: "k", name: "loss").last?.step == 10)
        #expect(try db.seriesSummary(key: "k", name: "acc")?.lastStep == 10)
        #expect(try db.seriesSummary(key: "k", name: "acc")?.count == 11)
        #expect(try db.seriesSummary(key: "other", name: "loss")?.count == 21)
        try db.discardMetrics(key: "k", after: -1)
        #expect(try db.seriesSummaries(key: "k").isEmpty)
    }

    @Test func theBufferWritesWhenItsPolicySays() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        let buffer = MetricBuffer(database: db, key: "k", policy: MetricFlushPolicy(maxPoints: 5, maxSeconds: 60))
        let reader = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock, readOnly: true))
        for step in 0..<4 { buffer.append(name: "loss", step: Int64(step), value: 1) }
        #expect(try reader.series(key: "k", name: "loss").isEmpty)
        #expect(buffer.pendingCount == 4)
        buffer.append(name: "loss", step: 4, value: 1)  // fifth point: flush
        #expect(try reader.series(key: "k", name: "loss").count == 5)
        buffer.append(name: "loss", step: 5, value: 1)
        clock.advance(61)
        buffer.append(name: "loss", step: 6, value: 1)  // time-based flush
        #expect(try reader.series(key: "k", name: "loss").map(\.wallTime).last == clock.now)
        #expect(buffer.pendingCount == 0)
    }

    @Test func aFailedWriteIsKeptAndReportedByTheNextFlushNeverDropped() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        let clock = ManualClock()
        let db = try StoreDatabase(path: path, options: options(clock))
        // Another process holds the write lock: the batch write fails after the busy timeout.
        let holder = try StoreDatabase(path: path, options: options(clock))
        let blocked = try StoreDatabase(path: path, options: StoreOptions(busyTimeout: 0.05, clock: clock.wall))
        let lockedBuffer = MetricBuffer(database: blocked, key: "k", policy: MetricFlushPolicy(maxPoints: 2, maxSeconds: 60))
        try holder.connection.execute("BEGIN IMMEDIATE", doing: "t")
        lockedBuffer.append(name: "loss", step: 0, value: 1)
        lockedBuffer.append(name: "loss", step: 1, value: 1)  // the batch write fails: kept, not dropped
        #expect(lockedBuffer.pendingCount == 2)
        let error = labError { try lockedBuffer.flush() }
        #expect(error?.code == .store)
        try holder.connection.execute("COMMIT", doing: "t")
        try lockedBuffer.flush()  // the retry writes both points
        #expect(lockedBuffer.pendingCount == 0)
        #expect(try db.series(key: "k", name: "loss").count == 2)
    }
}
