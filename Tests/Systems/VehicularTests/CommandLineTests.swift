import Foundation
import LabCore
import Testing
import TestSupport
@testable import Vehicular

/// `lab vehicular generate | replay | solve` end to end: outputs, exit codes, named fields.
@Suite struct CommandLineTests {
    @Test func generateReplaySolveRoundTrip() throws {
        let scratch = try TemporaryDirectory("vehicular-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let g = try runLab(["vehicular", "generate", "--vehicles", "4", "--rate", "1.0", "--slots", "6", "--seed", "9", "--out", "\(dir)/t.json"])
        #expect(g.status == 0, "\(g.err)")
        var scenario = VehicularScenario()
        scenario.vehicles = 4
        scenario.slots = 6
        let expected = try scenario.trace(seed: 9)
        #expect(try String(contentsOfFile: "\(dir)/t.json", encoding: .utf8) == expected.fileText)

        let r = try runLab(["vehicular", "replay", "\(dir)/t.json", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let replayed = try JSONValue.parse(r.out)
        #expect(try replayed == expected.replay().json)
        #expect(replayed["slots"]?.array?.count == 6)
        let table = try runLab(["vehicular", "replay", "\(dir)/t.json"])
        #expect(table.status == 0 && table.out.contains("over 6 slots"), "\(table.out)")

        let s = try runLab(["vehicular", "solve", "\(dir)/t.json", "--method", "dpp", "--json", "--out", "\(dir)/s.json"])
        #expect(s.status == 0, "\(s.err)")
        let solved = try JSONValue.parse(s.out)
        #expect(solved["method"]?.string == "dpp")
        #expect(try solved["mean_completion_s"] == expected.solved(method: .dpp).replay().json["mean_completion_s"])
        let written = try VehicularTrace.decode(String(contentsOfFile: "\(dir)/s.json", encoding: .utf8), file: "s.json")
        #expect(written == expected.solved(method: .dpp))
        for m in ["greedy", "ga", "local", "full"] {
            #expect(try runLab(["vehicular", "solve", "\(dir)/t.json", "--method", m, "--json"]).status == 0)
        }
    }

    @Test func badInputsExitWithCode2AndNameTheProblem() throws {
        let scratch = try TemporaryDirectory("vehicular-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let bad = ReplayTests.text.replacingOccurrences(of: "\"partition\": [5, 0]", with: "\"partition\": [7, 0]")
        try bad.write(toFile: "\(dir)/bad.json", atomically: true, encoding: .utf8)
        let r = try runLab(["vehicular", "replay", "\(dir)/bad.json", "--json"])
        #expect(r.status == 2)
        #expect(r.err.contains("slots[1].partition[0]") && r.err.contains("slot 1, vehicle 0"), "\(r.err)")
        #expect(r.out.isEmpty)

        let cases: [([String], String)] = [
            (["vehicular", "generate", "--vehicles", "0", "--out", "\(dir)/x.json"], "--vehicles"),
            (["vehicular", "generate", "--vehicles", "100000000000", "--out", "\(dir)/x.json"], "--vehicles"),
            (["vehicular", "generate", "--slots", "100000001", "--out", "\(dir)/x.json"], "--slots"),
            (["vehicular", "generate", "--rate", "nan", "--out", "\(dir)/x.json"], "--rate"),
            (["vehicular", "generate", "--rate=-1", "--out", "\(dir)/x.json"], "--rate"),
            // A negative number after a space is the option's value, not a missing value.
            (["vehicular", "generate", "--rate", "-1", "--out", "\(dir)/x.json"], "--rate must be a number in 0...1000"),
            (["vehicular", "generate", "--vehicles", "-3", "--out", "\(dir)/x.json"], "--vehicles must be in"),
            (["vehicular", "generate", "--slots", "-1", "--out", "\(dir)/x.json"], "--slots must be in"),
            (["vehicular", "solve", "\(dir)/missing.json"], "cannot read"),
            (["vehicular", "solve", "\(dir)/bad.json", "--method", "sa"], "unknown method"),
        ]
        for (args, words) in cases {
            let c = try runLab(args)
            #expect(c.status == 2, "\(args): \(c.status) \(c.err)")
            #expect(c.err.contains(words), "\(args): \(c.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x.json"))
    }
}
