import Foundation
import LabCore
import Notebook
import Vehicular

/// Measures how long decision rules take per slot on one episode, with an injected clock.
///
/// A rule's time is that of deciding every slot of the episode in order (the decisions plus the
/// queue and mobility update between them, which every rule shares and which costs microseconds),
/// divided by the slots. The replay with the exact allocation is not included.
struct DecisionTimer: Sendable {
    /// Nanoseconds from an arbitrary origin.
    var clock: @Sendable () -> UInt64

    /// The machine's monotonic wall clock.
    static let wall = DecisionTimer { DispatchTime.now().uptimeNanoseconds }

    /// Milliseconds per slot of `decide` on a trace of `slots` slots.
    func millisecondsPerSlot(slots: Int, _ decide: () throws -> Void) rethrows -> Double {
        let start = clock()
        try decide()
        let end = clock()
        return Double(end &- start) / 1e6 / Double(max(slots, 1))
    }
}

/// `vehicular.decision_time`
struct VehicularDecisionTimeBinding: Binding {
    static let description = BindingDescription("vehicular.decision_time", returns: .table, memoised: true,
        doc: "Wall time per slot of each decision rule on one episode of a scenario: the methods (ga, dpp, greedy, …) and trained policies (MAD2RL: K denoising steps for all M agents in one batch).\nOne row per rule: method, slots, wall_ms_per_slot. Wall time on this machine, measured once and then memoised: not reproducible bit for bit, unlike every other number.")
    @Parameter var scenario: VehicularScenarioValue
    @Parameter(default: VehicularMethod.allCases, doc: "greedy, ga, dpp, local, full") var methods: [VehicularMethod]
    @Parameter(default: [], doc: "trained policies (vehicular.model) for the scenario's vehicles") var policies: [VehicularModelValue]
    @Parameter(.cellSeed, doc: "seed of the episode and of the genetic algorithm") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        for p in policies { try VehicularEvaluateBinding.checkFits(p, scenario.scenario, parameter: "policies", function: "vehicular.decision_time") }
        let episode = VehicularScenario.episodeSeed(seed, episode: 0)
        return .table(try Self.table(scenario.scenario, methods: methods, policies: policies, seed: episode, timer: .wall))
    }

    /// The table for the episode at `seed`, timed by `timer`.
    static func table(_ scenario: VehicularScenario, methods: [VehicularMethod], policies: [VehicularModelValue], seed: UInt64, timer: DecisionTimer) throws -> Table {
        let trace = try scenario.trace(seed: seed)
        var rows: [Value] = []
        func row(_ name: String, _ ms: Double) {
            rows.append(.record([.init("method", .string(name)), .init("slots", .int(trace.slots.count)), .init("wall_ms_per_slot", .number(ms))]))
        }
        for m in methods { row(m.rawValue, timer.millisecondsPerSlot(slots: trace.slots.count) { _ = trace.solved(method: m, seed: seed) }) }
        for p in policies { row(p.header.name, try timer.millisecondsPerSlot(slots: trace.slots.count) { _ = try trace.solved(policy: p.policy, seed: seed) }) }
        return try Table.fromRecords(rows)
    }
}
