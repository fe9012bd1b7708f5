import Foundation
import Synchronization
import LabCore
import Learning
import Notebook
import Store
import Testing
import Vehicular
@testable import Catalog

/// `mad2rl.train`, `pqmix.train`, `vehicular.evaluate`, `vehicular.partition_histogram`,
/// `vehicular.decision_time` and `mad2rl.claims`: the bindings against the library, resuming,
/// argument checks at their place, and the claim checks as computations.
@Suite struct VehicularLearnerBindingTests {
    /// Four vehicles, four slots.
    var scenario: VehicularScenario {
        var s = VehicularScenario()
        s.vehicles = 4
        s.slots = 4
        return s
    }

    /// Tiny training arguments: 3 episodes, updates from slot 8, a checkpoint every episode.
    var tiny: [String: Value] {
        ["scenario": .library(VehicularScenarioValue(scenario)), "episodes": .int(3), "seed": .int(11), "warmup": .int(8), "batch_size": .int(4),
         "replay": .int(32), "hidden": .int(8), "mixer": .int(4), "evaluate_every": .int(2), "evaluation_episodes": .int(1), "checkpoint_every": .int(1)]
    }

    /// The configuration `tiny` describes.
    var tinyConfiguration: MARLConfiguration {
        var c = MARLConfiguration()
        (c.episodes, c.seed, c.warmupSlots, c.batchSize, c.replayCapacity) = (3, 11, 8, 4, 32)
        (c.hidden, c.mixerEmbedding, c.evaluateEveryEpisodes, c.evaluationEpisodes, c.checkpointEveryEpisodes) = (8, 4, 2, 1, 1)
        return c
    }

    /// Calls a function on a fresh context (metrics of one call only).
    func call(_ name: String, _ given: [String: Value]) throws -> Value {
        let function = Catalog.standard.functions[name]!
        let args = CallSeed.filling(function.signature.parameters.compactMap { p in given[p.name].map { (p.name, $0) } }, of: function.signature, seed: 7)
        return try function.binding.bind(args, log: nil).call(MemoryCallContext())
    }

    func model(_ value: Value) throws -> VehicularModelValue {
        guard case .library(let l) = value, let m = l as? VehicularModelValue else { throw LabError(.invalidInput, "not a model: \(value)") }
        return m
    }

    /// The binding trains exactly what the trainer trains: the same policy bytes and curves.
    @Test(arguments: ["mad2rl", "pqmix"])
    func trainingEqualsTheTrainerDirectly(kind: String) throws {
        var args = tiny, c = tinyConfiguration
        if kind == "mad2rl" { args["steps"] = .int(2); c.denoisingSteps = 2 } else { args["epsilon_decay"] = .int(10); c.epsilonDecaySlots = 10 }
        let value = try model(try call("\(kind).train", args))
        let sink = MemorySink()
        let direct: VehicularLearnedPolicy
        if kind == "mad2rl" {
            var t = try MAD2RLTrainer(scenario: scenario, configuration: c)
            try t.loop.run(&t, sink: sink)
            direct = try t.policy()
        } else {
            var t = try PQMIXTrainer(scenario: scenario, configuration: c)
            try t.loop.run(&t, sink: sink)
            direct = try t.policy()
        }
        #expect(value.policy.encoded() == direct.encoded())
        #expect(value.header.curves["episode_return"] == sink.metrics["episode_return"]?.map(\.value))
        #expect(value.header.curveSteps["eval_return"] == [8, 12], "evaluations after episodes 2 and 3 (the last)")
        #expect(value.member("final_eval_return")?.asDouble == sink.metrics["eval_return"]?.last?.value)
        #expect(value.header.name == (kind == "mad2rl" ? "mad2rl-k2" : "pqmix"))
        #expect(try VehicularModelValue.decode(value.encoded()).encoded() == value.encoded())
    }

