import Foundation
import LabCore
import MultiMEC
import Notebook
import Testing
@testable import Catalog

/// `multimec.*`: arguments are checked at their place, the environment values round-trip, and
/// the tables hold exactly the library's `MECEvaluation` numbers.
@Suite struct MultiMECBindingTests {
    static let env = "e = multimec.environment(bandwidth_mhz: 6, edge_ghz: 5, mean_task_kb: 500, ues: 4)\n"

    func table(_ value: Value?) throws -> Table {
        guard case .table(let t)? = value else { throw LabError(.failure, "not a table: \(String(describing: value))") }
        return t
    }

    func run(_ body: String) throws -> CellResult {
        let s = try Scratch()
        return try #require(try s.run("```lab id=c\n\(body)\n```\n")["c"])
    }

    @Test(arguments: [
        ("multimec.environment(bandwidth_mhz: 0, edge_ghz: 5, mean_task_kb: 500)", "bandwidth_mhz"),
        ("multimec.environment(bandwidth_mhz: 6, edge_ghz: 2000, mean_task_kb: 500)", "edge_ghz"),
        ("multimec.environment(bandwidth_mhz: 6, edge_ghz: 5, mean_task_kb: 500, ues: 0)", "ues"),
        ("multimec.evaluate(\"all-local\", environments: [e], episodes: 0)", "episodes"),
        ("multimec.evaluate(\"all-local\", environments: [e], k: -1)", "k"),
        ("multimec.heuristics([e], k_values: [1, 2000])", "k_values"),
    ])
    func literalOutOfRangeIsALintError(call: String, parameter: String) throws {
        let nb = try Notebook.parse("```lab id=c\n\(Self.env)x = \(call)\n```\n", path: "nb.md")
        #expect(throws: (any Error).self) { try Analysis(nb, catalog: Catalog.standard).validate() }
        do { try Analysis(nb, catalog: Catalog.standard).validate() } catch {
            let place = ArgumentCheckTests.place(of: parameter, in: call, line: 3, prefix: "x = ")
            #expect("\(error)".contains(place + ": error: argument `\(parameter)`"), "\(error)")
        }
    }

    @Test func unknownHeuristicIsALintErrorWithSuggestion() throws {
        let call = "multimec.evaluate(\"all-locl\", environments: [e])"
        let nb = try Notebook.parse("```lab id=c\n\(Self.env)x = \(call)\n```\n", path: "nb.md")
        do {
            try Analysis(nb, catalog: Catalog.standard).validate()
            Issue.record("lint passed \(call)")
        } catch {
            #expect("\(error)".contains(ArgumentCheckTests.place(of: "policy", in: call, line: 3, prefix: "x = ") + ": error: argument `policy`") && "\(error)".contains("did you mean `all-local`?"), "\(error)")
        }
    }

    /// Computed arguments are checked when the call runs: exit 2 at the argument.
    @Test(arguments: [
        ("multimec.environment(bandwidth_mhz: 0 - 6, edge_ghz: 5, mean_task_kb: 500)", "bandwidth_mhz"),
        ("multimec.evaluate(\"all-local\", environments: [e], episodes: 10 ** 9)", "episodes"),
        ("multimec.evaluate(1 + 1, environments: [e])", "policy"),
        ("multimec.heuristics([e], k_values: [1, 1])", "k_values"),
        ("multimec.heuristics([e], k_values: [])", "k_values"),
        ("multimec.environments(\"train\" + \"s\")", "set"),
    ])
    func computedOutOfRangeFailsAtTheArgument(call: String, parameter: String) throws {
        let r = try run(Self.env + "x = \(call)")
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        #expect(error.location?.description == ArgumentCheckTests.place(of: parameter, in: call, line: 3, prefix: "x = "), "\(error)")
    }

    @Test func environmentValueRoundTripsAndShowsMembers() throws {
        let e = try MECEnvironmentValue(MECEnvironment(bandwidthMHz: 8.1, edgeGHz: 4.1, meanTaskKb: 800.1, users: 10))
        #expect(try MECEnvironmentValue.decode(e.encoded()) == e)
        #expect(e.member("label")?.summary == Value.string("(8.1,4.1,800.1)×10").summary)
        #expect(e.member("regime")?.summary == Value.string("interpolation").summary)
        #expect(e.member("ues")?.summary == Value.int(10).summary)
        #expect(throws: LabError.self) { try MECEnvironmentValue.decode(Array(#"{"bandwidth_mhz": 0, "edge_ghz": 1, "mean_task_kb": 1, "ues": 1}"#.utf8)) }
        for h in MECHeuristic.allCases {
            let v = MECHeuristicValue(h, k: 3)
            #expect(try MECHeuristicValue.decode(v.encoded()) == v)
        }
        #expect(throws: LabError.self) { try MECHeuristicValue.decode(Array("top-k".utf8)) }
    }

