import LabCore
import Notebook
import Vehicular

/// `vehicular.simulate`
struct VehicularSimulateBinding: Binding {
    static let description = BindingDescription("vehicular.simulate", returns: .record, memoised: true,
        doc: "Runs one decision rule on `episodes` episodes of a scenario (docs/vehicular.md §3), replayed with the exact RSU allocation.\nEpisode e is generated from a seed derived from `seed` and e, the same for every method (paired comparisons). Returns {method, episodes, mean_completion, completion_std, mean_queue, queue_std, tail_completion, tail_completion_std, tail_queue, tail_queue_std, summary, per_episode, per_slot}: means over vehicles and slots (tail_*: the last `tail` slots) averaged over episodes, with sample standard deviations over episodes; `summary` is the same as a one-row table, `per_episode` has one row per episode (mean_completion, mean_queue, tail_completion, tail_queue, final_queue), `per_slot` one per (episode, slot) (mean_queue after the slot, mean_completion, objective J(t)).")
    @Parameter var scenario: VehicularScenarioValue
    @Parameter(doc: "greedy, ga, dpp (drift-plus-penalty coordinate search), local or full") var method: VehicularMethod
    @Parameter(default: 1, .integers(1...VehicularBindings.maximumEpisodes), doc: "episodes to run") var episodes: Int
    @Parameter(.cellSeed, doc: "seed of the episodes (fleet, positions, arrivals) and of the genetic algorithm") var seed: UInt64
    @Parameter(default: 50, .integers(1...VehicularScenario.maximumSlots), doc: "the last slots the tail_* means cover (at most the scenario's slots)") var tail: Int

    func call(_ context: any CallContext) throws -> Value {
        try Self.checkTail(tail, scenario.scenario, function: "vehicular.simulate")
        let run = try scenario.scenario.simulate(method: method, episodes: episodes, seed: seed)
        return try VehicularRunTables(method: method.rawValue, episodes: run.episodes, tail: tail).record()
    }

    /// `tail` must not exceed the episode length.
    static func checkTail(_ tail: Int, _ scenario: VehicularScenario, function: String) throws {
        guard tail <= scenario.slots else {
            throw ArgumentError(parameter: "tail", message: "argument `tail` of `\(function)` must be at most the scenario's \(scenario.slots) slots, not \(tail)")
        }
    }
}

/// `vehicular.sweep`
struct VehicularSweepBinding: Binding {
    static let description = BindingDescription("vehicular.sweep", returns: .record, memoised: true,
        doc: "Every method and every trained policy at every value of one scenario setting, on the same paired episodes (docs/vehicular.md §3).\nReturns {summary, per_episode, per_slot}: the tables of `vehicular.simulate`, each row led by setting and value, values outer, methods then policies (named by their `name`) inner. A policy must fit every point (a sweep over `vehicles` takes no policies: train one per M and use `vehicular.evaluate`).")
    /// The settings a sweep varies, named as the parameters of `vehicular.scenario`.
    enum Setting: String, CaseIterable, ArgumentValue {
        case vehicles, arrivalRate = "arrival_rate", rsuGflops = "rsu_gflops", lyapunovV = "lyapunov_v"

        var library: VehicularScenario.Setting {
            switch self {
            case .vehicles: .vehicles
            case .arrivalRate: .arrivalRate
            case .rsuGflops: .rsuGFLOPS
            case .lyapunovV: .lyapunovV
            }
        }

        /// Why `value` is not a valid value of this setting in `scenario`, or nil.
        func violation(_ value: Double, in scenario: VehicularScenario) -> String? {
            switch self {
            case .vehicles:
                guard value == value.rounded(), (1...Double(VehicularScenario.maximumVehicles)).contains(value) else {
                    return "a whole number of vehicles from 1 to \(VehicularScenario.maximumVehicles)"
                }
            case .arrivalRate:
                guard value >= 0, value * scenario.parameters.slotSeconds <= VehicularScenario.maximumMeanArrivals else {
                    return "an arrival rate from 0 with λ·slot_s at most \(Table.formatted(VehicularScenario.maximumMeanArrivals))"
                }
            case .rsuGflops, .lyapunovV:
                guard value > 0, value <= 1e9 else { return "a number above 0 and at most 1e9" }
            }
            return nil
        }
    }
    @Parameter var scenario: VehicularScenarioValue
    @Parameter(doc: "vehicles (M), arrival_rate (λ), rsu_gflops (F) or lyapunov_v (V)") var setting: Setting
    @Parameter(doc: "the setting's values, in order") var values: [Double]
    @Parameter(default: VehicularMethod.allCases, doc: "greedy, ga, dpp, local, full") var methods: [VehicularMethod]
    @Parameter(default: [], doc: "trained policies (vehicular.model) run next to the methods") var policies: [VehicularModelValue]
    @Parameter(default: 1, .integers(1...VehicularBindings.maximumEpisodes), doc: "episodes per (value, method)") var episodes: Int
    @Parameter(.cellSeed, doc: "seed of the episodes (the same episodes for every method)") var seed: UInt64
    @Parameter(default: 50, .integers(1...VehicularScenario.maximumSlots), doc: "the last slots the tail_* means cover (at most the scenario's slots)") var tail: Int

    func call(_ context: any CallContext) throws -> Value {
        guard (1...VehicularBindings.maximumSweepValues).contains(values.count) else {
            throw ArgumentError(parameter: "values", message: "argument `values` of `vehicular.sweep` must hold 1 to \(VehicularBindings.maximumSweepValues) values, not \(values.count)")
        }
        guard !methods.isEmpty || !policies.isEmpty else {
            throw ArgumentError(parameter: "methods", message: "argument `methods` of `vehicular.sweep` must name at least one method when there are no `policies`")
        }
        for v in values {
            if let expected = setting.violation(v, in: scenario.scenario) {
                throw ArgumentError(parameter: "values", message: "argument `values` of `vehicular.sweep` must hold \(expected), not \(Table.formatted(v))")
            }
            for p in policies {
                try VehicularEvaluateBinding.checkFits(p, scenario.scenario.with(setting.library, v), parameter: "policies", function: "vehicular.sweep",
                                                       at: " at \(setting.rawValue) = \(Table.formatted(v))")
            }
        }
        try VehicularSimulateBinding.checkTail(tail, scenario.scenario, function: "vehicular.sweep")
        var summary: [Value] = [], perEpisode: [Value] = [], perSlot: [Value] = []
        let rules = methods.count + policies.count
        for (i, value) in values.enumerated() {
            let point = scenario.scenario.with(setting.library, value)
            for j in 0..<rules {
                let (name, replays) = j < methods.count
                    ? (methods[j].rawValue, try point.simulate(method: methods[j], episodes: episodes, seed: seed).episodes)
                    : (policies[j - methods.count].header.name, try point.simulate(policy: policies[j - methods.count].policy, episodes: episodes, seed: seed).episodes)
                let run = VehicularRunTables(method: name, episodes: replays, tail: tail,
                                             labels: [.init("setting", .string(setting.rawValue)), .init("value", .number(value))])
                summary.append(run.summaryRecord)
                perEpisode += run.perEpisodeRecords
                perSlot += run.perSlotRecords
                context.progress(i * rules + j + 1, of: values.count * rules, "\(setting.rawValue) sweep")
            }
        }
        return .record(try VehicularRunTables.tables(summary: summary, perEpisode: perEpisode, perSlot: perSlot))
    }
}