    /// `vehicular.evaluate` is `simulate(policy:)`; the sweep's policy rows are the same runs,
    /// and the histogram counts the run's partitions per model.
    @Test func evaluationSweepAndHistogramMatchTheLibrary() throws {
        let m = try model(try call("mad2rl.train", tiny.merging(["steps": .int(2)]) { a, _ in a }))
        let s = Value.library(VehicularScenarioValue(scenario))
        let record = try call("vehicular.evaluate", ["scenario": s, "policy": .library(m), "episodes": .int(2), "seed": .int(3), "tail": .int(2)])
        let run = try scenario.simulate(policy: m.policy, episodes: 2, seed: 3)
        #expect(record.member("mean_completion")?.asDouble == run.meanCompletion)
        #expect(record.member("mean_queue")?.asDouble == run.meanQueue)
        #expect(record.member("method")?.summary == "\"mad2rl-k2\"")
        let sweep = try call("vehicular.sweep", ["scenario": s, "setting": .string("rsu_gflops"), "values": .list([.int(200)]), "methods": .list([.string("local")]),
                                                 "policies": .list([.library(m)]), "episodes": .int(2), "seed": .int(3), "tail": .int(2)])
        guard case .table(let t)? = sweep.member("summary") else { Issue.record("\(sweep)"); return }
        #expect(try t.texts("method") == ["local", "mad2rl-k2"])
        #expect(try t.numberColumn("mean_completion")[1] == run.meanCompletion)
        guard case .table(let h) = try call("vehicular.partition_histogram", ["scenario": s, "policy": .library(m), "episodes": .int(2), "seed": .int(3)]) else { Issue.record("not a table"); return }
        var expected: [String: [Int]] = [:]
        for (e, slots) in run.partitions.enumerated() {
            let fleet = try scenario.trace(seed: VehicularScenario.episodeSeed(3, episode: e)).vehicles
            for p in slots { for (v, i) in zip(fleet, p) { expected[v.model.rawValue, default: Array(repeating: 0, count: v.model.candidates.count)][i] += 1 } }
        }
        let models = try h.texts("model"), counts = try h.numberColumn("count")
        for name in Set(models) {
            let got = zip(models, counts).filter { $0.0 == name }.map { Int($0.1) }
            #expect(got == (expected[name] ?? Array(repeating: 0, count: got.count)), "\(name)")
        }
        #expect(Int(counts.reduce(0, +)) == 2 * 4 * 4)
    }

    /// A forced re-run of a finished training resumes from its last checkpoint and returns the
    /// same model value (as the GADSG trainers'), so nothing downstream recomputes.
    @Test(arguments: ["mad2rl", "pqmix"])
    func forcedRerunResumesToTheSameModel(kind: String) throws {
        let s = try Scratch()
        let notebook = """
        ```lab id=model
        net = \(kind).train(vehicular.scenario(vehicles: 3, slots: 4), episodes: 3, seed: 2, warmup: 8, batch_size: 4, replay: 32, hidden: 8, mixer: 4, evaluate_every: 1, evaluation_episodes: 1, checkpoint_every: 2)
        [net.digest, net.final_eval_return]
        ```
        """
        try s.expectForcedRerunResumes(notebook, function: "\(kind).train")
    }

