import Foundation
import LabCore
import Testing
import TestSupport
@testable import LAENet

/// Hostile numbers and sizes in LAENet and MSCO input: every one is an input error naming the
/// field (exit 2), never a trap; requests beyond the documented maximums are refused up front.
struct InputLimitTests {
    let good = LAENetGenerator.generate(scale: try! LAENetScale.parse("gs2_gu4_au2"), profile: .paper, seed: 1).fileText

    @Test(arguments: [
        ("\"cpu_hz\": ", "1e200", "servers[0].cpu_hz"),
        ("\"workload_cycles\": ", "1e31", "users[0].workload_cycles"),
        ("\"position\": [", "-1e300", "servers[0].position[0]"),
        ("\"deadline_s\": ", "1e40", "constants.deadline_s"),
        ("\"links\": [\n    [", "1e300", "links[0][0] (user)"),
        ("\"index\": ", "1e300", "index"),
        ("\"seed\": ", "1e300", "seed"),
    ])
    func hugeNumbersInInstancesNameTheField(_ key: String, _ number: String, _ field: String) throws {
        // Replace the first number after `key`.
        let start = try #require(good.range(of: key)).upperBound
        let end = good[start...].firstIndex { ",]\n".contains($0) }!
        let text = good.replacingCharacters(in: start..<end, with: number)
        #expect(text != good)
        do {
            _ = try LAENetInstance.decode(text, file: "i.json")
            Issue.record("\(field) should be rejected")
        } catch let error as LabError {
            #expect(error.code == .invalidInput && error.message.contains(field), "\(error)")
        }
    }

    @Test func nonFiniteNumbersSerialiseAsNull() {
        #expect(JSONValue.array([.number(.infinity), .number(-.infinity), .number(.nan), .number(1e200)]).serialized() == "[null,null,null,1e+200]")
        #expect(JSONValue.format(.infinity) == "null")
    }

    @Test(arguments: [
        "node 1 0 edge 1e300 0 node_raw 1 1 1 1 edge_raw 1 edge_attr 1 1 1 1 1",
        "node 1 0 edge 1 -1e300 node_raw 1 1 1 1 edge_raw 1 edge_attr 1 1 1 1 1",
        "node 1 0 edge 1 0 node_raw 1 1 1 1 edge_raw 1 edge_attr 1 1 1 1 1 gt_edges 1e300 0 gt_ws 1 gt_cost 1",
        "node 1 0 edge 1 0 node_raw 1 1 1 1 edge_raw 1 edge_attr 1 1 1 1 1 gt_edges 1 9.2233720368547758e18 gt_ws 1 gt_cost 1",
        "node 1 0 edge 1 0 node_raw 1 1 1 1 edge_raw 1 edge_attr 1 1 1 1 1 gt_edges 1.5 0 gt_ws 1 gt_cost 1",
    ])
    func hugeNodeNumbersInMSCOLinesAreErrors(_ line: String) throws {
        do {
            _ = try MSCOInstance.parse(line: line, file: "m.txt", line: 1)
            Issue.record("should be rejected: \(line)")
        } catch let error as LabError {
            #expect(error.code == .invalidInput && error.message.hasPrefix("m.txt:1: section "), "\(error)")
        }
    }

    @Test func countsBeyondTheMaximumAreRefusedBeforeAnythingIsWritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let laenet = try runLab(["laenet", "generate", "--scale", "gs2_gu4_au2", "--count", "\(LAENetGenerator.maximumCount + 1)", "--out", "\(dir)/many"])
        #expect(laenet.status == 2 && laenet.err.contains("--count must be in 1...1000000"), "\(laenet.err)")
        let msco = try runLab(["msco", "generate", "--servers", "2", "--users", "3", "--count", "100000000", "--out", "\(dir)/m.txt"])
        #expect(msco.status == 2 && msco.err.contains("--count must be in 1...1000000"), "\(msco.err)")
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func anInfeasibleSolveExitsWith6AfterPrintingTheResult() throws {
        let scratch = try TemporaryDirectory("infeasible"), dir = scratch.directoryPath
        defer { withExtendedLifetime(scratch) {} }
        // A deadline of a nanosecond: no user can finish anywhere.
        let text = good.replacingFirst("\"deadline_s\": 2", "\"deadline_s\": 0.000000001")
        #expect(text != good)
        try text.write(toFile: "\(dir)/i.json", atomically: true, encoding: .utf8)
        for method in ["exact", "mcmf"] {
            let r = try runLab(["laenet", "solve", "\(dir)/i.json", "--method", method, "--json"])
            #expect(r.status == 6, "\(method): \(r.err)")
            #expect(try JSONValue.parse(r.out)["status"]?.string == "infeasible")
            #expect(r.err.contains("no feasible solution"))
        }
    }
}
