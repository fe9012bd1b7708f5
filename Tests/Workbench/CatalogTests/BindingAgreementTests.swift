import Foundation
import GraphDiffusion
import LabCore
import LAENet
import Notebook
import Synchronization
import Testing
@testable import Catalog

/// A call context that keeps metrics in memory and has no checkpoints.
final class MemoryCallContext: CallContext, @unchecked Sendable {
    let seed: UInt64 = 1
    private let points = Mutex<[String: [(step: Int, value: Double)]]>([:])
    func progress(_ done: Int, of total: Int, _ label: String) {}
    func metric(_ name: String, step: Int, value: Double) { points.withLock { $0[name, default: []].append((step, value)) } }
    func saveCheckpoint(step: Int, state: [UInt8]) throws {}
    func latestCheckpoint() throws -> (step: Int, state: [UInt8])? { nil }
    func metricSeries(_ name: String) throws -> [(step: Int, value: Double)] { points.withLock { $0[name] ?? [] } }
}

/// Small values of every type the bindings take, and minimal valid required arguments per function.
enum BindingFixtures {
    static let context = MemoryCallContext()
    static let dataset = try! call("laenet.dataset", ["scale": .string("gs2_gu4_au2"), "count": .int(4), "jointly_feasible": .bool(true), "seed": .int(1)])
    static let exact = try! call("laenet.solve", ["dataset": dataset, "method": .string("exact")])
    static let small: [String: Value] = ["hidden": .int(8), "layers": .int(1), "heads": .int(2), "epochs": .int(1), "batch_size": .int(4)]
    static let labelled: [String: Value] = small.merging(["dataset": dataset, "labels": exact, "validation": dataset, "validation_labels": exact]) { a, _ in a }
    static let diffusionModel = try! call("gadsg.train", labelled)
    static let dignnModel = try! call("dignn.train", labelled)
    static let table = Value.table(try! Table([.init("g", .strings(["a", "b", "a"])), .init("x", .numbers([1, 2, 3])), .init("y", .numbers([4, 5, 6]))]))
    static let series = Value.series(Series(name: "loss", steps: [1, 2, 3], values: [3, 2, 1]))
    /// An absolute pattern naming one instance file written for `laenet.load`.
    static let instanceFiles: String = {
        let folder = NSTemporaryDirectory() + "binding-fixtures-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let instance = LAENetGenerator.generate(scale: try! LAENetScale.parse("gs2_gu4_au2"), profile: .balanced, seed: 1)
        try? instance.fileText.write(toFile: folder + "/i0.json", atomically: true, encoding: .utf8)
        return folder + "/*.json"
    }()
    static let figure = try! call("plot.bars", ["table": table, "x": .string("g"), "y": .string("y")])
    static let vehicularScenario = try! call("vehicular.scenario", ["vehicles": .int(3), "slots": .int(4)])
    static let mecEnvironment = try! call("multimec.environment", ["bandwidth_mhz": .int(6), "edge_ghz": .int(5), "mean_task_kb": .int(500), "ues": .int(3)])
    static let mecRun = try! call("multimec.sac", ["environment": mecEnvironment, "episodes": .int(12), "hidden": .list([.int(4)]), "batch": .int(4)])
    static let mecDataset = try! call("multimec.collect", ["runs": .list([mecRun]), "per_environment": .int(2), "min_length": .int(1)])
    static let planner = try! call("diffloader.train", ["dataset": mecDataset, "width": .int(4), "heads": .int(2), "layers": .int(1), "inner_width": .int(4),
                                                        "embedding_hidden": .list([.int(4)]), "prompt_length": .int(1), "horizon": .int(2),
                                                        "diffusion_steps": .int(2), "steps": .int(2), "items": .int(1)])
    static let mecLearning: [String: Value] = ["environments": .list([mecEnvironment]), "environment_steps": .int(30), "hidden": .list([.int(4)]), "batch": .int(4)]
    static let learner = try! call("multimec.sacloader", mecLearning)
    static func evaluationTable(_ rows: [(String, Double)]) -> Value {
        .table(try! Table.fromRecords(rows.map { r in .record([.init("policy", .string(r.0)), .init("environment", .string("(6,5,500)")), .init("seed", .int(1)),
                                                              .init("cost", .number(r.1)), .init("episode_success", .number(1)), .init("regime", .string("interpolation"))]) }))
    }
    static let marlTraining: [String: Value] = ["scenario": vehicularScenario, "episodes": .int(1), "warmup": .int(4), "batch_size": .int(4), "replay": .int(8),
                                                "hidden": .int(4), "mixer": .int(2), "evaluate_every": .int(1), "evaluation_episodes": .int(1)]
    static let vehicularModel = try! call("mad2rl.train", marlTraining.merging(["steps": .int(1)]) { a, _ in a })
    static func claimTable(_ columns: [(String, Value)]) -> Value { .table(try! Table.fromRecords([.record(columns.map { .init($0.0, $0.1) })])) }