    /// Values known only when the call runs fail at the argument's place, with exit code 2.
    @Test(arguments: [
        ("mad2rl.train(vehicular.scenario(vehicles: 3, slots: 4), episodes: 1, batch_size: 8, warmup: 2 * 2)", "warmup"),
        ("pqmix.train(vehicular.scenario(vehicles: 3, slots: 4, v2v: 1 == 1), episodes: 1)", "vehicular.scenario(vehicles: 3"),
        ("mad2rl.train(vehicular.scenario(vehicles: 8 * 8 + 1, slots: 2), episodes: 1)", "vehicular.scenario(vehicles: 8"),
        ("vehicular.evaluate(vehicular.scenario(vehicles: 4, slots: 4), policy: mad2rl.train(vehicular.scenario(vehicles: 3, slots: 4), episodes: 1, warmup: 4, batch_size: 4, hidden: 4, mixer: 2, steps: 1), tail: 2)", "policy"),
        ("vehicular.sweep(vehicular.scenario(vehicles: 3, slots: 4), \"vehicles\", [3, 4], methods: [], policies: [pqmix.train(vehicular.scenario(vehicles: 3, slots: 4), episodes: 1, warmup: 4, batch_size: 4, hidden: 4, mixer: 2)], tail: 2)", "policies"),
        ("mad2rl.claims(comparison: table.from_records([{method: \"x\"}]), sweeps: t, stability: t, convergence: t, tradeoff: t, decision: t)", "comparison"),
    ])
    func computedOutOfRangeFailsAtTheArgument(call: String, argument: String) throws {
        let s = try Scratch()
        let prefix = "t = table.from_records([{x: 1}])\n"
        let r = try #require(try s.run("```lab id=c\n\(prefix)x = \(call)\n```\n")["c"])
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        let text = "x = " + call
        let start = try #require(text.range(of: "\(argument): ")?.upperBound ?? text.range(of: argument)?.lowerBound)
        #expect(error.location?.description == "nb.md:3:\(text.distance(from: text.startIndex, to: start) + 1)", "\(error)")
    }
}

/// The claim checks are computations with criteria fixed by the claims' wording.
@Suite struct MAD2RLClaimsTests {
    let claims = MAD2RLClaims()

    @Test func slopeAndDriftAreLeastSquares() {
        #expect(MAD2RLClaims.slope([1, 3, 5, 7]) == 2)
        #expect(MAD2RLClaims.slope([4, 4, 4]) == 0)
        // A queue rising 0.1 task per slot over 100 slots drifts 10 tasks per episode; a flat one 0.
        let rising = (0..<100).map { 0.1 * Double($0) }
        #expect(abs(MAD2RLClaims.drift(rising) - 10) < 1e-9)
        #expect(!claims.queueTrend("mad2rl", queue: rising, expectBounded: true).holds)
        #expect(claims.queueTrend("local", queue: rising, expectBounded: false).holds)
        // Only the second half counts: an early rise that levels off is bounded.
        let levelled = (0..<100).map { min(Double($0), 5) }
        #expect(MAD2RLClaims.drift(levelled) == 0)
        #expect(claims.queueTrend("mad2rl", queue: levelled, expectBounded: true).holds)
        // The boundary: exactly one task per episode is still bounded.
        #expect(claims.queueTrend("mad2rl", queue: (0..<10).map { Double($0) / 10 }, expectBounded: true).holds)
    }

    @Test func comparisonsAreStrictAndBoundariesInclusive() throws {
        let t: [String: Double] = ["mad2rl": 0.3, "pqmix": 0.3, "greedy": 0.4, "ga": 0.3 / 1.05]
        #expect(claims.lowerThan(["pqmix", "greedy", "local"], completion: t, at: "").map(\.holds) == [false, true], "ties do not hold; absent methods are skipped")
        #expect(try #require(claims.withinFivePercent(of: "ga", completion: t)).holds)
        #expect(try !#require(claims.withinFivePercent(of: "ga", completion: ["mad2rl": 0.3001, "ga": 0.3 / 1.05])).holds)
        #expect(try #require(claims.hundredTimesFaster(than: "ga", milliseconds: ["mad2rl": 0.1, "ga": 10])).holds)
        #expect(try !#require(claims.hundredTimesFaster(than: "ga", milliseconds: ["mad2rl": 0.11, "ga": 10])).holds)
    }

    @Test func mostSweepPointsIsMoreThanHalf() {
        func rows(_ wins: [Bool]) -> [(point: String, method: String, completion: Double)] {
            wins.enumerated().flatMap { i, w in [("p\(i)", "mad2rl", w ? 0.2 : 0.5), ("p\(i)", "greedy", 0.4)] }
        }
        #expect(claims.lowestAtMostPoints(["greedy"], rows: rows([true, true, false])).holds)
        let half = claims.lowestAtMostPoints(["greedy"], rows: rows([true, false]))
        #expect(!half.holds && half.evidence == "1 of 2 points; not at p1")
    }

