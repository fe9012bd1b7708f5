import AIGC
import ArgumentParser
import Foundation
import LabCore

/// `lab aigc solve`: solves a drop file with one or more methods.
struct AIGCSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an aigc-drop/1 file with the proposed method or baselines.",
        discussion: """
        Methods: proposed, rand-init, rand-off-opt, sca-rand-start, all-local, all-edge, exhaustive \
        (comma-separated, or all). Prints a summary table; with one method also the per-user \
        decision. --output writes the solution (aigc-solution/1), or a JSON array of solutions \
        for several methods. Exit codes: 2 for a bad drop file or option.
        """
    )

    @Argument(help: "The drop file (aigc-drop/1 JSON).")
    var drop: String

    @Option(name: .shortAndLong, help: "Method name, comma-separated list, or all.")
    var method: String = "proposed"

    @Option(help: "Seed of randomised methods (default: the drop's seed, else 0).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Write the solution JSON here (- for standard output).")
    var output: String?

    func run() throws {
        try reportingErrors {
            let instance = try AIGCCLI.drop(drop)
            let methods = try AIGCCLI.methods(method)
            var solutions: [AIGCSolution] = []
            for m in methods {
                let start = Date()
                let s = try instance.solve(method: m, seed: seed)
                solutions.append(s)
                if output != "-" {
                    FileHandle.standardError.write(Data("\(m.rawValue): \(AIGCCLI.num(Date().timeIntervalSince(start) * 1000, 1)) ms\n".utf8))
                }
            }
            if let output {
                let data = solutions.count == 1 ? try solutions[0].encoded() : try AIGCJSON.encoder().encode(solutions)
                try AIGCCLI.write(data, to: output)
                if output == "-" { return }
            }
            print("\(drop): N = \(instance.count), S_tot = \(AIGCCLI.num(instance.parameters.edgeCapacity, 0))")
            print(AIGCCLI.summary(solutions))
            if solutions.count == 1, let s = solutions.first {
                print("")
                print(AIGCCLI.decisionTable(s.decision, AIGCEvaluation(s.decision, on: instance), instance.parameters))
                for v in s.violations { print("violation: \(v)") }
            }
        }
    }
}
