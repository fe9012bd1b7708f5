import Foundation
import LabCore
import LAENet
import Store
import Testing
import TestSupport
@testable import Catalog

/// `lab cache export` of datasets (instance JSON lines), solutions (per-user decisions) and
/// tables (`.npy` of numeric columns, `.json` in column order).
@Suite(.serialized) struct RecordExportTests {
    static let notebook = """
    ```lab id=c
    d = laenet.dataset("gs2_gu4_au2", count: 3, seed: 2)
    s = laenet.solve(d, method: "mcmf", seed: 0)
    short = laenet.dataset("gs2_gu4_au2", count: 2, seed: 2)
    t = table.from_records([{zeta: 1, alpha: 2.5}, {zeta: 3, alpha: 4}])
    m = table.from_records([{zeta: 1, name: "x"}])
    ```
    """

    @Test func datasetsSolutionsAndTablesExportForPython() throws {
        let s = try Scratch()
        try Self.notebook.write(to: s.url.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
        let ran = try lab(["run", "nb.md", "--store", "x.sqlite", "--quiet"], in: s.url)
        #expect(ran.status == 0, "\(ran.err)")
        let db = try StoreDatabase(path: s.url.appendingPathComponent("x.sqlite").path, options: StoreOptions(readOnly: true))
        let key = try #require(try db.cacheKeys(prefix: "", limit: 100).first { (try? db.lookup($0))??.outputs["d"] != nil })
        func export(_ name: String, _ file: String) throws -> (status: Int32, err: String, text: String) {
            let r = try lab(["cache", "export", "\(key):\(name)", "-o", file, "--store", "x.sqlite"], in: s.url)
            let text = (try? String(contentsOf: s.url.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return (r.status, r.err, text)
        }
        let scale = try LAENetScale.parse("gs2_gu4_au2")
        let lines = try export("d", "d.jsonl")
        #expect(lines.status == 0, "\(lines.err)")
        let instances = lines.text.split(separator: "\n").map(String.init)
        #expect(instances.count == 3)
        for (i, line) in instances.enumerated() {
            #expect(try LAENetInstance.decode(line, file: "line \(i)") == LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 2, index: i))
        }
        let json = try export("s", "s.json")
        #expect(json.status == 0, "\(json.err)")
        let object = try JSONValue.parse(json.text)
        #expect(object["method"]?.string == "mcmf" && object["instances"]?.array?.count == 3)
        let first = try #require(object["instances"]?.array?.first)
        #expect(first["decisions"]?.array?.count == 6 && first["status"]?.string == "heuristic")
        let csv = try export("s", "s.csv")
        #expect(csv.status == 0 && csv.text.hasPrefix("instance,user,decision,cost,status\n0,0,"), "\(csv.text.prefix(80))")
        #expect(csv.text.split(separator: "\n").count == 1 + 3 * 6, "one row per user")
        // With the dataset they solve, every decision is also its user's server index.
        let withServers = try lab(["cache", "export", "\(key):s", "-o", "servers.json", "--dataset", "\(key):d", "--store", "x.sqlite"], in: s.url)
        #expect(withServers.status == 0, "\(withServers.err)")
        let served = try JSONValue.parse(String(contentsOf: s.url.appendingPathComponent("servers.json"), encoding: .utf8))
        for (i, entry) in (served["instances"]?.array ?? []).enumerated() {
            let model = LAENetModel(LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 2, index: i))
            let decisions = (entry["decisions"]?.array ?? []).compactMap { $0.number.map { Int($0) } }
            let servers = (entry["servers"]?.array ?? []).map { $0.number.map { Int($0) } }
            #expect(decisions.count == 6 && servers == model.choices(decisions), "instance \(i): \(servers)")
            #expect(model.decisions(servers) == decisions, "the servers map back to the decisions")
        }
        let serverCSV = try lab(["cache", "export", "\(key):s", "-o", "servers.csv", "--dataset", "\(key):d", "--store", "x.sqlite"], in: s.url)
        let csvText = try String(contentsOf: s.url.appendingPathComponent("servers.csv"), encoding: .utf8)
        #expect(serverCSV.status == 0 && csvText.hasPrefix("instance,user,decision,cost,status,server\n"), "\(serverCSV.err)")
        for row in csvText.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect((fields[2] == "-1") == fields[5].isEmpty, "local rows, and only they, have no server: \(row)")
        }
        let mismatched = try lab(["cache", "export", "\(key):s", "-o", "bad.json", "--dataset", "\(key):short", "--store", "x.sqlite"], in: s.url)
        #expect(mismatched.status == 2 && mismatched.err.contains("3 instances") && mismatched.err.contains("has 2"), "\(mismatched.err)")
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("bad.json").path), "nothing written")
        let notDataset = try lab(["cache", "export", "\(key):s", "-o", "bad.json", "--dataset", "\(key):t", "--store", "x.sqlite"], in: s.url)
        #expect(notDataset.status == 2 && notDataset.err.contains("not a laenet.dataset"), "\(notDataset.err)")
        let notSolutions = try lab(["cache", "export", "\(key):t", "-o", "bad.json", "--dataset", "\(key):d", "--store", "x.sqlite"], in: s.url)
        #expect(notSolutions.status == 2 && notSolutions.err.contains("only goes with a laenet.solutions"), "\(notSolutions.err)")
        let table = try export("t", "t.json")
        #expect(table.text == "{\"zeta\":[1,3],\"alpha\":[2.5,4]}", "columns in table order, integers as integers")
        let npy = try lab(["cache", "export", "\(key):t", "-o", "t.npy", "--store", "x.sqlite"], in: s.url)
        #expect(npy.status == 0, "\(npy.err)")
        let bytes = Array(try Data(contentsOf: s.url.appendingPathComponent("t.npy")))
        let header = String(decoding: bytes[10..<Int(bytes[8]) + 10], as: UTF8.self)
        #expect(header.contains("'descr': '<f8'") && header.contains("'shape': (2, 2)"), "\(header)")
        let values = stride(from: bytes.count - 32, to: bytes.count, by: 8).map { o in
            Double(bitPattern: bytes[o..<o + 8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        }
        #expect(values == [1, 2.5, 3, 4], "row-major rows × columns")
        let text = try export("m", "m.npy")
        #expect(text.status == 2 && text.err.contains("`name`") && text.err.contains("text"), "\(text.err)")
        let wrong = try export("t", "t.jsonl")
        #expect(wrong.status == 2 && wrong.err.contains(".jsonl"), "\(wrong.err)")
    }
}