    /// Minimal valid required arguments (plus a few that keep training small or reach every
    /// parameter), by function. Every function of the standard catalog must have an entry.
    static var required: [String: [String: Value]] {
        let t = ["table": table]
        return [
            "table.from_records": ["records": .list([.record([.init("x", .int(1))])])],
            "table.select": t.merging(["columns": .list([.string("x")])]) { a, _ in a },
            "table.where": t.merging(["column": .string("g"), "equals": .string("a")]) { a, _ in a },
            "table.between": t.merging(["column": .string("x"), "low": .int(1), "high": .int(2)]) { a, _ in a },
            "table.mean_std": t.merging(["by": .list([.string("g")]), "values": .list([.string("y")])]) { a, _ in a },
            "table.with": t.merging(["column": .string("z"), "value": .int(1)]) { a, _ in a },
            "table.concat": ["tables": .list([table, table])],
            "table.join": ["left": table, "right": table, "on": .list([.string("x")])],
            "table.label": t.merging(["labels": .record([.init("z", .int(1))])]) { a, _ in a },
            "table.rename": t.merging(["columns": .record([.init("x", .string("w"))])]) { a, _ in a },
            "table.from_series": ["series": series],
            "table.pivot": t.merging(["rows": .list([.string("x")]), "column": .string("g"), "value": .string("y")]) { a, _ in a },
            "table.derive": t.merging(["name": .string("z"), "expr": .string("x + 1")]) { a, _ in a },
            "str": ["value": .int(1)],
            "round": ["value": .number(1.25)],
            "min": ["items": .list([.int(2), .int(1)])],
            "max": ["items": .list([.int(2), .int(1)])],
            "sorted": t.merging(["by": .string("x")]) { a, _ in a }.reduce(into: [String: Value]()) { $0[$1.key == "table" ? "items" : $1.key] = $1.value },
            "list.range": ["count": .int(3)],
            "list.len": ["items": .list([.int(1)])],
            "list.zip": ["first": .list([.int(1)]), "second": .list([.int(2)])],
            "list.product": ["lists": .list([.list([.int(1)]), .list([.int(2)])])],
            "list.index_of": ["items": .list([.int(1)]), "item": .int(1)],
            "plot.bars": t.merging(["x": .string("g"), "y": .string("y")]) { a, _ in a },
            "plot.lines": t.merging(["x": .string("x"), "y": .string("y"), "run": .string("g")]) { a, _ in a },
            "plot.heatmap": t.merging(["row": .string("g"), "column": .string("x"), "value": .string("y")]) { a, _ in a },
            "plot.scatter": t.merging(["x": .string("x"), "y": .string("y"), "group": .string("g")]) { a, _ in a },
            "plot.hist": t.merging(["x": .string("x"), "group": .string("g")]) { a, _ in a },
            "plot.box": t.merging(["x": .string("g"), "y": .string("y"), "group": .string("g")]) { a, _ in a },
            "plot.grid": ["figures": .list([figure, figure])],
            "plot.series": ["series": .list([series])],
            "learning.function_fit": ["steps": .int(20)],
            "laenet.dataset": ["scale": .string("gs2_gu4_au2"), "count": .int(2)],
            "laenet.load": ["files": .string(instanceFiles)],
            "laenet.solve": ["dataset": dataset, "method": .string("mcmf")],
            "laenet.evaluate": ["dataset": dataset, "solutions": .list([exact]), "reference": exact],
            // The ablation switches set away from their defaults (the defaults are read by `diffusionModel`).
            "gadsg.train": labelled.merging(["edge_gate": .bool(false), "server_aggregation": .bool(false), "positional_encoding": .bool(true)]) { a, _ in a },
            "gdsg.train": labelled.merging(["server_aggregation": .bool(true), "node_features": .string("gadsg"), "positional_encoding": .bool(true)]) { a, _ in a },
            "dignn.train": labelled,
            "grlo.train": small.merging(["dataset": dataset, "validation": dataset, "validation_labels": exact]) { a, _ in a },
            "diffusion.solve": ["model": diffusionModel, "dataset": dataset, "samples": .int(2), "steps": .int(2)],
            "baseline.solve": ["model": dignnModel, "dataset": dataset, "samples": .int(2)],
            "aigc.parameters": [:],
            "aigc.convergence": ["s_tot": .int(100), "users": .int(3)],
            "aigc.sweep": ["sweep": .string("edge_capacity"), "seeds": .int(1), "users": .int(2), "methods": .list([.string("proposed")])],
            "aigc.gap": ["drops": .int(1), "users": .int(3)],
            "aigc.runtime": ["users": .list([.int(2)]), "methods": .list([.string("exhaustive")]), "seeds": .int(1)],
            "aigc.drop": ["seed": .int(1), "users": .int(3)],
            "aigc.solve": ["drop": try! call("aigc.drop", ["seed": .int(1), "users": .int(3)])],
            "vehicular.scenario": ["vehicles": .int(3), "slots": .int(4)],
            "vehicular.parameters": ["scenario": vehicularScenario],
            "vehicular.partitions": [:],
            "vehicular.simulate": ["scenario": vehicularScenario, "method": .string("greedy"), "tail": .int(2)],
            "vehicular.sweep": ["scenario": vehicularScenario, "setting": .string("vehicles"), "values": .list([.int(2)]), "methods": .list([.string("local")]), "tail": .int(2)],
            "multimec.environment": ["bandwidth_mhz": .int(6), "edge_ghz": .int(5), "mean_task_kb": .int(500)],
            "multimec.environments": ["set": .string("unseen")],
            "multimec.environment_table": [:],
            "multimec.heuristic": ["name": .string("top-k")],
            "multimec.evaluate": ["policy": .string("random-50/50"), "environments": .list([mecEnvironment]), "episodes": .int(2)],
            "multimec.heuristics": ["environments": .list([mecEnvironment]), "episodes": .int(2), "k_values": .list([.int(0), .int(2)])],
            "multimec.sac": ["environment": mecEnvironment, "episodes": .int(3), "hidden": .list([.int(4)]), "batch": .int(4)],
            "multimec.collect": ["runs": .list([mecRun]), "min_length": .int(1)],
            "multimec.prompts": ["dataset": mecDataset, "min_length": .int(1)],
            "multimec.returns": ["dataset": mecDataset],
            "multimec.return_histogram": ["dataset": mecDataset],
            "multimec.curves": ["dataset": mecDataset],
            "mad2rl.train": marlTraining, "pqmix.train": marlTraining,
            "diffloader.train": ["dataset": mecDataset, "width": .int(4), "heads": .int(2), "layers": .int(1), "inner_width": .int(4),
                                 "embedding_hidden": .list([.int(4)]), "prompt_length": .int(1), "horizon": .int(2), "diffusion_steps": .int(2),
                                 "steps": .int(2), "items": .int(1)],
            "diffloader.policy": ["planner": planner, "prompts": .list([mecDataset])],
            "multimec.sacloader": mecLearning, "multimec.mtloader": mecLearning, "multimec.moeloader": mecLearning,
            "multimec.metaloader": ["environments": .list([mecEnvironment]), "environment_steps": .int(30), "hidden": .list([.int(4)])],
            "multimec.decision_time": ["policies": .list([planner, learner, .string("all-local")]), "environment": mecEnvironment],
            "diffloader.claims": ["in_distribution": evaluationTable([("DiffLoader", 0.3), ("SACLoader", 0.4), ("MTLoader", 0.3)]),
                                  "ablation": evaluationTable([("DiffLoader", 0.3), ("DiffLoader (no prompt)", 0.4)]),
                                  "unseen": evaluationTable([("DiffLoader", 0.3), ("SACLoader", 0.4)])],
            "vehicular.evaluate": ["scenario": vehicularScenario, "policy": vehicularModel, "tail": .int(2)],
            "vehicular.partition_histogram": ["scenario": vehicularScenario, "policy": vehicularModel],
            "vehicular.decision_time": ["scenario": vehicularScenario, "methods": .list([.string("local")]), "policies": .list([vehicularModel])],
            "mad2rl.claims": ["comparison": claimTable([("method", .string("mad2rl")), ("mean_completion", .number(0.3))]),
                              "sweeps": claimTable([("setting", .string("vehicles")), ("value", .int(3)), ("method", .string("mad2rl")), ("mean_completion", .number(0.3))]),
                              "stability": claimTable([("method", .string("mad2rl")), ("slot", .int(0)), ("mean_queue", .number(1))]),
                              "convergence": claimTable([("method", .string("mad2rl")), ("step", .int(4)), ("value", .number(-1))]),
                              "tradeoff": claimTable([("value", .int(10)), ("mean_completion", .number(0.3)), ("mean_queue", .number(1))]),
                              "decision": claimTable([("method", .string("mad2rl")), ("wall_ms_per_slot", .number(0.5))])],
        ]
    }

