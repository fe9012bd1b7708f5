import LabCore
import Notebook
import Vehicular

/// `vehicular.evaluate`
struct VehicularEvaluateBinding: Binding {
    static let description = BindingDescription("vehicular.evaluate", returns: .record, memoised: true,
        doc: "Runs a trained policy (mad2rl.train, pqmix.train) on `episodes` episodes of a scenario, replayed with the exact RSU allocation: the same paired episodes and the same record as `vehicular.simulate`, with the model's name as `method`.\nThe policy decides greedily (MAD2RL: argmax under one diffusion chain whose noise comes from the episode's stream). The scenario must have the vehicles the policy was trained for.")
    @Parameter var scenario: VehicularScenarioValue
    @Parameter(doc: "a vehicular.model trained for the scenario's number of vehicles") var policy: VehicularModelValue
    @Parameter(default: 1, .integers(1...VehicularBindings.maximumEpisodes), doc: "episodes to run") var episodes: Int
    @Parameter(.cellSeed, doc: "seed of the episodes (the same episodes `vehicular.simulate` plays at this seed)") var seed: UInt64
    @Parameter(default: 50, .integers(1...VehicularScenario.maximumSlots), doc: "the last slots the tail_* means cover (at most the scenario's slots)") var tail: Int

    func call(_ context: any CallContext) throws -> Value {
        try VehicularSimulateBinding.checkTail(tail, scenario.scenario, function: "vehicular.evaluate")
        try Self.checkFits(policy, scenario.scenario, parameter: "policy", function: "vehicular.evaluate")
        let run = try scenario.scenario.simulate(policy: policy.policy, episodes: episodes, seed: seed)
        return try VehicularRunTables(method: policy.header.name, episodes: run.episodes, tail: tail).record()
    }

    /// A policy fits a scenario with its number of vehicles and without V2V.
    static func checkFits(_ model: VehicularModelValue, _ scenario: VehicularScenario, parameter: String, function: String, at point: String = "") throws {
        guard model.policy.agents == scenario.vehicles, !scenario.v2v else {
            throw ArgumentError(parameter: parameter, message: "argument `\(parameter)` of `\(function)` must be trained for the scenario's \(scenario.vehicles) vehicles\(point) without V2V; `\(model.header.name)` was trained for \(model.policy.agents)")
        }
    }
}

/// `vehicular.partition_histogram`
struct VehicularPartitionHistogramBinding: Binding {
    static let description = BindingDescription("vehicular.partition_histogram", returns: .table, memoised: true,
        doc: "How often a trained policy chooses each partition candidate, per DNN model, over `episodes` episodes (the episodes of `vehicular.evaluate`).\nOne row per (model, index) candidate, all candidates listed: model, index, after (the layer the cut follows), count (vehicle-slots), fraction (of that model's vehicle-slots).")
    @Parameter var scenario: VehicularScenarioValue
    @Parameter(doc: "a vehicular.model trained for the scenario's number of vehicles") var policy: VehicularModelValue
    @Parameter(default: 1, .integers(1...VehicularBindings.maximumEpisodes), doc: "episodes to run") var episodes: Int
    @Parameter(.cellSeed, doc: "seed of the episodes") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        let s = scenario.scenario
        try VehicularEvaluateBinding.checkFits(policy, s, parameter: "policy", function: "vehicular.partition_histogram")
        let run = try s.simulate(policy: policy.policy, episodes: episodes, seed: seed)
        var counts: [DNNModel: [Int]] = [:]
        for (e, slots) in run.partitions.enumerated() {
            let fleet = try s.trace(seed: VehicularScenario.episodeSeed(seed, episode: e)).vehicles
            for partitions in slots {
                for (vehicle, p) in zip(fleet, partitions) {
                    counts[vehicle.model, default: Array(repeating: 0, count: vehicle.model.candidates.count)][p] += 1
                }
            }
        }
        var rows: [Value] = []
        for model in DNNModel.allCases where s.models.contains(model) {
            let c = counts[model] ?? Array(repeating: 0, count: model.candidates.count), total = c.reduce(0, +)
            for (i, candidate) in model.candidates.enumerated() {
                rows.append(.record([.init("model", .string(model.rawValue)), .init("index", .int(i)), .init("after", .string(candidate.after)),
                                     .init("count", .int(c[i])), .init("fraction", .number(total == 0 ? 0 : Double(c[i]) / Double(total)))]))
            }
        }
        return .table(try Table.fromRecords(rows))
    }
}
