import Foundation
import LabCore
import Store
import Testing
import TestSupport

/// Runs `lab` with arguments in `directory`; returns (exit status, stdout, stderr).
@discardableResult
func lab(_ arguments: [String], in directory: URL) throws -> (status: Int32, out: String, err: String) {
    try runLab(arguments, in: directory)
}

/// Starts `lab run NOTEBOOK --store STORE` in `directory`, waits until the store holds a
/// checkpoint of a call that has not finished (or `timeout` seconds pass, or the run ends),
/// then kills it with SIGKILL.
///
/// A finished training keeps its final checkpoint next to its memoised result, so a kill that
/// lands just after a call finished leaves nothing to resume (a cell with an SAC before the
/// planner training hit this in CI). The kill is therefore checked afterwards: when the killed
/// store holds no unfinished call's checkpoint, the store is deleted and the run tried again, up
/// to `attempts` times. Returns whether a kill left an unfinished checkpoint behind.
func runUntilFirstCheckpointThenKill(_ notebook: String, store: String, in directory: URL, timeout: Double, attempts: Int = 5) throws -> Bool {
    let path = directory.appendingPathComponent(store).path
    for _ in 0..<attempts {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let p = Process()
        p.executableURL = try labExecutable()
        p.arguments = ["run", notebook, "--store", store, "--quiet"]
        p.currentDirectoryURL = directory
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && p.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            if (try? hasUnfinishedCheckpoint(path)) == true { break }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        if try hasUnfinishedCheckpoint(path) { return true }
    }
    return false
}

/// Whether the store at `path` holds a checkpoint of a call that has not finished.
private func hasUnfinishedCheckpoint(_ path: String) throws -> Bool {
    guard FileManager.default.fileExists(atPath: path) else { return false }
    return try !StoreDatabase(path: path, options: StoreOptions(readOnly: true)).unfinishedCheckpoints().isEmpty
}

/// Writes `text` as `NOTEBOOK` in `s`, kills a run of it with SIGKILL once a checkpoint is
/// stored, resumes it with `lab run`, runs it afresh in another store, and expects both runs to
/// print the same output line (the first starting with `prefix`: the cell's list of a digest
/// and counts) and that line to contain `contains`. Returns the clean run's store file name.
@discardableResult
func expectKilledRunResumesIdentically(_ text: String, notebook: String = "t.md", in s: Scratch, prefix: String = "    [\"", contains: String,
                                       timeout: Double = 120, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    try text.write(to: s.url.appendingPathComponent(notebook), atomically: true, encoding: .utf8)
    let sawCheckpoint = try runUntilFirstCheckpointThenKill(notebook, store: "killed.sqlite", in: s.url, timeout: timeout)
    #expect(sawCheckpoint, "no checkpoint appeared before the run finished or timed out", sourceLocation: sourceLocation)
    let resumed = try lab(["run", notebook, "--store", "killed.sqlite"], in: s.url)
    #expect(resumed.status == 0, "\(resumed.err)", sourceLocation: sourceLocation)
    #expect(resumed.out.contains("resumed from a checkpoint"), "\(resumed.out)", sourceLocation: sourceLocation)
    let clean = try lab(["run", notebook, "--store", "clean.sqlite"], in: s.url)
    #expect(clean.status == 0 && clean.out.contains("ran in"), "\(clean.err)", sourceLocation: sourceLocation)
    let line = { (out: String) in out.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init) }
    #expect(line(resumed.out) != nil && line(resumed.out) == line(clean.out), sourceLocation: sourceLocation)
    #expect(line(clean.out)?.contains(contains) == true, "\(clean.out)", sourceLocation: sourceLocation)
    return "clean.sqlite"
}

@Suite(.serialized) struct NotebookCLITests {
    let notebook = """
    ---
    params:
      count: 10
    ---
    ```lab id=data
    data = laenet.dataset("gs2_gu4_au2", count: params.count, jointly_feasible: true)
    exact = laenet.solve(data, method: "exact")
    summary = table.mean_std(laenet.evaluate(data, [laenet.solve(data, method: "mcmf")], reference: exact), by: ["method"], values: ["ratio"])
    bars = plot.bars(summary, x: "method", y: "ratio_mean")
    summary
    ```
    """