    /// Calls a standard function with `given` arguments, the declared defaults and seed 7 for
    /// cell-seeded parameters; records the parameters the body read in `log`.
    static func call(_ name: String, _ given: [String: Value], log: ArgumentReadLog? = nil) throws -> Value {
        let function = Catalog.standard.functions[name]!
        let args = CallSeed.filling(function.signature.parameters.compactMap { p in given[p.name].map { (p.name, $0) } },
                                    of: function.signature, seed: 7)
        return try function.binding.bind(args, log: log).call(context)
    }
}

@Suite struct BindingAgreementTests {
    @Test func everyFunctionHasFixtures() {
        #expect(Set(Catalog.standard.functionNames) == Set(BindingFixtures.required.keys))
    }

    /// Each function runs with its defaults and minimal arguments, its body reads every declared
    /// parameter, and every declared default satisfies the parameter's own constraint and type.
    @Test(arguments: Catalog.standard.functionNames)
    func declarationAndBodyAgree(name: String) throws {
        let signature = try #require(Catalog.standard.signature(named: name))
        #expect(Set(signature.parameters.map(\.name)).count == signature.parameters.count, "duplicate parameter names")
        for p in signature.parameters {
            if let d = p.defaultValue {
                #expect(d.type.conforms(to: p.type), "default of `\(p.name)`")
                #expect(p.constraint?.violation(d) == nil, "default of `\(p.name)` violates its own constraint")
            }
        }
        let given = try #require(BindingFixtures.required[name], "no fixture for \(name)")
        #expect(Set(given.keys).isSubset(of: signature.parameters.map(\.name)))
        let log = ArgumentReadLog()
        let value = try BindingFixtures.call(name, given, log: log)
        #expect(value.type.conforms(to: signature.returns))
        #expect(log.read == Set(signature.parameters.map(\.name)), "declared but never read: \(Set(signature.parameters.map(\.name)).subtracting(log.read).sorted())")
    }

    @Test func signatureShowsConstraintsAndCellSeeds() throws {
        let doc = try Catalog.standard.documentation(for: "laenet.dataset")
        #expect(doc.contains("count: int = 100"))
        #expect(doc.contains("seed: int = cell seed"))
        #expect(doc.contains("1…1000000"))
        #expect(doc.contains("paper | balanced"))
    }
}
