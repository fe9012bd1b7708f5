import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

/// Tests that run `lab cache stress` as child processes: SIGKILL at random moments, and two
/// writers on one store. They share no files with other suites but are heavy, so serialised.
@Suite("Crashes and concurrent processes", .serialized) struct ProcessTests {
    /// Parses `ok <i> <digest>` lines.
    func acknowledged(_ lines: [String]) -> [(Int, String)] {
        lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "ok", let i = Int(parts[1]) else { return nil }
            return (i, String(parts[2]))
        }
    }

    @Test func aWriterKilledAtRandomMomentsLeavesAConsistentStoreWithEveryAcknowledgedWrite() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("crash.sqlite")
        var rng = RandomSource(seed: 2024)
        let metricsPerStep = 40
        var totalAcknowledged = 0
        for round in 0..<6 {
            let writer = "w\(round)"
            let child = try Child(["cache", "stress", "--store", path, "--writer", writer, "--count", "0",
                                   "--blob-bytes", "400000", "--metrics", "\(metricsPerStep)", "--series-key", "crash-\(round)",
                                   "--seed", "\(round)"])
            let target = 1 + rng.int(below: 5)
            _ = child.waitForLines(target)
            usleep(UInt32(rng.int(below: 200_000)))  // land anywhere in the next few iterations
            child.kill()
            let result = child.finish()
            #expect(result.status == SIGKILL, "the writer should have been killed, it exited with \(result.status): \(result.stderr)")
            let acks = acknowledged(result.lines)
            #expect(acks.count >= target)
            totalAcknowledged += acks.count

            let db = try StoreDatabase(path: path)
            let report = try db.verify()
            #expect(report.isHealthy, "\(report.problems)")
            for (i, digest) in acks {
                let entry = try #require(try db.lookup("\(writer)-\(i)"), "entry \(writer)-\(i) was acknowledged but is missing")
                #expect(entry.outputs["value"]?.digest == digest)
                #expect(try db.blob(digest) != nil)
                #expect(try db.blobInfo(SHA256.hash(Array("shared-\(i)".utf8)).hex) != nil)
            }
            let series = try db.series(key: "crash-\(round)", name: "loss")
            let steps = Set(series.map(\.step))
            for (i, _) in acks {
                for j in 0..<metricsPerStep { #expect(steps.contains(Int64(i * metricsPerStep + j))) }
            }
            // Whole batches only: a killed batch leaves no partial tail.
            #expect(series.count % metricsPerStep == 0)
            #expect(try db.seriesSummary(key: "crash-\(round)", name: "loss")?.count ?? 0 == series.count)
        }
        #expect(totalAcknowledged >= 6)
    }

    @Test func twoProcessesWritingAtOnceBothFinishWithNothingLostOrDuplicated() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("shared.sqlite")
        let count = 120, metrics = 25
        let writers = try ["a", "b"].enumerated().map { index, name in
            try Child(["cache", "stress", "--store", path, "--writer", name, "--count", "\(count)", "--blob-bytes", "20000",
                       "--metrics", "\(metrics)", "--series-key", "shared", "--step-offset", "\(index)", "--step-stride", "2", "--seed", "7"])
        }
        var digests: [String: String] = [:]
        for (name, child) in zip(["a", "b"], writers) {
            let result = child.finish()
            #expect(result.status == 0, "\(name) failed: \(result.stderr)")
            let acks = acknowledged(result.lines)
            #expect(acks.map(\.0) == Array(0..<count), "\(name) acknowledged \(acks.count) of \(count) writes")
            for (i, digest) in acks { digests["\(name)-\(i)"] = digest }
        }
        let db = try StoreDatabase(path: path)
        #expect(try db.verify().isHealthy)
        let stats = try db.stats()
        #expect(stats.entries == 2 * count)
        for (key, digest) in digests {
            #expect(try db.lookup(key)?.outputs["value"]?.digest == digest)
        }
        // Both writers stored the same "shared-i" bytes: once each, not twice. Writer blobs differ
        // (different streams), so blobs = 2 × count outputs + count shared ones.
        #expect(Set(digests.values).count == 2 * count)
        #expect(stats.blobs == 3 * count)
        // Interleaved steps of one series: every step exactly once, summary exact.
        let steps = try db.series(key: "shared", name: "loss").map(\.step)
        #expect(steps.count == 2 * count * metrics)
        #expect(steps == Array(0..<Int64(2 * count * metrics)), "steps missing or out of order")
        let summary = try #require(try db.seriesSummary(key: "shared", name: "loss"))
        #expect(summary.count == 2 * count * metrics)
        #expect(summary.firstStep == 0 && summary.lastStep == Int64(2 * count * metrics - 1))
    }

    @Test func processesCreatingTheSameNewStoreAtOnceAllSucceed() throws {
        for round in 0..<10 {
            let dir = try TemporaryDirectory()
            let path = dir.path("new-\(round).sqlite")
            let children = try (0..<4).map { i in
                try Child(["cache", "stress", "--store", path, "--writer", "p\(i)", "--count", "2", "--metrics", "3", "--series-key", "p\(i)"])
            }
            for child in children {
                let result = child.finish()
                #expect(result.status == 0, "round \(round): \(result.stderr)")
            }
            let db = try StoreDatabase(path: path)
            #expect(try db.schemaVersion() == StoreSchema.currentVersion)
            #expect(try db.stats().entries == 8)
            #expect(try db.verify().isHealthy)
        }
    }
}
