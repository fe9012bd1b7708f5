import Foundation
import LabCore
import Store
import Testing
import TestSupport

/// `lab runs`, `lab diff`, `lab cache ls` origins, `lab cache forget` and `lab run --recompute`, through the built `lab`.
@Suite(.serialized) struct RunsCLITests {
    let notebook = """
    ---
    params:
      n: 3
    ---
    ```lab id=a
    data = laenet.dataset("gs2_gu4_au2", count: 2, seed: params.n)
    x = params.n * 2
    t = table.from_records([{k: "p", v: x}, {k: "q", v: 1}])
    x
    ```
    """

    @Test func runsListsEachRunWithItsParametersAndDiffComparesTwo() throws {
        let s = try Scratch()
        try notebook.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        #expect(try lab(["run", "nb.md", "--store", "s.sqlite", "--quiet"], in: s.url).status == 0)
        #expect(try lab(["run", "nb.md", "--store", "s.sqlite", "--quiet", "--param", "n=4"], in: s.url).status == 0)
        #expect(try lab(["run", "./nb.md", "--store", "s.sqlite", "--quiet"], in: s.url).status == 0)

        let runs = try lab(["runs", "nb.md", "--store", "s.sqlite"], in: s.url)
        #expect(runs.status == 0, "\(runs.err)")
        let lines = runs.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(runs.out)")
        #expect(lines[0].hasPrefix("#3  ") && lines[0].contains("ok (1 cached)") && lines[0].hasSuffix("defaults"), "\(lines[0])")
        #expect(lines[1].hasPrefix("#2  ") && lines[1].contains("ok (1 ran)") && lines[1].hasSuffix("n=4"), "\(lines[1])")
        #expect(lines[2].hasPrefix("#1  ") && lines[2].contains("no git"), "\(lines[2])")
        let all = try lab(["runs", "--store", "s.sqlite", "--limit", "1"], in: s.url)
        #expect(all.out.split(separator: "\n").count == 1 && all.out.hasSuffix("  nb.md\n") && !all.out.contains("./nb.md"),
                "runs are recorded under the notebook's path from its project root, not as typed: \(all.out)")
        #expect(try lab(["runs", "other.md", "--store", "s.sqlite"], in: s.url).out.contains("No runs of other.md"))
        #expect(try lab(["runs", "nb.md", "--store", "s.sqlite", "--limit", "0"], in: s.url).status == 2)

        let diff = try lab(["diff", "1", "#2", "--store", "s.sqlite"], in: s.url)
        #expect(diff.status == 0, "\(diff.err)")
        #expect(diff.out.contains("  n  3 → 4"), "\(diff.out)")
        #expect(diff.out.contains("  x  6 → 8  (Δ +2)"), "\(diff.out)")
        #expect(diff.out.contains("  t  table (cell `a`)") && diff.out.contains("Δ v"), "\(diff.out)")
        #expect(diff.out.contains("  data  laenet.dataset: 2 instances of gs2_gu4_au2 (balanced), both; the values differ beyond their summary"), "\(diff.out)")
        #expect(try lab(["diff", "1", "3", "--store", "s.sqlite"], in: s.url).out.contains("outputs: the same"))
        let missing = try lab(["diff", "1", "99", "--store", "s.sqlite"], in: s.url)
        #expect(missing.status == 2 && missing.err.contains("no run #99"), "\(missing.err)")
        #expect(try lab(["diff", "one", "2", "--store", "s.sqlite"], in: s.url).status == 2)

        let ls = try lab(["cache", "ls", "--store", "s.sqlite"], in: s.url)
        #expect(ls.out.contains("cell `a` of nb.md (n=4)"), "\(ls.out)")
        #expect(ls.out.contains("laenet.dataset(scale: \"gs2_gu4_au2\", count: 2, profile: \"balanced\", seed: 4") && ls.out.contains("called by cell `a` of nb.md"), "\(ls.out)")
    }

    @Test func forgetDropsOneMemoisedCallAndRecomputeRedoesThem() throws {
        let s = try Scratch()
        try notebook.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        #expect(try lab(["run", "nb.md", "--store", "s.sqlite", "--quiet"], in: s.url).status == 0)
        let db = try StoreDatabase(path: s.url.appendingPathComponent("s.sqlite").path, options: StoreOptions(readOnly: true))
        let call = try #require(try db.entries(limit: 10).first { $0.key.hasPrefix("call:") }?.key)
        let forget = try lab(["cache", "forget", String(call.dropFirst(5).prefix(8)), "--store", "s.sqlite"], in: s.url)
        #expect(forget.status == 0 && forget.out.contains("forgot call:\(call.dropFirst(5).prefix(12))"), "\(forget.out) \(forget.err)")
        #expect(try db.lookup(call) == nil)
        let again = try lab(["cache", "forget", String(call.prefix(12)), "--store", "s.sqlite"], in: s.url)
        #expect(again.status == 2 && again.err.contains("no cache entry starts with"), "\(again.err)")
        // The cell itself is still cached; --recompute redoes it and the call it makes.
        #expect(try lab(["run", "nb.md", "--store", "s.sqlite"], in: s.url).out.contains("· a  cached"))
        let recompute = try lab(["run", "nb.md", "--store", "s.sqlite", "--recompute", "a"], in: s.url)
        #expect(recompute.status == 0 && recompute.out.contains("✓ a  ran"), "\(recompute.out)")
        #expect(try db.lookup(call) != nil)
        let help = try lab(["run", "--help"], in: s.url).out
        #expect(help.contains("--recompute") && help.contains("lab cache forget KEY"), "\(help)")
        #expect(try lab(["run", "nb.md", "--store", "s.sqlite", "--recompute", "nope"], in: s.url).status == 2)
    }
}

