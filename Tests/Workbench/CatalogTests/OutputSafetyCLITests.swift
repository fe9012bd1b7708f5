import Foundation
import LabCore
import Store
import Testing

@Suite(.serialized) struct OutputSafetyCLITests {
    let notebook = "```lab id=a\nt = table.from_records([{k: 1}, {k: 2}])\nt\n```\n"

    func write(_ text: String, _ name: String, in s: Scratch) throws {
        try text.write(to: s.url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func bytes(_ name: String, in s: Scratch) -> [UInt8]? { OutputFile.existingBytes(s.url.appendingPathComponent(name).path) }

    @Test func renderRefusesToOverwriteANotebookOrAStoreButReplacesItsOwnReport() throws {
        let s = try Scratch()
        try write(notebook, "nb.md", in: s)
        #expect(try lab(["run", "nb.md", "--store", "store.sqlite"], in: s.url).status == 0)
        let notebookBytes = bytes("nb.md", in: s), storeBytes = bytes("store.sqlite", in: s)
        for target in ["nb.md", "store.sqlite"] {
            let r = try lab(["render", "nb.md", "--store", "store.sqlite", "--out", target], in: s.url)
            #expect(r.status == 3, "\(target): \(r.err)")
            #expect(r.err.contains("not a report lab wrote"), "\(r.err)")
        }
        #expect(bytes("nb.md", in: s) == notebookBytes && bytes("store.sqlite", in: s) == storeBytes)
        #expect(try lab(["render", "nb.md", "--store", "store.sqlite", "--out", "r.html"], in: s.url).status == 0)
        #expect(try lab(["render", "nb.md", "--store", "store.sqlite", "--out", "r.html"], in: s.url).status == 0, "its own report is replaced")
        let underAFile = try lab(["render", "nb.md", "--store", "store.sqlite", "--out", "nb.md/r.html"], in: s.url)
        #expect(underAFile.status == 2, "a bad --out is exit 2: \(underAFile.err)")
    }

    @Test func renderWithParamsRendersThatRunToAParameterKeyedReport() throws {
        let s = try Scratch()
        try write("---\nparams:\n  n: 2\n---\n```lab id=a\nx = params.n * 10\nx\n```\n", "p.md", in: s)
        #expect(try lab(["run", "p.md", "--store", "store.sqlite", "--param", "n=3"], in: s.url).status == 0)
        let r = try lab(["render", "p.md", "--store", "store.sqlite", "--param", "n=3"], in: s.url)
        #expect(r.status == 0, "\(r.err)")
        let written = try #require(r.out.split(separator: " ").dropFirst().first.map(String.init))
        #expect(written.hasPrefix("Reports/p/") && written.hasSuffix(".html"), "\(r.out)")
        let html = String(decoding: bytes(written, in: s) ?? [], as: UTF8.self)
        #expect(html.contains(">30<") || html.contains("30"), "the report shows the n=3 run")
        // The defaults were never run: the default report is refused as stale.
        #expect(try lab(["render", "p.md", "--store", "store.sqlite"], in: s.url).status == 3)
    }

    @Test func staticErrorsCreateNoStoreFileAndLintAcceptsStore() throws {
        let s = try Scratch()
        try write("```lab id=a\nx = nope(1)\n```\n", "bad.md", in: s)
        for command in ["run", "status", "render"] {
            let r = try lab([command, "bad.md", "--store", "fresh.sqlite"], in: s.url)
            #expect(r.status == 2, "\(command): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("fresh.sqlite").path))
        try write(notebook, "nb.md", in: s)
        let lint = try lab(["lint", "nb.md", "--store", "fresh.sqlite"], in: s.url)
        #expect(lint.status == 0, "\(lint.err)")
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("fresh.sqlite").path))
    }

    @Test func badOutputNamesAreLintErrorsWithTheirPlaceNotRawFileErrors() throws {
        let s = try Scratch()
        try write("```lab id=a\n\(String(repeating: "b", count: 300)) = 1\n```\n", "long.md", in: s)
        let long = try lab(["lint", "long.md"], in: s.url)
        #expect(long.status == 2 && long.err.contains("long.md:2:1: error:") && !long.err.contains("NSCocoaErrorDomain"), "\(long.err)")
        try write(notebook, "...md", in: s)
        let dots = try lab(["run", "...md", "--store", "store.sqlite"], in: s.url)
        #expect(dots.status == 2 && dots.err.contains("cannot name its output folders"), "\(dots.err)")
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("Results").path))
    }

    @Test func aForeignDatabaseGivenAsStoreIsRefusedWithExit4AndUnchanged() throws {
        let s = try Scratch()
        try write(notebook, "nb.md", in: s)
        let theirs = s.url.appendingPathComponent("theirs.sqlite").path
        _ = try StoreDatabase(path: theirs)  // a valid SQLite file…
        // …that becomes someone else's: our marker gone, a table of theirs.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(theirs)'); c.execute('PRAGMA journal_mode=DELETE'); c.execute('DROP TABLE cache_output'); c.execute('PRAGMA application_id=0'); c.execute('CREATE TABLE x (a)'); c.commit()"]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        let before = bytes("theirs.sqlite", in: s)
        for args in [["run", "nb.md", "--store", "theirs.sqlite"], ["cache", "ls", "--store", "theirs.sqlite"], ["cache", "verify", "--store", "theirs.sqlite"]] {
            let r = try lab(args, in: s.url)
            #expect(r.status == 4, "\(args): \(r.err)")
        }
        #expect(bytes("theirs.sqlite", in: s) == before)
        #expect(!FileManager.default.fileExists(atPath: theirs + "-wal"))
    }

    @Test func cacheVerifyRepairRemovesADamagedValueAndRunRecomputesIt() throws {
        let s = try Scratch()
        try write(notebook, "nb.md", in: s)
        #expect(try lab(["run", "nb.md", "--store", "store.sqlite"], in: s.url).status == 0)
        let csv = bytes("Results/nb/t.csv", in: s)
        let db = try StoreDatabase(path: s.url.appendingPathComponent("store.sqlite").path)
        let digest = try #require(try db.entries().flatMap { $0.outputs.values.map(\.digest) }.first)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(db.path)'); c.execute(\"UPDATE blob_data SET data = zeroblob(length(data)) WHERE id = (SELECT data_id FROM blob WHERE digest = '\(digest)')\"); c.commit()"]
        try p.run()
        p.waitUntilExit()
        let verify = try lab(["cache", "verify", "--store", "store.sqlite"], in: s.url)
        #expect(verify.status == 5)
        let export = try lab(["render", "nb.md", "--store", "store.sqlite", "--allow-stale", "--out", "x.html"], in: s.url)
        #expect(export.status == 0, "stale cells are marked, damaged bytes are not shown: \(export.err)")
        let repair = try lab(["cache", "verify", "--repair", "--store", "store.sqlite"], in: s.url)
        #expect(repair.status == 0, "\(repair.out)\(repair.err)")
        let rerun = try lab(["run", "nb.md", "--store", "store.sqlite"], in: s.url)
        #expect(rerun.status == 0 && rerun.out.contains("✓ a  ran"), "\(rerun.out)")
        #expect(bytes("Results/nb/t.csv", in: s) == csv)
    }
}
