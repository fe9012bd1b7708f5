import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

@Suite("Run parameters and call origins (schema 2)") struct RunParametersSchemaTests {
    let environment = RunEnvironment(gitCommit: "abc", gitDirty: false, swiftVersion: "t", os: "t", cpuModel: "t", blasCore: "t", blasThreads: 1)

    /// A store as schema version 1 wrote it, with one run, one execution and one memoised call entry.
    func versionOneStore(_ path: String) throws {
        let c = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMilliseconds: 1000)
        try c.execute(StoreSchema.migrations[0], doing: "t")
        try c.execute("PRAGMA user_version=1; PRAGMA application_id=\(StoreSchema.applicationID)", doing: "t")
        try c.execute("""
            INSERT INTO run (notebook_path, notebook_digest, started_at, finished_at, status, argv_json, env_json)
              VALUES ('nb.md', 'd', 1.0, 2.0, 'ok', '["lab","run","nb.md","--param","n=4"]', '{"blasCore":"t","blasThreads":1,"cpuModel":"t","os":"t","swiftVersion":"t"}');
            INSERT INTO execution (run_id, cell_id, cache_key, manifest, outcome, started_at, duration) VALUES (1, 'a', 'k1', '{}', 'ran', 1.0, 0.5);
            INSERT INTO cache_entry (cache_key, exec_id, created_at) VALUES ('call:ff', NULL, 1.0);
            """, doing: "t")
    }

    @Test func aVersionOneStoreIsReadableReadOnlyAndMigratesKeepingItsRuns() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("old.sqlite")
        try versionOneStore(path)
        let readOnly = try StoreDatabase(path: path, options: StoreOptions(readOnly: true))
        #expect(try readOnly.schemaVersion() == 1)
        let old = try readOnly.runs(ofNotebook: "nb.md")
        #expect(old.count == 1 && old[0].parameters == nil && old[0].argv.suffix(2) == ["--param", "n=4"])
        #expect(try readOnly.lookup("call:ff")?.origin == nil)
        #expect(try readOnly.execution(1)?.cellID == "a")

        let db = try StoreDatabase(path: path)
        #expect(try db.schemaVersion() == StoreSchema.currentVersion)
        #expect(try db.run(1)?.parameters == nil)
        let parameters = RunParameters(entries: [.init(name: "n", value: "4", differsFromDefault: true), .init(name: "m", value: "\"x\"", differsFromDefault: false)],
                                       digest: "d4")
        let id = try db.beginRun(notebookPath: "nb.md", notebookDigest: "d", argv: [], environment: environment, parameters: parameters)
        let stored = try #require(try db.run(id)?.parameters)
        #expect(stored == parameters)
        #expect(stored.entries.map(\.name) == ["m", "n"])
        #expect(stored.changedSummary == "n=4")
        #expect(try db.runs(ofNotebook: "nb.md").map(\.id) == [id, 1])
        #expect(try db.runs(ofNotebook: "other.md").isEmpty)
    }

    @Test func aMemoisedCallKeepsItsOriginAndForgettingDropsItsCheckpoints() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(path: dir.path("s.sqlite"))
        let origin = CallOrigin(function: "gadsg.train", arguments: [.init(name: "epochs", value: "16")], notebook: "nb.md", cell: "train")
        try db.record(key: "call:k", outputs: ["result": BlobPayload(codec: "value/1", bytes: [1])], origin: origin)
        #expect(try db.lookup("call:k")?.origin == origin)
        #expect(origin.callText == "gadsg.train(epochs: 16)")
        // Step 1's state has the bytes of the cached result: its blob is shared and must stay.
        var digests: [String] = []
        for step in [1, 2, 3] as [Int64] {
            digests.append(try db.saveCheckpoint(key: "k", step: step, state: BlobPayload(codec: "value/1", bytes: [UInt8(step)])).digest)
        }
        #expect(try db.checkpointSummaries().map { [$0.latestStep, Int64($0.count)] } == [[3, 3]])
        #expect(try db.pruneCheckpoints(key: "k", keepLatest: 1) == 2)
        #expect(try db.checkpointSteps(key: "k") == [3])
        #expect(try db.blobInfo(digests[0]) != nil, "a blob a cache entry uses is kept")
        #expect(try db.blobInfo(digests[1]) == nil, "a dropped checkpoint's bytes go at once, not at the next gc")
        #expect(try db.removeCheckpoints(key: "k") == 1)
        #expect(try db.blobInfo(digests[2]) == nil)
        #expect(try db.checkpointSummaries().isEmpty)
        #expect(try db.verify().isHealthy)
        // saveCheckpoint's own pruning drops bytes too.
        for step in [4, 5, 6] as [Int64] {
            digests.append(try db.saveCheckpoint(key: "k", step: step, state: BlobPayload(codec: "checkpoint/1", bytes: [UInt8(step), 9]), keepLatest: 2).digest)
        }
        #expect(try db.blobInfo(digests[3]) == nil && db.blobInfo(digests[4]) != nil)
    }
}
