import Foundation
import LabCore
import Notebook
import Store
import Synchronization
import Testing
import TestSupport
@testable import Catalog

/// A scratch directory with a store, removed afterwards.
final class Scratch {
    let directory: TemporaryDirectory
    let database: StoreDatabase
    /// The scratch directory.
    var url: URL { directory.url }

    init() throws {
        directory = try TemporaryDirectory("runner")
        database = try StoreDatabase(path: directory.path("store.sqlite"))
    }

    /// Runs `text` as a notebook named `path` and returns the outcome of each cell by id.
    func run(_ text: String, path: String = "nb.md", catalog: Catalog = testCatalog(), options: RunOptions = RunOptions()) throws -> [String: CellResult] {
        let nb = try Notebook.parse(text, path: path)
        let runner = try Runner(notebook: nb, catalog: catalog, database: database, display: ProgressDisplay(mode: .quiet), environment: Scratch.environment)
        return Dictionary(uniqueKeysWithValues: try runner.run(options).cells.map { ($0.id, $0) })
    }

    /// Runs `notebook` (a cell `model` binding a trained `net`), drops the memoised `function`
    /// call but keeps its checkpoints, forces the cell again and expects it to resume from the
    /// last checkpoint to the same model (digest and output).
    func expectForcedRerunResumes(_ notebook: String, function: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let first = try run(notebook)
        #expect(first["model"]?.outcome == .ran, "\(String(describing: first["model"]?.error))", sourceLocation: sourceLocation)
        #expect(try forgetMemoisedCalls(of: function) == 1, sourceLocation: sourceLocation)
        var o = RunOptions()
        o.force = ["model"]
        let second = try run(notebook, options: o)
        #expect(second["model"]?.outcome == .resumed, "\(String(describing: second["model"]?.error))", sourceLocation: sourceLocation)
        #expect(second["model"]?.output?.summary == first["model"]?.output?.summary, sourceLocation: sourceLocation)
        let digest = { (r: [String: CellResult]) in try self.database.lookup(r["model"]!.key!)?.outputs["net"]?.digest }
        #expect(try digest(first) != nil && digest(first) == digest(second), sourceLocation: sourceLocation)
    }

    /// Removes the memoised entries of calls to `function` (their checkpoints stay); returns how many.
    func forgetMemoisedCalls(of function: String) throws -> Int {
        let keys = try database.entries(limit: 10_000).filter { $0.origin?.function == function }.map(\.key)
        for key in keys { try database.removeEntry(key) }
        return keys.count
    }

    func runner(_ text: String, catalog: Catalog = testCatalog()) throws -> Runner {
        try Runner(notebook: try Notebook.parse(text, path: "nb.md"), catalog: catalog, database: database, display: ProgressDisplay(mode: .quiet), environment: Scratch.environment)
    }

    /// The environment recorded with test runs.
    static let environment = RunEnvironment(gitCommit: nil, gitDirty: nil, swiftVersion: "test", os: "test", cpuModel: "test", blasCore: "test", blasThreads: 1)
}

/// Counts calls of `test.square` across a test.
let squareCalls = Mutex(0)

/// `test.square(x)`: memoised, counts its calls.
struct TestSquare: Binding {
    static let description = BindingDescription("test.square", returns: .number, memoised: true, doc: "x².")
    @Parameter var x: Double
    func call(_ context: any CallContext) throws -> Value {
        squareCalls.withLock { $0 += 1 }
        return .number(x * x)
    }
}

/// `test.fail(x)`: always fails.
struct TestFail: Binding {
    static let description = BindingDescription("test.fail", returns: .number, doc: "Always fails.")
    @Parameter var x: Double
    func call(_ context: any CallContext) throws -> Value { throw LabError(.numerical, "test.fail always fails") }
}

/// The standard catalog plus `test.square(x)` (memoised, counted) and `test.fail(x)`.
func testCatalog() -> Catalog {
    var c = Catalog.standard
    c.register(TestSquare.self)
    c.register(TestFail.self)
    return c
}

@Suite(.serialized) struct RunnerTests {
    let notebook = """
    ---
    seed: 5
    params:
      n: 3
    ---
    ```lab id=a
    x = params.n % 2
    ```

    ```lab id=b
    y = x + 10
    y
    ```
    """

