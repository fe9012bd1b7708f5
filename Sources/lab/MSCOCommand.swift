import ArgumentParser
import Foundation
import LAENet
import LabCore

/// `lab msco`: Evaluate and solve GDSG MSCO dataset lines.
struct MSCOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msco",
        abstract: "Evaluate and solve GDSG MSCO dataset lines.",
        discussion: "Files hold one instance per line in GDSG's format (node, edge, node_raw, edge_raw, edge_attr, gt_edges, gt_ws, gt_cost).",
        subcommands: [MSCOGenerate.self, MSCOEvaluate.self, MSCOSolve.self]
    )
}

/// Reads line `number` (1-based) of an MSCO dataset file and parses it.
func loadMSCOLine(_ path: String, _ number: Int) throws -> MSCOInstance {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw LabError(.invalidInput, "cannot read MSCO file '\(path)': check the path.")
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.allSatisfy(\.isWhitespace) }
    guard number >= 1, number <= lines.count else {
        throw LabError(.invalidInput, "\(path): --line \(number) is out of range: the file has \(lines.count) instance line(s), numbered from 1.")
    }
    return try MSCOInstance.parse(line: String(lines[number - 1]), file: path, line: number)
}

/// `lab msco generate`: labelled instances in GDSG's format.
struct MSCOGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write --count labelled MSCO instances (one per line) to --out.")

    @Option(help: "Number of servers S.") var servers: Int
    @Option(help: "Number of users U.") var users: Int
    @Option(help: "Seed.") var seed: UInt64 = 0
    @Option(help: "Number of instances (lines), at most 1,000,000.") var count: Int = 1
    @Option(help: "Output file.") var out: String

    func run() throws {
        try reportingErrors {
            guard servers > 0, users > 0, servers <= 1000, users <= 1000 else {
                throw LabError(.invalidInput, "--servers and --users must be in 1...1000 (got \(servers), \(users)).")
            }
            guard count > 0, count <= MSCOGenerator.maximumCount else {
                throw LabError(.invalidInput, "--count must be in 1...\(MSCOGenerator.maximumCount) (got \(count)); write larger sets as several files with different --seed values.")
            }
            let lines = MSCOGenerator.generate(servers: servers, users: users, seed: seed, count: count).map(\.line)
            try writeFile(lines.joined(separator: "\n") + "\n", to: out)
            print("wrote \(count) MSCO instances (\(servers)s\(users)u) to \(out)")
        }
    }
}

/// `lab msco evaluate`: the stored label's cost, re-computed, and with optimal √ shares.
struct MSCOEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Re-compute a line's stored label cost (stored ratios) and its cost with optimal √ shares.")

    @Argument(help: "MSCO dataset file.") var file: String
    @Option(help: "Line number (from 1).") var line: Int = 1
    @Flag(help: "Print a JSON object.") var json = false

    func run() throws {
        try reportingErrors {
            let instance = try loadMSCOLine(file, line)
            guard let label = instance.label, let decisions = instance.labelDecisions, let stored = instance.labelCostWithStoredRatios else {
                throw LabError(.invalidInput, "\(file):\(line): the line has no gt_edges/gt_ws/gt_cost label to evaluate.")
            }
            let optimal = instance.problem.score(decisions)!.cost
            let relative = abs(stored - label.cost) / max(abs(label.cost), 1e-300)
            if json {
                print(JSONValue.object([
                    ("gt_cost", .number(label.cost)),
                    ("cost_stored_ratios", JSONValue.finite(stored)),
                    ("relative_difference", JSONValue.finite(relative)),
                    ("reproduces_gt_cost", .bool(relative <= 1e-6)),
                    ("cost_optimal_shares", JSONValue.finite(optimal)),
                    ("offloaded", .number(Double(label.edges.count))),
                ]).serialized(pretty: true))
                return
            }
            print("gt_cost: \(JSONValue.format(label.cost))")
            print("cost with stored ratios: \(JSONValue.format(stored)) (relative difference \(String(format: "%.2e", relative)))")
            print("cost with optimal √ shares: \(JSONValue.format(optimal))")
            print("offloaded users: \(label.edges.count) of \(instance.userCount)")
        }
    }
}

/// `lab msco solve`: exact optimum or GDSG's heuristic on one line.
struct MSCOSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a line with exact (certified optimum, √ shares) or mcmf (GDSG's label heuristic).")

    @Argument(help: "MSCO dataset file.") var file: String
    @Option(help: "Line number (from 1).") var line: Int = 1
    @Option(help: "Method: exact or mcmf.") var method: String = "exact"
    @Option(help: "Seed for mcmf.") var seed: UInt64 = 0
    @Flag(help: "Print a JSON object.") var json = false

    func run() throws {
        try reportingErrors {
            guard method == "exact" || method == "mcmf" else {
                throw LabError(.invalidInput, "unknown --method '\(method)' for msco: use exact or mcmf.")
            }
            let instance = try loadMSCOLine(file, line)
            let p = instance.problem
            let start = Date()
            let result = method == "exact" ? ExactSolver().solve(p, seed: seed) : MSCOInstance.labelSolver(for: instance).solve(p, seed: seed)
            let seconds = Date().timeIntervalSince(start)
            let edges: [JSONValue] = (result.decisions ?? []).enumerated().compactMap { u, d in
                d < 0 ? nil : .array([.number(Double(u + instance.serverCount)), .number(Double(p.options[u][d].server))])
            }
            let optimalShares = result.decisions.flatMap { p.score($0) }?.cost
            if json {
                var members: [(String, JSONValue)] = [
                    ("method", .string(method)), ("status", .string(result.status.rawValue)), ("cost", JSONValue.finite(result.cost)),
                    ("edges", .array(edges)),
                    ("shares", .array((result.decisions ?? []).enumerated().compactMap { u, d in d < 0 ? nil : JSONValue.finite(result.shares[u]) })),
                ]
                if method == "exact" { members.append(("lower_bound", JSONValue.finite(result.lowerBound))) }
                if method == "mcmf" { members.append(("cost_optimal_shares", JSONValue.finite(optimalShares))) }
                if let label = instance.label { members.append(("gt_cost", .number(label.cost))) }
                members.append(("seconds", .number(seconds)))
                print(JSONValue.object(members).serialized(pretty: true))
                return
            }
            print("method: \(method)\nstatus: \(result.status.rawValue)\ncost: \(JSONValue.format(result.cost))")
            if method == "mcmf", let optimalShares { print("same decisions, optimal √ shares: \(JSONValue.format(optimalShares))") }
            if let label = instance.label { print("stored gt_cost: \(JSONValue.format(label.cost)) (ratio \(String(format: "%.4f", label.cost / result.cost)))") }
            print("offloaded edges (user node, server): \(edges.map { $0.serialized() }.joined(separator: " "))")
            print(String(format: "seconds: %.4f", seconds))
        }
    }
}
