import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

/// A store whose directory cannot be written, seen by an ordinary user. The writer is a child
/// `lab` process; when the tests run as root (who may write anywhere) it drops to `nobody`.
@Suite("Read-only directory", .serialized) struct ReadOnlyDirectoryTests {
    func writer(_ path: String) throws -> Child {
        var arguments = ["cache", "stress", "--store", path, "--writer", "ro", "--count", "1"]
        if geteuid() == 0 { arguments += ["--as-uid", "65534"] }
        return try Child(arguments)
    }

    @Test func writingAnExistingStoreInAReadOnlyDirectoryFailsClearlyAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let storeDir = dir.path("ro")
        let path = storeDir + "/s.sqlite"
        do {
            let db = try StoreDatabase(path: path)
            try db.record(key: "before", outputs: ["v": BlobPayload(codec: "text/1", bytes: [1])])
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))  // closed cleanly
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(storeDir, 0o555)
        defer { chmod(storeDir, 0o755) }
        let result = try writer(path).finish()
        #expect(result.status == LabError.Code.store.exitCode, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(path))
        #expect(result.stderr.contains("writable"))
        #expect(result.lines.isEmpty)
        chmod(storeDir, 0o755)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let db = try StoreDatabase(path: path, options: StoreOptions(readOnly: true))
        #expect(try db.lookup("ro-0") == nil)
        #expect(try db.lookup("before") != nil)
    }

    @Test func creatingAStoreInAReadOnlyDirectoryFailsClearlyAndLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        let storeDir = dir.path("ro")
        try FileManager.default.createDirectory(atPath: storeDir, withIntermediateDirectories: true)
        chmod(storeDir, 0o555)
        defer { chmod(storeDir, 0o755) }
        let path = storeDir + "/s.sqlite"
        let result = try writer(path).finish()
        #expect(result.status == LabError.Code.store.exitCode, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(path))
        #expect(result.stderr.contains("writable"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: storeDir).isEmpty)
    }
}