    @Test func secondRunIsAllHitsAndOutputsMatch() throws {
        let s = try Scratch()
        let first = try s.run(notebook)
        #expect(first["a"]?.outcome == .ran && first["b"]?.outcome == .ran)
        #expect(first["b"]?.output?.asDouble == 11)
        let second = try s.run(notebook)
        #expect(second["a"]?.outcome == .hit && second["b"]?.outcome == .hit)
        #expect(second["b"]?.output?.asDouble == 11)
    }

    @Test func cosmeticEditsKeepCellsFresh() throws {
        let s = try Scratch()
        _ = try s.run(notebook)
        let edited = notebook.replacingOccurrences(of: "y = x + 10", with: "# the answer\ny   =   x+10   # spaced").replacingOccurrences(of: "---\n```", with: "---\nSome new prose.\n\n```")
        let again = try s.run(edited)
        #expect(again["a"]?.outcome == .hit && again["b"]?.outcome == .hit)
    }

    @Test func changedParamRecomputesReadersButIdenticalBytesStopTheCascade() throws {
        let s = try Scratch()
        _ = try s.run(notebook)
        var o = RunOptions()
        o.overrides = ["n": "5"]  // 5 % 2 == 3 % 2: `a` re-runs, its value is identical, `b` stays fresh
        let r = try s.run(notebook, options: o)
        #expect(r["a"]?.outcome == .ran)
        #expect(r["b"]?.outcome == .hit)
        o.overrides = ["n": "4"]
        let r2 = try s.run(notebook, options: o)
        #expect(r2["a"]?.outcome == .ran && r2["b"]?.outcome == .ran)
        #expect(r2["b"]?.output?.asDouble == 10)
    }

    @Test func whyAndStatusNameTheChangedComponent() throws {
        let s = try Scratch()
        _ = try s.run(notebook)
        let changed = notebook.replacingOccurrences(of: "y = x + 10", with: "y = x + 11")
        let runner = try s.runner(changed)
        let why = try runner.why("b")
        #expect(why.state == .stale)
        #expect(why.reasons == ["the cell's code changed (not just comments or spacing)"])
        let status = try runner.status(overrides: ["n": "4"])
        #expect(status.first { $0.id == "a" }?.reasons == ["params.n has a different value",
                                                          "(it never ran with these parameters; compared with its last run, #1, which had others)"])
        #expect(status.first { $0.id == "b" }?.reasons == ["upstream cell `a` is not fresh"])
    }

    @Test func failingCellBlocksOnlyItsDependents() throws {
        let s = try Scratch()
        let text = """
        ```lab id=bad
        z = test.fail(1)
        ```

        ```lab id=after
        w = z + 1
        ```

        ```lab id=independent
        v = 2
        ```
        """
        let r = try s.run(text)
        #expect(r["bad"]?.outcome == .failed)
        #expect(r["bad"]?.error?.message == "test.fail always fails")
        #expect(r["bad"]?.error?.location == SourceLocation(file: "nb.md", line: 2, column: 5))
        #expect(r["after"]?.outcome == .blocked)
        #expect(r["independent"]?.outcome == .ran)
        #expect(try s.runner(text).why("bad").state == .failed)
    }

    @Test func memoisedCallsAreSharedAcrossNotebooksForceReusesThemAndRecomputeBypassesThem() throws {
        let s = try Scratch()
        squareCalls.withLock { $0 = 0 }
        _ = try s.run("```lab id=a\nq = test.square(7)\n```\n", path: "one.md")
        _ = try s.run("```lab id=other\nr = test.square(7) + 1\n```\n", path: "two.md")
        #expect(squareCalls.withLock { $0 } == 1)
        var o = RunOptions()
        o.force = ["other"]
        let forced = try s.run("```lab id=other\nr = test.square(7) + 1\nr\n```\n", path: "two.md", options: o)
        #expect(forced["other"]?.outcome == .ran && forced["other"]?.output?.asDouble == 50)
        #expect(squareCalls.withLock { $0 } == 1, "--force re-runs the cell's code but takes its memoised calls from the store")
        o = RunOptions()
        o.recompute = ["other"]
        let r = try s.run("```lab id=other\nr = test.square(7) + 1\nr\n```\n", path: "two.md", options: o)
        #expect(r["other"]?.output?.asDouble == 50)
        #expect(squareCalls.withLock { $0 } == 2, "--recompute recomputes the memoised calls too")
        o = RunOptions()
        o.recompute = ["nope"]
        #expect(throws: LabError.self) { try s.run("```lab id=other\nr = 1\n```\n", path: "two.md", options: o) }
    }

    @Test func cellSelectionAndDryRun() throws {
        let s = try Scratch()
        var o = RunOptions()
        o.dryRun = true
        let dry = try s.run(notebook, options: o)
        #expect(dry["a"]?.outcome == .stale && dry["b"]?.outcome == .stale)
        o = RunOptions()
        o.only = "a"
        let only = try s.run(notebook, options: o)
        #expect(only["a"]?.outcome == .ran && only["b"]?.outcome == .skipped)
        o = RunOptions()
        o.only = "nope"
        #expect(throws: LabError.self) { try s.run(notebook, options: o) }
        o = RunOptions()
        o.overrides = ["m": "1"]
        #expect(throws: Diagnostics.self) { try s.run(notebook, options: o) }
    }

    @Test func quickstartShapedNotebookComputesRatios() throws {
        let s = try Scratch()
        let text = """
        ```lab id=data
        data = laenet.dataset("gs2_gu4_au2", count: 12, jointly_feasible: true)
        exact = laenet.solve(data, method: "exact")
        ratios = laenet.evaluate(data, [laenet.solve(data, method: "local"), exact], reference: exact)
        summary = table.mean_std(ratios, by: ["method"], values: ["ratio"])
        summary
        ```
        """
        let r = try s.run(text)
        guard case .table(let t)? = r["data"]?.output else {
            Issue.record("expected a table, got \(String(describing: r["data"]?.output))")
            return
        }
        #expect(try t.texts("method") == ["local", "exact"])
        let means = try t.numbers("ratio_mean")
        #expect(means[0] >= 1 && means[1] == 1)
    }
}