    @Test func runCachesWritesFiguresAndReportsStatus() throws {
        let s = try Scratch()
        try notebook.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let first = try lab(["run", "nb.md", "--store", "store.sqlite"], in: s.url)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("✓ data  ran"))
        #expect(first.out.contains("ratio_mean"))
        #expect(FileManager.default.fileExists(atPath: s.url.appendingPathComponent("Figures/nb/bars.svg").path))
        let second = try lab(["run", "nb.md", "--store", "store.sqlite"], in: s.url)
        #expect(second.status == 0 && second.out.contains("· data  cached"))
        let status = try lab(["status", "nb.md", "--store", "store.sqlite", "--param", "count=11"], in: s.url)
        #expect(status.out.contains("params.count has a different value"), "\(status.out)")
    }

    @Test func staticErrorsAndBadParamsExitWith2AndRunNothing() throws {
        let s = try Scratch()
        try notebook.replacingOccurrences(of: "laenet.solve(data, method: \"exact\")", with: "laenet.sovle(data, method: \"exact\")")
            .write(to: s.url.appendingPathComponent("bad.md"), atomically: true, encoding: .utf8)
        let bad = try lab(["run", "bad.md", "--store", "store.sqlite"], in: s.url)
        #expect(bad.status == 2)
        #expect(bad.err.contains("bad.md:7:9: error: unknown function `laenet.sovle`; did you mean `laenet.solve`?"), "\(bad.err)")
        #expect(bad.err.contains("        ^~~~~~~~~~~~"))
        try notebook.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let param = try lab(["run", "nb.md", "--store", "store.sqlite", "--param", "cuont=3"], in: s.url)
        #expect(param.status == 2 && param.err.contains("did you mean `count`?"))
        let lint = try lab(["lint", "nb.md"], in: s.url)
        #expect(lint.status == 0 && lint.out.contains("no problems"))
    }

    /// A cell whose computed argument is out of range fails at the argument; the run exits with
    /// the error's code (2), as a literal would at lint time.
    @Test func failingCellExitsWithItsErrorCode() throws {
        let s = try Scratch()
        try "```lab id=a\nd = laenet.dataset(\"gs2_gu4_au2\", count: 0 * 1)\n```\n".write(to: s.url.appendingPathComponent("f.md"), atomically: true, encoding: .utf8)
        let r = try lab(["run", "f.md", "--store", "store.sqlite"], in: s.url)
        #expect(r.status == 2)
        #expect(r.out.contains("f.md:2:42: error: argument `count` of `laenet.dataset` must be a whole number from 1 to 1000000, not 0"), "\(r.out)")
        // The same argument as a literal is a static error: exit 2, nothing runs.
        try "```lab id=a\nd = laenet.dataset(\"gs2_gu4_au2\", count: 0)\n```\n".write(to: s.url.appendingPathComponent("g.md"), atomically: true, encoding: .utf8)
        let lint = try lab(["run", "g.md", "--store", "store.sqlite"], in: s.url)
        #expect(lint.status == 2)
        #expect(lint.err.contains("g.md:2:42: error: argument `count` of `laenet.dataset` must be a whole number from 1 to 1000000, not 0"), "\(lint.err)")
    }

    /// A training run killed with SIGKILL resumes from its last checkpoint and ends with
    /// bit-identical parameters to an uninterrupted run.
    @Test func killedTrainingResumesToIdenticalResult() throws {
        let s = try Scratch()
        let text = "```lab id=fit\nfit = learning.function_fit(steps: 3000, seed: 3, checkpoint_every: 25)\nfit.digest\n```\n"
        try expectKilledRunResumesIdentically(text, notebook: "fit.md", in: s, prefix: "    \"", contains: "\"", timeout: 60)
    }

    @Test func reportEscapesNotebookTextAndRefusesStaleCells() throws {
        let s = try Scratch()
        let text = """
        ---
        title: "<script>alert('title')</script>"
        ---
        Prose with <script>alert('prose')</script> and **bold** and [a link](javascript:alert(1)).

        ```lab id=a
        s = "<script>alert('value')</script>"
        t = table.from_records([{name: "<b>x</b>", v: 1}])
        s
        ```
        """
        try text.write(to: s.url.appendingPathComponent("x.md"), atomically: true, encoding: .utf8)
        let refused = try lab(["render", "x.md", "--store", "store.sqlite"], in: s.url)
        #expect(refused.status == 3 && refused.err.contains("never run"), "\(refused.err)")
        let stale = try lab(["render", "x.md", "--store", "store.sqlite", "--allow-stale", "--out", "stale.html"], in: s.url)
        #expect(stale.status == 0)
        #expect(try String(contentsOf: s.url.appendingPathComponent("stale.html"), encoding: .utf8).contains("class=warning"))

        #expect(try lab(["run", "x.md", "--store", "store.sqlite"], in: s.url).status == 0)
        let ok = try lab(["render", "x.md", "--store", "store.sqlite", "--out", "r.html"], in: s.url)
        #expect(ok.status == 0, "\(ok.err)")
        let html = try String(contentsOf: s.url.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;prose&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("http://") && !html.contains("https://"), "the report must not load anything from the network")
    }

    /// Issue 7: a GADSG training run killed with SIGKILL resumes from its last epoch checkpoint
    /// and ends with the same parameters as an uninterrupted run.
    @Test func killedDiffusionTrainingResumesToIdenticalModel() throws {
        let s = try Scratch()
        let text = """
        ```lab id=train
        data = laenet.dataset("gs2_gu4_au2", count: 16, seed: 1, jointly_feasible: true)
        labels = laenet.solve(data, method: "exact")
        net = gadsg.train(data, labels: labels, validation: data, validation_labels: labels,
                          hidden: 16, layers: 2, heads: 2, epochs: 300, batch_size: 8, samples: 1)
        [net.digest, list.len(table.from_series(net.loss).step), net.validation_cost_ratio_final]
        ```
        """
        // Parameters, the whole loss curve (600 steps: the points of the killed attempt after its
        // checkpoint are rewritten, not lost) and the final validation ratio all match.
        try expectKilledRunResumesIdentically(text, in: s, contains: ", 600, ")
    }
}

