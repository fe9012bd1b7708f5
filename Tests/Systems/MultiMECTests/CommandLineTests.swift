import Foundation
import LabCore
import Testing
import TestSupport
@testable import MultiMEC

/// `lab mec generate` and `lab mec replay` end to end, with their exit codes.
struct CommandLineTests {
    @Test func generateThenReplay() throws {
        let scratch = try TemporaryDirectory("multimec-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let g = try runLab(["mec", "generate", "--env", "6,5,500", "--seed", "3", "--out", "\(dir)/e.json"])
        #expect(g.status == 0)
        let text = try String(contentsOfFile: "\(dir)/e.json", encoding: .utf8)
        #expect(text == MECEpisodeFile.allLocal(try MECEnvironment.parse("6,5,500"), seed: 3).fileText)
        let r = try runLab(["mec", "replay", "\(dir)/e.json", "--json"])
        #expect(r.status == 0)
        let report = try JSONValue.parse(r.out)
        #expect(report["format"]?.string == "mec-replay/1" && report["completed"] == .bool(true))
        #expect(report["steps"]?.array?.count == 20)
        let expected = try MECReplay(MECEpisodeFile.decode(text, file: "e.json")).json
        #expect(report == expected)
        let plain = try runLab(["mec", "replay", "\(dir)/e.json"])
        #expect(plain.status == 0 && plain.out.contains("completed: yes"))
    }

    @Test func badInputExitsTwoNamingTheField() throws {
        let scratch = try TemporaryDirectory("multimec-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let bad = """
        {"format": "mec-episode/1", "environment": {"bandwidth_mhz": 6, "edge_ghz": 5, "mean_task_kb": 500},
         "distances_m": [30, 35], "steps": [{"task_kb": [500, -1], "actions": [[0, 0], [0, 0]]}]}
        """
        try bad.write(toFile: "\(dir)/bad.json", atomically: true, encoding: .utf8)
        let r = try runLab(["mec", "replay", "\(dir)/bad.json", "--json"])
        #expect(r.status == 2 && r.err.contains("steps[0].task_kb[1]"))
        let missing = try runLab(["mec", "replay", "\(dir)/none.json"])
        #expect(missing.status == 2)
        for env in ["6,5", "6,5,0", "6,5,1e9"] {
            let g = try runLab(["mec", "generate", "--env", env, "--out", "\(dir)/x.json"])
            #expect(g.status == 2)
        }
        let users = try runLab(["mec", "generate", "--env", "6,5,500", "--users", "5000", "--out", "\(dir)/x.json"])
        #expect(users.status == 2)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x.json"))
    }
}
