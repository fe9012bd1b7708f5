import Foundation
import LabCore
import Notebook
import Store
import Synchronization
import Testing
@testable import Catalog

/// Steps run by `test.steps` across a test (resumed steps are not run again).
let stepsRun = Mutex(0)

/// `test.steps(n)`: memoised; runs `n` steps, checkpointing after each, resuming from the latest
/// checkpoint; returns how many steps this call ran.
struct TestSteps: Binding {
    static let description = BindingDescription("test.steps", returns: .int, memoised: true, doc: "Counts steps with checkpoints.")
    @Parameter var n: Int
    func call(_ context: any CallContext) throws -> Value {
        let start = try context.latestCheckpoint()?.step ?? 0
        for step in start..<n {
            stepsRun.withLock { $0 += 1 }
            try context.saveCheckpoint(step: step + 1, state: [UInt8(truncatingIfNeeded: step)])
        }
        return .int(n - start)
    }
}

@Suite(.serialized) struct RunHistoryTests {
    let notebook = """
    ---
    seed: 5
    params:
      n: 3
      label: "a"
    ---
    ```lab id=a
    x = params.n % 2
    ```

    ```lab id=b
    y = x + 10
    t = table.from_records([{k: "p", v: y}, {k: "q", v: 2}])
    y
    ```
    """

    /// Before the fix, `lab why` compared with the newest execution of the cell, whatever its
    /// parameters: after a run with n=4, an edit of `b` was reported as a changed input `x` too.
    @Test func whyComparesWithTheLastRunOfTheSameParameters() throws {
        let s = try Scratch()
        _ = try s.run(notebook)
        var o = RunOptions()
        o.overrides = ["n": "4"]
        _ = try s.run(notebook, options: o)
        let changed = notebook.replacingOccurrences(of: "y = x + 10", with: "y = x + 11")
        let runner = try s.runner(changed)
        #expect(try runner.why("b").reasons == ["the cell's code changed (not just comments or spacing)"])
        #expect(try runner.why("b", overrides: ["n": "4"]).reasons == ["the cell's code changed (not just comments or spacing)"])
        // Never run with n=7: compared with its latest run, and said so.
        let other = try runner.why("a", overrides: ["n": "7"])
        #expect(other.state == .stale)
        #expect(other.reasons.first == "params.n has a different value")
        #expect(other.reasons.last?.contains("never ran with these parameters") == true)
    }

    @Test func runsRecordTheirParametersAndWhichDifferFromTheDefaults() throws {
        let nb = try Notebook.parse(notebook, path: "nb.md")
        let defaults = nb.runParameters(try nb.parameterValues(overrides: [:]))
        #expect(defaults.changed.isEmpty && defaults.changedSummary == "defaults")
        #expect(defaults.entries.map(\.value) == ["\"a\"", "3"])
        let four = nb.runParameters(try nb.parameterValues(overrides: ["n": "4", "label": "a"]))
        #expect(four.changedSummary == "n=4")
        #expect(four.digest != defaults.digest)
        #expect(nb.runParameters(try nb.parameterValues(overrides: ["label": "\"a\""])).digest == defaults.digest)
        // A run recorded before stores kept parameters: rebuilt from its command line.
        let legacy = RunRecord(id: 1, notebookPath: "nb.md", notebookDigest: "", startedAt: 0, finishedAt: 1, status: .ok,
                               argv: ["lab", "run", "nb.md", "--param", "n=4", "--param=label=a"], environment: Scratch.environment, parameters: nil)
        #expect(nb.parameters(of: legacy)?.digest == four.digest)

        let s = try Scratch()
        var o = RunOptions()
        o.overrides = ["n": "4"]
        _ = try s.run(notebook, options: o)
        #expect(try s.database.recentRuns(limit: 1).first?.parameters == four)
    }

    @Test func diffShowsChangedParametersThenNumbersAndTablesSideBySide() throws {
        let s = try Scratch()
        _ = try s.run(notebook)
        var o = RunOptions()
        o.overrides = ["n": "4"]
        _ = try s.run(notebook, options: o)
        let runs = try s.database.recentRuns(limit: 2).map(\.id)
        let c = try RunComparison.compare(runs[1], runs[0], in: s.database, libraryTypes: testCatalog().libraryTypes)
        #expect(c.parameters == [RunComparison.ParameterChange(name: "n", a: "3", b: "4")])
        #expect(c.outputs.map(\.name) == ["x", "b (output)", "t", "y"])
        guard case .numbers(let ya, let yb) = c.outputs[3].detail else { Issue.record("y is not compared as numbers"); return }
        #expect(ya == 11 && yb == 10)
        guard case .tables(let t) = c.outputs[2].detail else { Issue.record("t is not compared as a table"); return }
        #expect(t.columnNames == ["k", "v A", "v B", "Δ v"])
        #expect(try t.numbers("Δ v") == [-1, 0])
        let text = c.rendered()
        #expect(text.contains("  n  3 → 4"))
        #expect(text.contains("  y  11 → 10  (Δ -1)"), "\(text)")
        // The same run twice: nothing differs.
        let same = try RunComparison.compare(runs[0], runs[0], in: s.database, libraryTypes: [:])
        #expect(same.parameters == [] && same.outputs.isEmpty && same.identical == 4)
        #expect(throws: LabError.self) { try RunComparison.compare(runs[0], 999, in: s.database, libraryTypes: [:]) }
    }

    @Test func recomputeDiscardsTheCheckpointsOfTheCallsItRedoes() throws {
        let s = try Scratch()
        var catalog = testCatalog()
        catalog.register(TestSteps.self)
        let text = "```lab id=train\nk = test.steps(4)\nk\n```\n"
        stepsRun.withLock { $0 = 0 }
        #expect(try s.run(text, catalog: catalog)["train"]?.output?.asDouble == 4)
        let key = try #require(try s.database.checkpointSummaries().first?.key)
        #expect(try s.database.checkpointSteps(key: key) == [4], "a finished training keeps only its final checkpoint")
        var o = RunOptions()
        o.force = ["train"]
        #expect(try s.run(text, catalog: catalog, options: o)["train"]?.output?.asDouble == 4)
        #expect(stepsRun.withLock { $0 } == 4, "--force takes the memoised training from the store")
        o = RunOptions()
        o.recompute = ["train"]
        let fresh = try s.run(text, catalog: catalog, options: o)["train"]
        #expect(fresh?.outcome == .ran && fresh?.output?.asDouble == 4, "a recomputed training starts at step 0, not from its checkpoint")
        #expect(stepsRun.withLock { $0 } == 8)
        let origin = try s.database.entries(limit: 10).compactMap(\.origin).first
        #expect(origin == CallOrigin(function: "test.steps", arguments: [.init(name: "n", value: "4")], notebook: "nb.md", cell: "train"))
    }
}
