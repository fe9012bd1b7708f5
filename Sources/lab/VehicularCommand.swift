import ArgumentParser
import Foundation
import LabCore
import Vehicular

/// `lab vehicular`: generate, replay and solve vehicular edge network traces.
struct VehicularCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vehicular",
        abstract: "Generate, replay and solve vec-trace/1 vehicular edge network traces.",
        discussion: """
        The vehicular edge network of arXiv 2406.06986 (MAD2RL) as specified in docs/vehicular.md: \
        vehicles cut AlexNet/ResNet18/VGG16 inference between themselves and one RSU each slot. \
        Traces are vec-trace/1 JSON files. Exit codes: 2 for a malformed file or option.
        """,
        subcommands: [VehicularGenerate.self, VehicularReplayCommand.self, VehicularSolve.self]
    )
}

/// File and output helpers shared by the `lab vehicular` subcommands.
enum VehicularCLI {
    /// Reads and validates a trace file.
    static func trace(_ path: String) throws -> VehicularTrace {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LabError(.invalidInput, "cannot read trace file '\(path)'; check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LabError(.invalidInput, "\(path): not UTF-8 text; a vec-trace/1 file is JSON.")
        }
        return try VehicularTrace.decode(text, file: path)
    }

    /// Prints the replay as JSON, or as a per-slot table with the episode means.
    static func report(_ replay: VehicularReplay, method: String?, json: Bool) {
        if json {
            var value = replay.json
            if let method, case .object(var members) = value {
                members.insert(("method", .string(method)), at: 1)
                value = .object(members)
            }
            print(value.serialized())
            return
        }
        print("slot   mean T (s)   mean Q after   offloading   J(t)")
        for (t, r) in replay.slots.enumerated() {
            let m = Double(max(r.completion.count, 1))
            let offloading = r.rsuGFLOPS.filter { $0 > 0 }.count
            print(String(format: "%4ld   %10.4f   %12.3f   %10ld   %.4f", t, r.completion.reduce(0, +) / m, r.queueAfter.reduce(0, +) / m, offloading, r.objective))
        }
        print(String(format: "mean completion time %.4f s, mean queue %.3f tasks over %ld slots", replay.meanCompletion, replay.meanQueue, replay.slots.count))
    }
}

/// `lab vehicular generate`: a synthetic trace with arrivals and the all-local decision.
struct VehicularGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a vec-trace/1 file with Poisson arrivals and the all-local decision.",
        discussion: """
        Vehicle i runs [AlexNet, ResNet18, VGG16][i mod 3] with f_loc ~ U[15, 25] GFLOP/s, x ~ U[0, 1000) m \
        and speed ~ U[15, 25] m/s; arrivals are Poisson(λ·Δ). The same options give the same bytes on \
        every machine. Limits: --vehicles 1...1000, --slots 0...100000, --rate at most 1000 tasks/s, \
        --seed at most 2^53 - 1.
        """
    )

    @Option(parsing: .unconditional, help: "Number of vehicles M (1...1000).") var vehicles: Int = 10
    @Option(parsing: .unconditional, help: "Task arrival rate λ per vehicle in tasks/s (0...1000).") var rate: Double = 1.0
    @Option(parsing: .unconditional, help: "Number of slots (0...100000).") var slots: Int = 100
    @Option(help: "Seed (0...2^53 - 1).") var seed: UInt64 = 0
    @Option(help: "Mobility CSV (slot,vehicle,x) replacing the synthetic positions; written into the trace as per-slot x_m.")
    var mobility: String?
    @Flag(help: "Enable V2V offloading to the nearest vehicle within 100 m with an empty queue.") var v2v = false
    @Option(help: "Output file.") var out: String

    func run() throws {
        try reportingErrors {
            guard (1...VehicularScenario.maximumVehicles).contains(vehicles) else {
                throw LabError(.invalidInput, "--vehicles must be in 1...\(VehicularScenario.maximumVehicles) (got \(vehicles)).")
            }
            guard (0...VehicularScenario.maximumSlots).contains(slots) else {
                throw LabError(.invalidInput, "--slots must be in 0...\(VehicularScenario.maximumSlots) (got \(slots)).")
            }
            guard rate.isFinite, rate >= 0, rate <= VehicularScenario.maximumMeanArrivals else {
                throw LabError(.invalidInput, "--rate must be a number in 0...\(Int(VehicularScenario.maximumMeanArrivals)) tasks/s (got \(rate)).")
            }
            guard seed <= 9_007_199_254_740_991 else {
                throw LabError(.invalidInput, "--seed must be at most 2^53 - 1 = 9007199254740991 (got \(seed)).")
            }
            var scenario = VehicularScenario()
            scenario.vehicles = vehicles
            scenario.arrivalRate = rate
            scenario.slots = slots
            scenario.v2v = v2v
            if let mobility {
                guard let data = FileManager.default.contents(atPath: mobility), let text = String(data: data, encoding: .utf8) else {
                    throw LabError(.invalidInput, "cannot read mobility file '\(mobility)'; check the path.")
                }
                scenario.mobility = try MobilityTrace.parse(csv: text, file: mobility, roadMeters: scenario.parameters.roadMeters)
            }
            let trace = try scenario.trace(seed: seed)
            try writeFile(trace.fileText, to: out)
            print("wrote \(out) (\(vehicles) vehicles, \(slots) slots, λ = \(rate), seed \(seed))")
        }
    }
}