@Suite struct AIGCBindingTests {
    @Test func dropAndSolveFromACell() throws {
        let s = try Scratch()
        let r = try s.run("""
        ```lab id=a
        d = aigc.drop(1, s_tot: 200)
        [aigc.solve(d).objective <= aigc.solve(d, method: "all-local").objective, d.users, aigc.solve(d, method: "exhaustive").method]
        ```
        """)
        #expect(r["a"]?.output?.summary == "[true, 8, \"exhaustive\"]")
        let bad = try s.run("```lab id=b\nx = aigc.solve(aigc.drop(1), method: \"gre\" + \"edy\")\n```\n")
        #expect(bad["b"]?.outcome == .failed)
        #expect(bad["b"]?.error?.message.hasPrefix("argument `method` of `aigc.solve` must be one of proposed,") == true, "\(String(describing: bad["b"]?.error))")
        #expect(bad["b"]?.error?.location?.description == "nb.md:2:38")
    }
}

@Suite struct DiffusionBindingTests {
    @Test func trainSolveEvaluateAndPlotTheCurve() throws {
        let s = try Scratch()
        let r = try s.run("""
        ```lab id=data
        train = laenet.dataset("gs2_gu4_au2", count: 16, seed: 1, jointly_feasible: true)
        valid = laenet.dataset("gs2_gu4_au2", count: 4, seed: 2, jointly_feasible: true)
        train_exact = laenet.solve(train, method: "exact")
        valid_exact = laenet.solve(valid, method: "exact")
        ```

        ```lab id=model
        net = gadsg.train(train, labels: train_exact, validation: valid, validation_labels: valid_exact,
                            hidden: 16, layers: 2, heads: 2, epochs: 2, batch_size: 8, samples: 2)
        ```

        ```lab id=use
        solved = diffusion.solve(net, valid, samples: 2)
        ratios = laenet.evaluate(valid, [solved], reference: valid_exact)
        curve = plot.series([net.loss, net.validation_cost_ratio], title: "Training")
        [net.kind, solved.method, ratios.ratio]
        ```
        """)
        #expect(r["model"]?.outcome == .ran, "\(String(describing: r["model"]?.error))")
        #expect(r["use"]?.outcome == .ran, "\(String(describing: r["use"]?.error))")
        guard case .list(let items)? = r["use"]?.output, items.count == 3, case .list(let ratios) = items[2] else {
            Issue.record("unexpected output \(String(describing: r["use"]?.output))")
            return
        }
        #expect(items[0].summary == "\"gadsg\"" && items[1].summary == "\"gadsg\"")
        #expect(ratios.count == 4 && ratios.allSatisfy { ($0.asDouble ?? 0) >= 1 })
        // Memoised: a second run takes the model from the store.
        let again = try s.run("```lab id=m2\nx = gadsg.train(laenet.dataset(\"gs2_gu4_au2\", count: 16, seed: 1, jointly_feasible: true), labels: laenet.solve(laenet.dataset(\"gs2_gu4_au2\", count: 16, seed: 1, jointly_feasible: true), method: \"exact\"), validation: laenet.dataset(\"gs2_gu4_au2\", count: 4, seed: 2, jointly_feasible: true), validation_labels: laenet.solve(laenet.dataset(\"gs2_gu4_au2\", count: 4, seed: 2, jointly_feasible: true), method: \"exact\"), hidden: 16, layers: 2, heads: 2, epochs: 2, batch_size: 8, samples: 2)\nx.loss\n```\n")
        guard case .series(let loss)? = again["m2"]?.output else {
            Issue.record("expected the loss series, got \(String(describing: again["m2"]?.output))")
            return
        }
        #expect(loss.steps == [1, 2, 3, 4])
    }
}

