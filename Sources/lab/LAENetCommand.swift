import ArgumentParser
import Foundation
import LAENet
import LabCore

/// `lab laenet`: Generate, evaluate and solve LAENet instances.
struct LAENetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laenet",
        abstract: "Generate, evaluate and solve LAENet instances.",
        discussion: "Instances are laenet-instance/1 JSON files, solutions laenet-solution/1 (see docs/laenet.md §7).",
        subcommands: [LAENetGenerate.self, LAENetEvaluate.self, LAENetSolve.self]
    )
}

/// Parses a scale argument with the library's error message.
func parseScale(_ text: String) throws -> LAENetScale { try LAENetScale.parse(text) }

/// `lab laenet generate`: deterministic instances to JSON files.
struct LAENetGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate laenet-instance/1 files (one file, or a directory of --count files).",
        discussion: "The same --scale, --profile, --seed and --set give the same bytes on every machine. With --count K, PATH is a directory that receives <scale>_<profile>_s<seed>_<index>.json for index 0..K-1, generated on all cores. --set name=value replaces a model constant of docs/laenet.md §2 (repeatable; the names are those of the instance files' constants), as overrides: does in laenet.dataset."
    )

    @Option(help: "Scale gsX_guY_auZ, e.g. gs2_gu4_au2.") var scale: String
    @Option(help: "Profile: paper or balanced (the default of laenet.dataset too).") var profile: String = LAENetGenerate.defaultProfile.rawValue
    @Option(help: "Seed (non-negative integer).") var seed: UInt64 = 0
    @Option(help: "Number of instances, at most 1,000,000; PATH becomes a directory.") var count: Int?
    @Option(help: "Index of the single instance to write (without --count).") var index: Int = 0
    @Option(help: "Output file (or directory with --count).") var out: String
    @Flag(help: "Also redraw deadline-forced users until the instance is jointly feasible (extension of docs/laenet.md §6; off by default).")
    var jointlyFeasible = false
    @Option(name: .customLong("set"), help: "Replace a model constant, e.g. --set bandwidth_hz=2e7 (repeatable).") var constants: [String] = []

    /// The profile used without --profile, the same as `laenet.dataset`'s.
    static let defaultProfile = LAENetProfile.balanced

    func run() throws {
        try reportingErrors {
            let scale = try parseScale(scale)
            let profile = try LAENetProfile.parse(profile)
            let constants = try LAENetGenerate.constants(profile: profile, settings: self.constants)
            guard index >= 0 else { throw LabError(.invalidInput, "--index must not be negative (got \(index)).") }
            guard seed <= 9_007_199_254_740_991 else {
                throw LabError(.invalidInput, "--seed must be at most 2^53 - 1 = 9007199254740991 so that instance files record it exactly (got \(seed)).")
            }
            guard let count else {
                let instance = LAENetGenerator.generate(scale: scale, profile: profile, seed: seed, index: index, jointlyFeasible: jointlyFeasible,
                                                        constants: constants)
                try writeFile(instance.fileText, to: out)
                print("wrote \(out) (\(scale), \(profile.rawValue), seed \(seed), index \(index))")
                return
            }
            guard count > 0, count <= LAENetGenerator.maximumCount else {
                throw LabError(.invalidInput, "--count must be in 1...\(LAENetGenerator.maximumCount) (got \(count)); generate larger sets in several directories with different --seed values.")
            }
            let instances = LAENetGenerator.generate(scale: scale, profile: profile, seed: seed, count: count, jointlyFeasible: jointlyFeasible,
                                                     constants: constants)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw LabError(.invalidInput, "cannot create directory '\(out)': \(error.localizedDescription)")
            }
            let width = max(5, String(count - 1).count)
            for (i, instance) in instances.enumerated() {
                let number = String(repeating: "0", count: width - String(i).count) + String(i)
                try writeFile(instance.fileText, to: "\(out)/\(scale)_\(profile.rawValue)_s\(seed)_\(number).json")
            }
            print("wrote \(count) instances to \(out)/")
        }
    }
}

/// `lab laenet evaluate`: cost, feasibility and per-user breakdown of a solution.
struct LAENetEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a laenet-solution/1 file on an instance: cost, feasibility, per-user breakdown.",
        discussion: "Shares left null are optimal (water-filled). An infeasible solution names the violated constraint with the user or server index."
    )

    @Argument(help: "laenet-instance/1 file.") var instance: String
    @Argument(help: "laenet-solution/1 file.") var solution: String
    @Flag(help: "Print a JSON object (cost, feasible, violation, violations, users).") var json = false

    func run() throws {
        try reportingErrors {
            let inst = try LAENetInstance.load(path: instance)
            let sol = try LAENetSolution.load(path: solution, for: inst)
            let model = LAENetModel(inst)
            let result = model.evaluate(sol)
            if json {
                print(result.json.serialized(pretty: true))
                return
            }
            print("feasible: \(result.feasible ? "yes" : "no")")
            for v in result.violations { print("violation: \(v)") }
            print("cost: \(result.cost.map { JSONValue.format($0) } ?? "none (infeasible)")")
            print("user  choice   share        cost")
            for (u, r) in result.users.enumerated() {
                let choice = r.choice.map { "server \($0)" } ?? "local"
                let share = r.share.map { String(format: "%.6f", $0) } ?? "-"
                print("\(pad(u, 4))  \(choice.padding(toLength: 9, withPad: " ", startingAt: 0))\(share.padding(toLength: 10, withPad: " ", startingAt: 0))  \(r.cost.isFinite ? String(format: "%.6f", r.cost) : "-")")
            }
        }
    }
}