    @Test func convergenceAndTradeoff() throws {
        #expect(try #require(claims.convergesFasterOrHigher(mine: [-5, -1, -2], rival: [-6, -2, -1])).holds, "higher mean (faster) suffices")
        #expect(try #require(claims.convergesFasterOrHigher(mine: [-9, -9, -1], rival: [-2, -2, -2])).holds, "higher final suffices")
        #expect(try !#require(claims.convergesFasterOrHigher(mine: [-3, -3], rival: [-2, -2])).holds)
        let checks = claims.lyapunovTradeoff([(v: 50, completion: 0.25, queue: 1.0), (v: 1, completion: 0.4, queue: 1.3), (v: 10, completion: 0.3, queue: 1.1)])
        #expect(checks.map(\.holds) == [true, false], "T̄ falls, Q̄ falls too: the second half does not hold")
    }

    /// The decision timer reads the injected clock around the decisions and divides by the slots.
    @Test func decisionTimeUsesTheInjectedClock() throws {
        let ticks = Mutex<UInt64>(0)
        let timer = DecisionTimer { ticks.withLock { $0 += 3_000_000; return $0 } }
        #expect(timer.millisecondsPerSlot(slots: 4) {} == 0.75)
        var s = VehicularScenario()
        s.vehicles = 3
        s.slots = 5
        let table = try VehicularDecisionTimeBinding.table(s, methods: [.local, .greedy], policies: [], seed: 1, timer: timer)
        #expect(try table.texts("method") == ["local", "greedy"])
        #expect(try table.numberColumn("wall_ms_per_slot") == [0.6, 0.6])
    }
}

/// A MAD2RL training killed with SIGKILL through `lab run` resumes from its last checkpoint and
/// ends with the same policy and curves as an uninterrupted run (as the GADSG training's test).
@Suite(.serialized) struct VehicularTrainingKillTests {
    @Test func killedMAD2RLTrainingResumesToIdenticalModel() throws {
        let s = try Scratch()
        let text = """
        ```lab id=train
        net = mad2rl.train(vehicular.scenario(vehicles: 4, slots: 10), episodes: 40, seed: 3, steps: 3, warmup: 16, batch_size: 8, replay: 400,
                           hidden: 16, mixer: 8, evaluate_every: 5, evaluation_episodes: 1, checkpoint_every: 1)
        [net.digest, list.len(table.from_series(net.episode_return).step), net.final_eval_return]
        ```
        """
        try expectKilledRunResumesIdentically(text, in: s, contains: ", 40, ")

        // `lab vehicular solve --policy KEY:net` decides a trace with the stored model.
        let db = try StoreDatabase(path: s.url.appendingPathComponent("clean.sqlite").path, options: StoreOptions(readOnly: true))
        let key = try #require(try db.cacheKeys(prefix: "", limit: 10).first { try db.lookup($0)?.outputs["net"] != nil })
        #expect(try lab(["vehicular", "generate", "--vehicles", "4", "--slots", "6", "--seed", "2", "--out", "t.json"], in: s.url).status == 0)
        let solved = try lab(["vehicular", "solve", "t.json", "--policy", "\(key.prefix(12)):net", "--store", "clean.sqlite", "--json"], in: s.url)
        #expect(solved.status == 0, "\(solved.err)")
        #expect(solved.out.contains("\"method\":\"mad2rl-k3\""), "\(solved.out.prefix(200))")
        let wrong = try lab(["vehicular", "solve", "t.json", "--policy", "\(key.prefix(12)):nothing", "--store", "clean.sqlite"], in: s.url)
        #expect(wrong.status == 2 && wrong.err.contains("no output 'nothing'"), "\(wrong.err)")
    }
}
