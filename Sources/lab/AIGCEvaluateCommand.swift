import AIGC
import ArgumentParser
import Foundation
import LabCore

/// `lab aigc evaluate`: the costs of a decision on a drop, and every violated constraint.
struct AIGCEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a solution or decision file on a drop and name violated constraints.",
        discussion: """
        The second file is an aigc-solution/1 file (as `lab aigc solve --output` writes) or a bare \
        aigc-decision/1 file with the arrays offload, localSteps, edgeSteps and localTime. Exit \
        codes: 2 for a bad file (the message names the field); with --strict, 6 when a constraint \
        is violated.
        """
    )

    @Argument(help: "The drop file (aigc-drop/1 JSON).")
    var drop: String

    @Argument(help: "The solution (aigc-solution/1) or decision (aigc-decision/1) file.")
    var solution: String

    @Flag(help: "Require whole step counts.")
    var integer = false

    @Flag(help: "Exit with code 6 when the decision violates a constraint.")
    var strict = false

    @Flag(help: "Print the evaluation as JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let instance = try AIGCCLI.drop(drop)
            let decision = try AIGCDecision.decode(AIGCCLI.read(solution, what: "solution file"), file: solution,
                                                   users: instance.count)
            let e = AIGCEvaluation(decision, on: instance, integerSteps: integer)
            if json {
                try AIGCCLI.write(try AIGCJSON.encoder().encode(e), to: "-")
            } else {
                let c = e.costs
                print("objective \(AIGCCLI.num(c.objective, 6)) = c1·time \(AIGCCLI.num(c.time, 4)) s + c2·error \(AIGCCLI.num(c.error, 4)) + c3·energy \(AIGCCLI.num(c.energy, 4)) J − utility \(AIGCCLI.num(c.utility, 4))")
                print("mean time \(AIGCCLI.num(c.meanTime)) s, mean error \(AIGCCLI.num(c.meanError, 4)), offloaded \(Int(c.offloaded)) of \(c.users)")
                print(AIGCCLI.decisionTable(decision, e, instance.parameters))
                print(e.feasible ? "feasible: yes" : "feasible: no (\(e.violations.count) violated)")
                for v in e.violations { print("violation: \(v)") }
            }
            if strict && !e.feasible {
                let names = Set(e.violations.map(\.constraint.rawValue)).sorted().joined(separator: ", ")
                throw LabError(.numerical, "\(solution) violates \(names) on \(drop).")
            }
        }
    }
}