    @Test func environmentSetsAndTable1() throws {
        let r = try run("t = multimec.environment_table()\nn = list.len(multimec.environments(\"unseen\", ues: 10))\nt")
        let t = try table(r.output)
        #expect(t.rowCount == 8 + 5 + 4)
        let regimes = try t.column("regime").data
        #expect(regimes.cellText(0) == "training" && regimes.cellText(13) == "interpolation" && regimes.cellText(16) == "extrapolation")
        #expect(MECEnvironmentSet.regime(of: try MECEnvironment.parse("6,8,400")) == "interpolation")
        #expect(MECEnvironmentSet.regime(of: try MECEnvironment.parse("2,11,90")) == "extrapolation")
    }

    /// The table's numbers are the library's, bit for bit, for a heuristic name and for a policy value.
    @Test func evaluateEqualsTheLibrary() throws {
        let r = try run(Self.env + "a = multimec.evaluate(\"random-50/50\", environments: [e], episodes: 3, seed: 9)\n"
                        + "b = multimec.evaluate(multimec.heuristic(\"top-k\", k: 2), environments: [e, e], episodes: 3, seed: 9, terminate_on_violation: true)\n"
                        + "table.concat([a, b])")
        let t = try table(r.output)
        let env = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 4)
        let half = MECEvaluation.run(MECRandomHalf(random: RandomSource(seed: 9, stream: "multimec.policy")), on: env, episodes: 3, evaluationSeed: 9)
        let top = MECEvaluation.run(MECLargestTasks(count: 2), on: env, episodes: 3, evaluationSeed: 9, terminateOnViolation: true)
        for (row, e) in [half, top, top].enumerated() {
            #expect(try t.column("policy").data.cellText(row) == e.policy)
            #expect(try t.numbers("cost")[row] == e.meanCost)
            #expect(try t.numbers("episode_success")[row] == e.completionFraction)
            #expect(try t.numbers("task_success")[row] == 1 - e.meanViolations / (e.meanSteps * 4))
            #expect(try t.numbers("return")[row] == e.meanReturn)
            #expect(try t.numbers("violations")[row] == e.meanViolations)
            #expect(try t.numbers("violating_steps")[row] == e.meanViolatingSteps)
            #expect(try t.numbers("steps")[row] == e.meanSteps)
        }
    }

    /// One row per k; the tuned row is the library's choice on the tuning episodes, and every row's
    /// numbers are the library's on the evaluation episodes.
    @Test func heuristicsTuneKOnSeparateEpisodes() throws {
        let r = try run(Self.env + "multimec.heuristics([e], episodes: 4, seed: 3, k_values: [0, 1, 2, 4])")
        let t = try table(r.output)
        let env = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 4)
        let tuning = MECLargestTasks.tune(on: env, candidates: [0, 1, 2, 4], episodes: 4, evaluationSeed: MECLargestTasks.tuningSeed(3))
        #expect(try t.numbers("k") == [0, 1, 2, 4])
        #expect(try t.numbers("tuned") == [0, 1, 2, 4].map { $0 == tuning.k ? 1 : 0 })
        #expect(try t.numbers("tuning_cost") == tuning.candidates.map(\.meanCost))
        for (row, k) in [0, 1, 2, 4].enumerated() {
            let e = MECEvaluation.run(MECLargestTasks(count: k), on: env, episodes: 4, evaluationSeed: 3)
            #expect(try t.numbers("cost")[row] == e.meanCost)
            #expect(try t.numbers("episode_success")[row] == e.completionFraction)
        }
    }

    /// The choice rule: success first, then cost, then the smaller k.
    @Test func tuningPrefersSuccessThenCost() throws {
        // (6,5,500) with 20 UEs: all-local (k = 0) and top-5 always complete, top-5 is cheaper;
        // k = 20 (all offload on cyclic channels) always fails at step 1.
        let env = try MECEnvironment.parse("6,5,500")
        let t = MECLargestTasks.tune(on: env, candidates: [20, 0, 5], episodes: 5, evaluationSeed: 1)
        #expect(t.candidates[0].completionFraction == 0 && t.candidates[2].completionFraction == 1)
        #expect(t.k == 5)
        #expect(MECLargestTasks.tune(on: env, candidates: [], episodes: 1, evaluationSeed: 1).k == 0)
        #expect(MECLargestTasks.tune(on: env, candidates: [3, 3], episodes: 2, evaluationSeed: 1).k == 3)
    }
}