/// `lab vehicular replay`: plays a trace's decisions.
struct VehicularReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a vec-trace/1 file's decisions slot by slot with the exact RSU allocation.",
        discussion: """
        Per slot: the V2I rate at the slot's start position, the exact allocation, completion times, \
        J(t) with the queues at the slot's start, then Q ← max(Q − Δ/T, 0) + A and x ← (x + v·Δ) mod road. \
        --json prints {"format": "vec-replay/1", "slots": [{rate_bps, edge_gflops, completion_s, queue_after, \
        objective}], "mean_completion_s", "mean_queue"}.
        """
    )

    @Argument(help: "The trace file (vec-trace/1 JSON).") var file: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        try reportingErrors {
            let trace = try VehicularCLI.trace(file)
            VehicularCLI.report(try trace.replay(file: file), method: nil, json: json)
        }
    }
}

/// `lab vehicular solve`: fills in a trace's decisions with a non-learning method and replays them.
struct VehicularSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Decide every slot of a vec-trace/1 file with greedy, ga, dpp, local or full, then replay.",
        discussion: """
        Decisions are made slot after slot on the states earlier decisions lead to; arrivals and \
        positions are kept. ga is the myopic genetic algorithm (population 30, 30 generations, \
        Algorithm C-1 fitness), dpp the per-slot drift-plus-penalty coordinate search (2 sweeps, exact \
        allocation). --out writes the trace with the decisions filled in.
        """
    )

    @Argument(help: "The trace file (vec-trace/1 JSON).") var file: String
    @Option(help: "greedy, ga, dpp, local or full.") var method: String = "dpp"
    @Option(help: "Seed of the genetic algorithm (0...2^53 - 1).") var seed: UInt64 = 0
    @Option(help: "Write the solved trace here.") var out: String?
    @Flag(help: "Print the replay as JSON.") var json = false
    @Option(help: "Decide with a trained policy instead of --method: KEY:OUTPUT of a stored vehicular.model (mad2rl.train, pqmix.train); --seed seeds its noise.")
    var policy: String?
    @OptionGroup var location: StoreLocationOptions

    func run() throws {
        try reportingErrors {
            let chosen = VehicularMethod(rawValue: method)
            guard policy != nil || chosen != nil else {
                throw LabError(.invalidInput, "unknown method '\(method)'; use one of \(VehicularMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let trace = try VehicularCLI.trace(file)
            let solved: VehicularTrace, name: String
            if let policy {
                let model = try VehicularCLI.policy(policy, in: try location.open(readOnly: true))
                guard model.policy.agents == trace.vehicles.count, !trace.v2vEnabled else {
                    throw LabError(.invalidInput, "the policy `\(model.header.name)` was trained for \(model.policy.agents) vehicles without V2V; the trace has \(trace.vehicles.count)\(trace.v2vEnabled ? " with V2V" : "").")
                }
                (solved, name) = (try trace.solved(policy: model.policy, seed: seed), model.header.name)
            } else if let m = chosen {
                (solved, name) = (trace.solved(method: m, seed: seed), m.rawValue)
            } else {
                return
            }
            if let out { try writeFile(solved.fileText, to: out) }
            VehicularCLI.report(try solved.replay(file: file), method: name, json: json)
        }
    }
}