/// A forced re-run of a finished training resumes from its last checkpoint; the model value it
/// returns must be the same bytes as the first run's, header (curves, final validation ratio)
/// included, or everything downstream of it recomputes.
@Suite struct TrainingResumeValueTests {
    @Test(arguments: ["gadsg", "dignn", "grlo"])
    func forcedRerunOfFinishedTrainingGivesTheSameModelValue(kind: String) throws {
        let s = try Scratch()
        let labels = kind == "grlo" ? "" : "labels: laenet.solve(train, method: \"exact\"), "
        let notebook = """
        ```lab id=data
        train = laenet.dataset("gs2_gu4_au2", count: 12, seed: 1, jointly_feasible: true)
        valid = laenet.dataset("gs2_gu4_au2", count: 4, seed: 2, jointly_feasible: true)
        valid_exact = laenet.solve(valid, method: "exact")
        ```

        ```lab id=model
        net = \(kind).train(train, \(labels)validation: valid, validation_labels: valid_exact, hidden: 16, layers: 2, heads: 2, epochs: 2, batch_size: 6)
        [net.digest, net.validation_cost_ratio_final]
        ```
        """
        try s.expectForcedRerunResumes(notebook, function: "\(kind).train")
    }
}

@Suite struct ListAndTableHelperTests {
    @Test func pairPerScaleResultsAndLabelThem() throws {
        let s = try Scratch()
        let r = try s.run("""
        ```lab id=a
        scales = ["gs2_gu4_au2", "gs2_gu5_au3"]
        data = [laenet.dataset(sc, count: 4, seed: 1, jointly_feasible: true) for sc in scales]
        exact = [laenet.solve(d, method: "exact") for d in data]
        local = [laenet.solve(d, method: "local") for d in data]
        rows = [table.with(laenet.evaluate(data[i], [local[i]], reference: exact[i]), column: "scale", value: scales[i]) for i in list.range(list.len(scales))]
        all = table.concat(rows)
        [list.zip([1, 2], ["a", "b"]), all.scale]
        ```
        """)
        #expect(r["a"]?.outcome == .ran, "\(String(describing: r["a"]?.error))")
        #expect(r["a"]?.output?.summary == "[[[1, \"a\"], [2, \"b\"]], [\"gs2_gu4_au2\", \"gs2_gu4_au2\", \"gs2_gu4_au2\", \"gs2_gu4_au2\", \"gs2_gu5_au3\", \"gs2_gu5_au3\", \"gs2_gu5_au3\", \"gs2_gu5_au3\"]]")
        let bad = try s.run("```lab id=b\nz = list.zip([1], [1, 2])\n```\n")
        #expect(bad["b"]?.outcome == .failed)
        let clash = try s.run("```lab id=c\nt = table.with(table.from_records([{x: 1}]), column: \"x\", value: 2)\n```\n")
        #expect(clash["c"]?.error?.message.contains("appears twice") == true)
    }
}
