import AIGC
import ArgumentParser
import Foundation
import LabCore

/// `lab aigc drop`: writes a seeded user drop as an `aigc-drop/1` file.
struct AIGCDropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Write a seeded user drop (aigc-drop/1 JSON) with the parameters of docs/aigc.md §B.2."
    )

    @Option(help: "Seed of the user draws.")
    var seed: UInt64 = 1

    @Option(help: "Number of users N.")
    var users: Int = 8

    @Option(name: .customLong("edge-capacity"), help: "S_tot, edge steps per frame.")
    var edgeCapacity: Double = AIGCParameters.default.edgeCapacity

    @Option(name: .customLong("local-step-limit"), help: "S_L, most steps a device may run.")
    var localStepLimit: Double = AIGCParameters.default.localStepLimit

    @Option(name: .shortAndLong, help: "Output file (- for standard output).")
    var output: String = "-"

    func run() throws {
        try reportingErrors {
            guard (1...AIGCDrop.maximumUsers).contains(users) else {
                throw LabError(.invalidInput, "--users must be in 1...\(AIGCDrop.maximumUsers), got \(users).")
            }
            var p = AIGCParameters.default
            p.edgeCapacity = edgeCapacity
            p.localStepLimit = localStepLimit
            let drop = AIGCDrop.generate(seed: seed, users: users, parameters: p)
            try drop.validate(file: "--options")
            try AIGCCLI.write(try drop.encoded(), to: output)
            if output != "-" { print(output) }
        }
    }
}