/// A notebook's runs are found from any folder: recorded under its path from the project root.
@Suite(.serialized) struct RunHistoryPathTests {
    @Test func statusWhyAndRunsFromInsideNotebooksFindTheRunsStartedAtTheRoot() throws {
        let s = try Scratch()
        let folder = s.url.appendingPathComponent("Notebooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "```lab id=a\nx = 2\n```\n```lab id=b\ny = x + 1\n```\n".write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        #expect(try lab(["run", "Notebooks/nb.md", "--quiet", "--no-exports"], in: s.url).status == 0)
        // Edit one cell, then ask from inside Notebooks/ (the default store is the project's).
        try "```lab id=a\nx = 3\n```\n```lab id=b\ny = x + 1\n```\n".write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let status = try lab(["status", "nb.md"], in: folder)
        #expect(status.status == 0 && !status.out.contains("never run"), "\(status.out) \(status.err)")
        let why = try lab(["why", "nb.md", "a"], in: folder)
        #expect(why.out.contains("is stale") && !why.out.contains("never run"), "\(why.out)")
        let runs = try lab(["runs", "nb.md"], in: folder)
        #expect(runs.out.split(separator: "\n").count == 1 && runs.out.hasPrefix("#1  "), "\(runs.out) \(runs.err)")
        let fromElsewhere = try lab(["runs", "../Notebooks/nb.md"], in: folder)
        #expect(fromElsewhere.out == runs.out)
        let all = try lab(["runs"], in: folder)
        #expect(all.out.hasSuffix("  Notebooks/nb.md\n"), "\(all.out)")
        #expect(ProjectRoot.notebookIdentity("nb.md", currentDirectory: folder.path) == "Notebooks/nb.md")
        #expect(ProjectRoot.notebookIdentity("Notebooks/nb.md", currentDirectory: s.url.path) == "Notebooks/nb.md")
        #expect(ProjectRoot.sameNotebook(recorded: "./Notebooks/nb.md", identity: "Notebooks/nb.md"))
        #expect(!ProjectRoot.sameNotebook(recorded: "Notebooks/other.md", identity: "Notebooks/nb.md"))
    }
}

/// Ctrl-C during a training, through the built `lab`.
@Suite(.serialized) struct InterruptCLITests {
    @Test func ctrlCSaysWhereTheRunStoppedAndStatusListsTheInterruptedCall() throws {
        let s = try Scratch()
        let text = "```lab id=fit\nfit = learning.function_fit(steps: 3000, seed: 3, checkpoint_every: 25)\nfit.digest\n```\n"
        try text.write(to: s.url.appendingPathComponent("fit.md"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = try labExecutable()
        p.arguments = ["run", "fit.md", "--store", "s.sqlite", "--quiet"]
        p.currentDirectoryURL = s.url
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let storePath = s.url.appendingPathComponent("s.sqlite").path
        let deadline = Date().addingTimeInterval(60)
        var sawCheckpoint = false
        while Date() < deadline && p.isRunning && !sawCheckpoint {
            Thread.sleep(forTimeInterval: 0.05)
            sawCheckpoint = ((try? StoreDatabase(path: storePath, options: StoreOptions(readOnly: true)).stats().checkpoints) ?? 0) > 0
        }
        #expect(sawCheckpoint, "no checkpoint appeared before the run finished or timed out")
        kill(p.processIdentifier, SIGINT)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(message)")
        #expect(message.contains("interrupted in cell `fit`, in fit › learning.function_fit"), "\(message)")
        let db = try StoreDatabase(path: storePath)
        let latest = try #require(try db.checkpointSummaries().first).latestStep
        #expect(message.contains("`lab run fit.md` resumes from the checkpoint of step \(latest);"), "\(message)")
        #expect(try db.recentRuns(limit: 1).first?.status == .interrupted)

        let status = try lab(["status", "fit.md", "--store", "s.sqlite"], in: s.url)
        #expect(status.out.contains("interrupted calls") && status.out.contains("checkpoint of step \(latest),"), "\(status.out)")
        let cellLine = status.out.split(separator: "\n").first { $0.hasPrefix("fit ") }.map(String.init) ?? ""
        #expect(cellLine.hasSuffix("interrupted") && !status.out.contains("never run"), "the cell it stopped in: \(status.out)")
        #expect(status.out.contains("resumes from the checkpoint of step \(latest)"), "\(status.out)")
        // While another run is marked running, its unfinished calls look the same: say so.
        let other = try db.beginRun(notebookPath: "other.md", notebookDigest: "d", argv: [], environment: Scratch.environment)
        let busy = try lab(["status", "fit.md", "--store", "s.sqlite"], in: s.url)
        #expect(busy.out.contains("calls not finished: interrupted, or in progress in run #\(other)"), "\(busy.out)")
        try db.finishRun(other, status: .ok)
        let why = try lab(["why", "fit.md", "fit", "--store", "s.sqlite"], in: s.url)
        #expect(why.out.contains("was interrupted last time"), "\(why.out)")
        let runs = try lab(["runs", "fit.md", "--store", "s.sqlite"], in: s.url)
        #expect(runs.out.contains("interrupted") && runs.out.contains("1 stopped") && !runs.out.contains("failed"), "\(runs.out)")
        let resumed = try lab(["run", "fit.md", "--store", "s.sqlite"], in: s.url)
        #expect(resumed.status == 0 && resumed.out.contains("resumed from a checkpoint"), "\(resumed.out)")
        #expect(!(try lab(["status", "fit.md", "--store", "s.sqlite"], in: s.url).out.contains("interrupted calls")))
        #expect(try db.checkpointSummaries().map(\.count) == [1], "a finished training keeps only its final checkpoint")
    }
}
