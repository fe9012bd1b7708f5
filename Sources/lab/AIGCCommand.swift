import AIGC
import ArgumentParser
import Foundation
import LabCore

/// `lab aigc`: Solve and evaluate AIGC offloading and quality-control drops.
struct AIGCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aigc",
        abstract: "Solve and evaluate AIGC offloading and quality-control drops.",
        discussion: """
        The model of arXiv 2312.06203 as specified in docs/aigc.md: users \
        choose on-device or edge reverse diffusion, local DVFS time and step counts. Drop files \
        use the "aigc-drop/1" JSON format (see `lab aigc drop`); solutions "aigc-solution/1".
        """,
        subcommands: [AIGCDropCommand.self, AIGCSolveCommand.self, AIGCEvaluateCommand.self, AIGCSweepCommand.self]
    )
}

/// File and table helpers shared by the `lab aigc` subcommands.
enum AIGCCLI {
    /// Reads a file or throws `.invalidInput` naming it.
    static func read(_ path: String, what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LabError(.invalidInput, "cannot read \(what) '\(path)'; check the path.")
        }
        return data
    }

    /// Reads and validates a drop file.
    static func drop(_ path: String) throws -> AIGCDrop {
        try AIGCDrop.decode(read(path, what: "drop file"), file: path)
    }

    /// Writes bytes to `path`, or to standard output for `-`.
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
            return
        }
        try writeOutput(Array(data), to: path, createFolders: true)
    }

    /// Parses a method name (`proposed`, `rand-init`, …).
    static func method(_ name: String) throws -> AIGCMethod {
        guard let m = AIGCMethod(rawValue: name) else {
            let names = AIGCMethod.allCases.map(\.rawValue).joined(separator: ", ")
            throw LabError(.invalidInput, "unknown method '\(name)'; use one of \(names) or all.")
        }
        return m
    }

    /// Parses a comma-separated method list, `all` meaning every method.
    static func methods(_ list: String) throws -> [AIGCMethod] {
        if list == "all" { return AIGCMethod.allCases }
        return try list.split(separator: ",").map { try method($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Fixed-width number for tables.
    static func num(_ x: Double, _ digits: Int = 3) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : String(describing: x)
    }

    /// Left-pads or right-pads `s` to `width`.
    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }

    /// The one-line-per-method summary table.
    static func summary(_ solutions: [AIGCSolution]) -> String {
        var lines = [
            pad("method", 20) + pad("feasible", 9) + pad("objective", 11, right: true) + pad("mean T (s)", 12, right: true)
                + pad("mean ε", 9, right: true) + pad("energy (J)", 12, right: true) + pad("offloaded", 11, right: true)
                + pad("iters", 7, right: true),
        ]
        for s in solutions {
            let r = s.reported
            lines.append(pad(s.method.rawValue, 20) + pad(s.reportedFeasible ? "yes" : "no", 9)
                + pad(num(r.objective), 11, right: true) + pad(num(r.meanTime), 12, right: true)
                + pad(num(r.meanError), 9, right: true) + pad(num(r.energy), 12, right: true)
                + pad(num(r.offloaded, 1), 11, right: true) + pad(String(max(s.history.count - 1, 0)), 7, right: true))
        }
        return lines.joined(separator: "\n")
    }

    /// The per-user decision table of one solution.
    static func decisionTable(_ d: AIGCDecision, _ e: AIGCEvaluation, _ p: AIGCParameters) -> String {
        let f = d.frequencies(p)
        var lines = [pad("user", 6) + pad("mode", 7) + pad("s^L", 6, right: true) + pad("s^E", 6, right: true)
            + pad("t (s)", 8, right: true) + pad("f (GHz)", 9, right: true) + pad("T (s)", 8, right: true)
            + pad("ε", 8, right: true) + pad("E (J)", 8, right: true) + pad("cost", 9, right: true)]
        for n in 0..<d.count {
            let o = e.perUser.indices.contains(n) ? e.perUser[n] : nil
            lines.append(pad(String(n), 6) + pad(d.offload[n] ? "edge" : "local", 7)
                + pad(num(d.localSteps[n], 0), 6, right: true) + pad(num(d.edgeSteps[n], 0), 6, right: true)
                + pad(num(d.localTime[n]), 8, right: true) + pad(num(f[n] / 1e9, 2), 9, right: true)
                + pad(num(o?.time ?? .nan), 8, right: true) + pad(num(o?.error ?? .nan), 8, right: true)
                + pad(num(o?.energy ?? .nan), 8, right: true) + pad(num(o?.cost ?? .nan), 9, right: true))
        }
        return lines.joined(separator: "\n")
    }
}