/// Right-aligns an integer.
func pad(_ x: Int, _ width: Int) -> String {
    let s = String(x)
    return String(repeating: " ", count: max(0, width - s.count)) + s
}

/// `lab laenet solve`: solve an instance with a named method.
struct LAENetSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an instance with exact|mcmf|random|ao|local.",
        discussion: "With --json: {solution, cost, status (optimal|best-known|heuristic|infeasible), lower_bound (exact), gap, seconds, nodes, variants}. Results are deterministic given --seed (and no --time-limit). An infeasible result is printed, then the command exits with code 6."
    )

    @Argument(help: "laenet-instance/1 file.") var instance: String
    @Option(help: "Method: exact, mcmf, random, ao or local.") var method: String = "exact"
    @Option(help: "Seed for the randomised methods.") var seed: UInt64 = 0
    @Option(help: "Exact solver: node limit before stopping with best-known.") var nodeLimit: Int = 50_000_000
    @Option(help: "Exact solver: seconds before stopping with best-known (makes results timing-dependent).") var timeLimit: Double?
    @Option(help: "Also write the laenet-solution/1 object to this file.") var out: String?
    @Flag(help: "Print a JSON object.") var json = false

    func run() throws {
        try reportingErrors {
            guard let m = SolverMethod(rawValue: method) else {
                throw LabError(.invalidInput, "unknown --method '\(method)': use one of \(SolverMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard nodeLimit > 0 else { throw LabError(.invalidInput, "--node-limit must be positive (got \(nodeLimit)).") }
            if let timeLimit, !(timeLimit > 0) { throw LabError(.invalidInput, "--time-limit must be positive (got \(timeLimit)).") }
            let model = LAENetModel(try LAENetInstance.load(path: instance))
            let solver: any OffloadSolver = m == .exact ? ExactSolver(nodeLimit: nodeLimit, timeLimit: timeLimit) : m.solver
            let start = Date()
            let result = model.solve(with: solver, seed: seed)
            let seconds = Date().timeIntervalSince(start)
            let solution = model.solution(result)
            if let out, let solution { try writeFile(solution.json.serialized(pretty: true) + "\n", to: out) }
            if json {
                var members: [(String, JSONValue)] = [
                    ("method", .string(m.rawValue)),
                    ("solution", solution?.json ?? .null),
                    ("cost", JSONValue.finite(result.cost)),
                    ("status", .string(result.status.rawValue)),
                ]
                if m == .exact {
                    members.append(("lower_bound", JSONValue.finite(result.lowerBound)))
                    members.append(("gap", JSONValue.finite(result.gap)))
                }
                members.append(("seconds", .number(seconds)))
                members.append(("nodes", .number(Double(result.nodes))))
                members.append(("variants", .object(result.variants.keys.sorted().map { key in
                    (key, .object([("cost", JSONValue.finite(result.variants[key]!.cost)), ("solution", model.solution(result.variants[key]!).json)]))
                })))
                print(JSONValue.object(members).serialized(pretty: true))
                try failIfInfeasible(result.status, method: m)
                return
            }
            print("method: \(m.rawValue)")
            print("status: \(result.status.rawValue)")
            print("cost: \(result.cost.isFinite ? JSONValue.format(result.cost) : "none")")
            if let lb = result.lowerBound, m == .exact { print("lower bound: \(JSONValue.format(lb))\(result.gap.map { ", gap \(String(format: "%.3g", $0))" } ?? "")") }
            for key in result.variants.keys.sorted() { print("\(key): \(JSONValue.format(result.variants[key]!.cost))") }
            if let solution { print("choice: \(solution.choice.map { $0.map(String.init) ?? "local" }.joined(separator: " "))") }
            print(String(format: "seconds: %.4f, nodes: %d", seconds, result.nodes))
            try failIfInfeasible(result.status, method: m)
        }
    }

    /// Exit code 6 (README, "Exit codes") once the result is printed, when no feasible solution exists.
    private func failIfInfeasible(_ status: SolverResult.Status, method: SolverMethod) throws {
        guard status == .infeasible else { return }
        throw LabError(.numerical, "\(instance) has no feasible solution by \(method.rawValue)\(method == .exact ? " (proved: no assignment meets every deadline)" : ""); generate instances with --jointly-feasible, or relax the deadlines.")
    }
}
