import Foundation
import LabCore
import Notebook
import Testing
import Vehicular
@testable import Catalog

/// `vehicular.*`: the scenario value, the tables of `simulate` and `sweep` against the library,
/// and argument checks that name the argument's place.
@Suite struct VehicularBindingTests {
    /// A table column's numbers.
    func numbers(_ value: Value?, _ column: String) throws -> [Double] {
        guard case .table(let t)? = value else { Issue.record("not a table: \(String(describing: value))"); return [] }
        return try t.numberColumn(column)
    }

    func field(_ record: Value, _ key: String) -> Value? {
        guard case .record(let fields) = record else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// The scenario of `vehicular.scenario(vehicles: 4, arrival_rate: 1.2, slots: 12, rsu_gflops: 150)`.
    var smallScenario: VehicularScenario {
        var s = VehicularScenario()
        s.vehicles = 4
        s.arrivalRate = 1.2
        s.slots = 12
        s.parameters.rsuGFLOPS = 150
        return s
    }

    @Test func scenarioDefaultsAreTheModelsAndTheValueRoundTrips() throws {
        let value = try BindingFixtures.call("vehicular.scenario", [:])
        guard case .library(let lib) = value, let s = lib as? VehicularScenarioValue else { Issue.record("\(value)"); return }
        #expect(s.scenario == VehicularScenario())
        let small = try BindingFixtures.call("vehicular.scenario", ["vehicles": .int(4), "arrival_rate": .number(1.2), "slots": .int(12), "rsu_gflops": .int(150)])
        guard case .library(let l2) = small, let v2 = l2 as? VehicularScenarioValue else { Issue.record("\(small)"); return }
        #expect(v2.scenario == smallScenario)
        #expect(try VehicularScenarioValue.decode(v2.encoded()) == v2)
        #expect(v2.member("vehicles")?.summary == "4" && v2.member("rsu_gflops")?.asDouble == 150 && v2.member("models")?.summary == "[\"alexnet\", \"resnet18\", \"vgg16\"]")
        #expect(throws: LabError.self) { try VehicularScenarioValue.decode(Array("{\"vehicles\": 0}".utf8)) }
    }

    /// The tables of `vehicular.simulate` hold exactly the library's numbers (genetic algorithm
    /// included, so the seed reaches the solver).
    @Test func simulateMatchesTheLibraryExactly() throws {
        let scenario = Value.library(VehicularScenarioValue(smallScenario))
        let record = try BindingFixtures.call("vehicular.simulate", ["scenario": scenario, "method": .string("ga"), "episodes": .int(2), "seed": .int(5), "tail": .int(4)])
        let run = try smallScenario.simulate(method: .ga, episodes: 2, seed: 5)
        #expect(field(record, "mean_completion")?.asDouble == run.meanCompletion)
        #expect(field(record, "mean_queue")?.asDouble == run.meanQueue)
        #expect(field(record, "method")?.summary == "\"ga\"" && field(record, "episodes")?.summary == "2")
        #expect(try numbers(field(record, "per_slot"), "mean_queue") == run.episodes.flatMap(\.meanQueueSeries))
        #expect(try numbers(field(record, "per_slot"), "mean_completion") == run.episodes.flatMap(\.meanCompletionSeries))
        #expect(try numbers(field(record, "per_slot"), "objective") == run.episodes.flatMap { $0.slots.map(\.objective) })
        #expect(try numbers(field(record, "per_episode"), "mean_completion") == run.episodes.map(\.meanCompletion))
        let tails = run.episodes.map { e in e.slots.suffix(4).flatMap(\.queueAfter).reduce(0, +) / 16 }
        #expect(try numbers(field(record, "per_episode"), "tail_queue") == tails)
        #expect(field(record, "tail_queue")?.asDouble == (tails[0] + tails[1]) / 2)
        let spread = run.episodes.map(\.meanCompletion)
        let std = abs(spread[0] - spread[1]) / 2.squareRoot()
        #expect(abs((field(record, "completion_std")?.asDouble ?? .nan) - std) <= 1e-15 * max(std, 1), "sample standard deviation over episodes")
    }

    /// A sweep point is the simulation of the scenario with that setting, on the same episodes.
    @Test func sweepRowsAreSimulationsAtEachValue() throws {
        let scenario = Value.library(VehicularScenarioValue(smallScenario))
        let sweep = try BindingFixtures.call("vehicular.sweep", ["scenario": scenario, "setting": .string("rsu_gflops"), "values": .list([.int(100), .int(300)]),
                                                                 "methods": .list([.string("dpp"), .string("local")]), "episodes": .int(2), "seed": .int(9), "tail": .int(3)])
        let summary = field(sweep, "summary")
        guard case .table(let t)? = summary else { Issue.record("\(sweep)"); return }
        #expect(try t.texts("method") == ["dpp", "local", "dpp", "local"])
        #expect(try t.numberColumn("value") == [100, 100, 300, 300])
        var expected: [Double] = []
        for f in [100.0, 300] {
            for m in [VehicularMethod.dpp, .local] { expected.append(try smallScenario.with(.rsuGFLOPS, f).simulate(method: m, episodes: 2, seed: 9).meanCompletion) }
        }
        #expect(try t.numberColumn("mean_completion") == expected)
        #expect(try numbers(field(sweep, "per_slot"), "slot").count == 2 * 2 * 2 * 12)
    }

    @Test func partitionTableIsTheModelsCandidates() throws {
        let table = try BindingFixtures.call("vehicular.partitions", [:])
        #expect(try numbers(table, "index").count == 6 + 7 + 8)
        #expect(try numbers(table, "local_gflops").max() == 30.9405)
        let alexnet = try BindingFixtures.call("vehicular.partitions", ["models": .list([.string("alexnet")])])
        #expect(try numbers(alexnet, "edge_gflops") == DNNModel.alexnet.candidates.map(\.edgeGFLOPs))
    }

    /// Values known only when the call runs fail at the argument, with exit code 2.
    @Test(arguments: [
        ("vehicular.scenario(vehicles: 10 ** 4)", "vehicles"),
        ("vehicular.scenario(road_m: 800, rsu_x_m: 400 * 3)", "rsu_x_m"),
        ("vehicular.scenario(local_gflops: [25, 15])", "local_gflops"),
        ("vehicular.scenario(speed_mps: [1, 2, 3])", "speed_mps"),
        ("vehicular.scenario(arrival_rate: 900, slot_s: 2)", "arrival_rate"),
        ("vehicular.scenario(models: list.range(0))", "models"),
        ("vehicular.simulate(vehicular.scenario(slots: 20), method: \"dpp\", tail: 10 * 3)", "tail"),
        ("vehicular.simulate(vehicular.scenario(slots: 5), method: \"local\", episodes: 0 - 1)", "episodes"),
        ("vehicular.sweep(vehicular.scenario(slots: 5), \"vehicles\", [2, 2.5], tail: 5)", "values"),
        ("vehicular.sweep(vehicular.scenario(slots: 5), \"rsu_gflops\", [100, 0 - 1], tail: 5)", "values"),
        ("vehicular.sweep(vehicular.scenario(slots: 5), \"lyapunov_v\", [1], methods: list.range(0), tail: 5)", "methods"),
    ])
    func computedOutOfRangeFailsAtTheArgument(call: String, parameter: String) throws {
        let s = try Scratch()
        let r = try #require(try s.run("```lab id=c\nx = \(call)\n```\n")["c"])
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        let text = "x = " + call
        let start = try #require(text.range(of: "\(parameter): ")?.upperBound ?? text.range(of: "[")?.lowerBound)
        #expect(error.location?.description == "nb.md:2:\(text.distance(from: text.startIndex, to: start) + 1)", "\(error)")
        #expect(error.message.contains("argument `\(parameter)`"), "\(error)")
    }

    @Test func literalMistakesAreLintErrors() throws {
        func lint(_ body: String) throws -> String {
            let nb = try Notebook.parse("```lab id=c\n\(body)\n```\n", path: "nb.md")
            do { try Analysis(nb, catalog: Catalog.standard).validate() } catch { return "\(error)" }
            return ""
        }
        #expect(try lint("x = vehicular.simulate(vehicular.scenario(), method: \"dpq\")").contains("did you mean `dpp`?"))
        #expect(try lint("x = vehicular.sweep(vehicular.scenario(), \"arrival\", [1])").contains("nb.md:2:43: error: argument `setting`"))
        #expect(try lint("x = vehicular.scenario(vehicles: 0)").contains("nb.md:2:34: error: argument `vehicles`"))
        #expect(try lint("x = vehicular.scenario(models: [\"vgg19\"])").contains("did you mean `vgg16`?"))
        #expect(try lint("x = vehicular.scenario(noise_dbm_per_hz: 3)").contains("argument `noise_dbm_per_hz`"))
    }
}
