import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

@Suite("Cache entries and runs") struct CacheEntryTests {
    @Test func recordThenLookupReturnsNamedOutputs() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        #expect(try db.lookup("k1") == nil)
        let model = BlobPayload(codec: "tensor/1", bytes: bytes(100, seed: 3))
        let table = BlobPayload(codec: "json/1", bytes: Array("[[1,2],[3,4]]".utf8))
        try db.record(key: "k1", outputs: ["model": model, "table": table])
        let entry = try #require(try db.lookup("k1"))
        #expect(entry.outputs.keys.sorted() == ["model", "table"])
        #expect(entry.outputs["model"]?.digest == SHA256.hash(model.bytes).hex)
        #expect(entry.outputs["table"]?.codec == "json/1")
        #expect(entry.createdAt == clock.now)
        #expect(try db.blob(entry.outputs["table"]!.digest)?.bytes == table.bytes)
    }

    @Test func recordingAKeyAgainReplacesItsOutputs() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        try db.record(key: "k", outputs: ["a": BlobPayload(codec: "json/1", bytes: Array("1".utf8)), "b": BlobPayload(codec: "json/1", bytes: Array("2".utf8))])
        try db.record(key: "k", outputs: ["a": BlobPayload(codec: "json/1", bytes: Array("3".utf8))])
        let entry = try #require(try db.lookup("k"))
        #expect(entry.outputs.keys.sorted() == ["a"])
        #expect(try db.blob(entry.outputs["a"]!.digest)?.bytes == Array("3".utf8))
        #expect(try db.stats().entries == 1)
    }

    @Test func aFailedRecordKeepsNothingOfIt() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        // The second output has a bad codec: the first output's blob must not survive either.
        let error = labError {
            try db.record(key: "k", outputs: ["a": BlobPayload(codec: "json/1", bytes: Array("1".utf8)), "b": BlobPayload(codec: "bad", bytes: [1])])
        }
        #expect(error?.code == .invalidInput)
        #expect(try db.lookup("k") == nil)
        #expect(try db.stats().blobs == 0)
    }

    @Test func recordingUnknownDigestsIsRefused() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        let stored = try db.putBlob(BlobPayload(codec: "text/1", bytes: [1]))
        try db.record(key: "ok", outputDigests: ["x": stored.digest])
        #expect(try db.lookup("ok")?.outputs["x"] == stored)
        let error = labError { try db.record(key: "bad", outputDigests: ["y": String(repeating: "a", count: 64)]) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("Store the blob first") == true)
        #expect(try db.lookup("bad") == nil)
    }

    @Test func runsAndExecutionsKeepProvenanceAndStructuredErrors() throws {
        let dir = try TemporaryDirectory()
        let clock = ManualClock()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(clock))
        let environment = RunEnvironment(gitCommit: "abc123", gitDirty: true, swiftVersion: "6.3", os: "Debian 12", cpuModel: "Xeon", blasCore: "SkylakeX", blasThreads: 1)
        let run = try db.beginRun(notebookPath: "Notebooks/a.md", notebookDigest: "d1", argv: ["lab", "run", "Notebooks/a.md"], environment: environment)
        let failure = StoredError(code: "numerical", message: "diverged", location: "Notebooks/a.md:12:3", phase: "execute")
        let executed = try db.recordExecution(ExecutionRecord(runID: run, cellID: "train", cacheKey: "k", manifest: "{\"scheme\":1}", outcome: .failed, startedAt: clock.now, duration: 2.5, error: failure))
        clock.advance(3)
        try db.finishRun(run, status: .failed)
        let record = try #require(try db.run(run))
        #expect(record.environment == environment)
        #expect(record.argv == ["lab", "run", "Notebooks/a.md"])
        #expect(record.status == .failed)
        #expect(record.finishedAt == clock.now)
        let executions = try db.executions(ofRun: run)
        #expect(executions.map(\.id) == [executed])
        #expect(executions.first?.error == failure)
        #expect(try db.latestExecution(forKey: "k")?.manifest == "{\"scheme\":1}")
        #expect(labError { try db.finishRun(999, status: .ok) }?.code == .invalidInput)
    }

    @Test func anExecutionMustBelongToARecordedRun() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"), options: options(ManualClock()))
        let error = labError { _ = try db.recordExecution(ExecutionRecord(runID: 42, cellID: "c", cacheKey: "k", manifest: "{}", outcome: .ran, startedAt: 0, duration: 0)) }
        #expect(error?.code == .invalidInput)
    }
}
