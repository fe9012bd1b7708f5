import AIGC
import ArgumentParser
import Foundation
import LabCore

/// `lab aigc sweep`: a parameter sweep over seeded drops, written as CSV records.
struct AIGCSweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep S_tot, S_L or the weights over seeded drops; write CSV records.",
        discussion: """
        --sweep edge-capacity (40…300), local-step-limit (10…50) or weights (12 sets). One row per \
        point, seed and method (AIGCRecord columns). The same library call is what notebooks use.
        """
    )

    @Option(help: "edge-capacity, local-step-limit or weights.")
    var sweep: String = "edge-capacity"

    @Option(help: "Number of seeded drops (seeds 1…n).")
    var drops: Int = 20

    @Option(help: "Users per drop.")
    var users: Int = 8

    @Option(name: .shortAndLong, help: "Methods: comma-separated list or all.")
    var methods: String = "all"

    @Option(name: .shortAndLong, help: "CSV output file (- for standard output).")
    var output: String = "-"

    func run() throws {
        try reportingErrors {
            guard (1...AIGCSweep.maximumDrops).contains(drops), (1...AIGCDrop.maximumUsers).contains(users) else {
                throw LabError(.invalidInput, "--drops must be in 1...\(AIGCSweep.maximumDrops) and --users in 1...\(AIGCDrop.maximumUsers) (got \(drops), \(users)).")
            }
            let points: [AIGCSweepPoint]
            switch sweep {
            case "edge-capacity": points = AIGCSweep.edgeCapacity()
            case "local-step-limit": points = AIGCSweep.localStepLimit()
            case "weights": points = AIGCSweep.weights()
            default: throw LabError(.invalidInput, "unknown --sweep '\(sweep)'; use edge-capacity, local-step-limit or weights.")
            }
            var chosen = try AIGCCLI.methods(methods)
            if users > 14 { chosen.removeAll { $0 == .exhaustive } }
            let records = try AIGCSweep.run(points: points, seeds: (1...drops).map(UInt64.init), users: users, methods: chosen)
            try AIGCCLI.write(Data(AIGCSweep.csv(records).utf8), to: output)
            if output != "-" { print("\(records.count) records → \(output)") }
        }
    }
}
