import Foundation
import LabCore
import Testing
import TestSupport
@testable import LAENet

/// End-to-end checks of `lab laenet` / `lab msco`: exit codes, messages naming the field, and
/// that nothing is written on bad input. Uses the `lab` executable built next to the tests.
struct CommandLineTests {
    /// Runs `lab` with arguments; returns (exit code, stdout, stderr).
    func run(_ args: [String]) throws -> (Int32, String, String) {
        let r = try runLab(args)
        return (r.status, r.out, r.err)
    }

    @Test func generateSolveEvaluateRoundTrip() throws {
        let scratch = try TemporaryDirectory("laenet-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let (c1, _, _) = try run(["laenet", "generate", "--scale", "gs2_gu4_au2", "--profile", "balanced", "--seed", "5", "--out", "\(dir)/a.json"])
        #expect(c1 == 0)
        let a = try String(contentsOfFile: "\(dir)/a.json", encoding: .utf8)
        #expect(a == LAENetGenerator.generate(scale: try LAENetScale.parse("gs2_gu4_au2"), profile: .balanced, seed: 5).fileText)
        let (c2, solved, _) = try run(["laenet", "solve", "\(dir)/a.json", "--method", "exact", "--json", "--out", "\(dir)/s.json"])
        #expect(c2 == 0)
        let object = try JSONValue.parse(solved)
        #expect(object["status"]?.string == "optimal")
        #expect(object["lower_bound"]?.number == object["cost"]?.number)
        #expect(object["solution"]?["format"]?.string == "laenet-solution/1")
        let (c3, evaluated, _) = try run(["laenet", "evaluate", "\(dir)/a.json", "\(dir)/s.json", "--json"])
        #expect(c3 == 0)
        let e = try JSONValue.parse(evaluated)
        #expect(e["feasible"] == .bool(true) && e["violation"] == .null)
        #expect(abs(e["cost"]!.number! - object["cost"]!.number!) <= 1e-12 * object["cost"]!.number!)
        #expect(e["users"]?.array?.count == 6)
        let (c4, _, _) = try run(["laenet", "generate", "--scale", "gs2_gu4_au2", "--seed", "5", "--count", "3", "--out", "\(dir)/many"])
        #expect(c4 == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/many").count == 3)
    }

    @Test func badInputsExitWithCode2AndNameTheField() throws {
        let scratch = try TemporaryDirectory("laenet-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let (c0, _, scaleError) = try run(["laenet", "generate", "--scale", "gs2_gu4", "--out", "\(dir)/x.json"])
        #expect(c0 == 2 && scaleError.contains("gsX_guY_auZ"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/x.json"))
        let good = LAENetGenerator.generate(scale: try LAENetScale.parse("gs2_gu4_au2"), profile: .paper, seed: 1).fileText
        let cases: [(String, String)] = [
            ("{ not json", "not valid JSON"),
            (good.replacingFirst("\"tx_power_w\": ", "\"tx_power\": "), "users[0].tx_power_w: is missing"),
            (good.replacingFirst("\"workload_cycles\": ", "\"workload_cycles\": -"), "users[0].workload_cycles"),
            (good.replacingFirst("[0, 0]", "[0, 3]"), "links[0][1] (server)"),
            (good.replacingFirst("\"gs2_gu4_au2\"", "\"gs2_gu4_auX\""), "field scale"),
        ]
        for (i, (text, field)) in cases.enumerated() {
            let path = "\(dir)/bad\(i).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let (code, out, err) = try run(["laenet", "solve", path, "--method", "mcmf", "--json", "--out", "\(dir)/sol\(i).json"])
            #expect(code == 2, "case \(i)")
            #expect(err.contains(path) && err.contains(field), "case \(i): \(err)")
            #expect(out.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/sol\(i).json"))
        }
        let (c1, _, methodError) = try run(["laenet", "solve", "\(dir)/bad0.json", "--method", "magic"])
        #expect(c1 == 2 && methodError.contains("--method"))
    }
}

extension CommandLineTests {
    @Test func mscoEvaluateAndSolve() throws {
        let scratch = try TemporaryDirectory("laenet-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        let (c0, _, _) = try run(["msco", "generate", "--servers", "3", "--users", "6", "--seed", "2", "--count", "3", "--out", "\(dir)/m.txt"])
        #expect(c0 == 0)
        let (c1, out, _) = try run(["msco", "evaluate", "\(dir)/m.txt", "--line", "2", "--json"])
        #expect(c1 == 0)
        let e = try JSONValue.parse(out)
        #expect(e["reproduces_gt_cost"] == .bool(true))
        #expect(e["cost_optimal_shares"]!.number! <= e["cost_stored_ratios"]!.number! * (1 + 1e-12))
        let (c2, solved, _) = try run(["msco", "solve", "\(dir)/m.txt", "--line", "2", "--method", "exact", "--json"])
        #expect(c2 == 0)
        let s = try JSONValue.parse(solved)
        #expect(s["status"]?.string == "optimal" && s["cost"]!.number! <= e["cost_optimal_shares"]!.number! * (1 + 1e-12))
        let (c3, _, err) = try run(["msco", "evaluate", "\(dir)/m.txt", "--line", "9"])
        #expect(c3 == 2 && err.contains("--line 9 is out of range"))
        try "node 1 0 edge 1 0 node_raw 1 2 3 x".write(toFile: "\(dir)/bad.txt", atomically: true, encoding: .utf8)
        let (c4, _, err4) = try run(["msco", "solve", "\(dir)/bad.txt", "--line", "1"])
        #expect(c4 == 2 && err4.contains("bad.txt:1") && err4.contains("unknown keyword 'x'"))
    }

    /// `--out` writes atomically and replaces a symlink at the destination instead of writing
    /// through it; a missing folder is a bad argument (exit 2).
    @Test func outWritesNeverFollowASymlinkAndAMissingFolderIsExit2() throws {
        let scratch = try TemporaryDirectory("laenet-cli"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        try "precious".write(toFile: "\(dir)/target.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/link.json", withDestinationPath: "\(dir)/target.txt")
        let g = try runLab(["laenet", "generate", "--scale", "gs2_gu4_au2", "--seed", "1", "--out", "\(dir)/link.json"])
        #expect(g.status == 0, "\(g.err)")
        #expect(try String(contentsOfFile: "\(dir)/target.txt", encoding: .utf8) == "precious")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(dir)/link.json")) == nil)
        let missing = try runLab(["laenet", "generate", "--scale", "gs2_gu4_au2", "--seed", "1", "--out", "\(dir)/no/such/folder/a.json"])
        #expect(missing.status == 2, "\(missing.err)")
        #expect(FileManager.default.subpaths(atPath: dir)?.contains { $0.contains(".lab-tmp") } == false)
    }
}
