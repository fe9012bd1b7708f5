import Foundation
import LabCore
import Testing
import TestSupport
@testable import Store

/// `lab cache …` end to end, through the built `lab` executable.
@Suite("lab cache", .serialized) struct CommandLineTests {
    /// A `tensor/1` encoding built by hand (layout documented in Tensors' serialization).
    func tensorBytes(shape: [Int], values: [Float]) -> [UInt8] {
        var out = Array("OLTN".utf8)
        func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        append(UInt16(1))
        append(UInt16(1))
        append(UInt32(shape.count))
        for d in shape { append(UInt64(d)) }
        for v in values { append(v.bitPattern) }
        return out
    }

    func lab(_ arguments: [String]) throws -> (status: Int32, lines: [String], stderr: String) {
        try Child(arguments).finish()
    }

    func makeStore(_ dir: TemporaryDirectory) throws -> (path: String, key: String) {
        let path = dir.path("s.sqlite")
        let db = try StoreDatabase(path: path)
        let key = "0123456789abcdef-train"
        try db.record(key: key, outputs: [
            "weights": BlobPayload(codec: "tensor/1", bytes: tensorBytes(shape: [2, 3], values: [1, 2, 3, 4, 5, .nan])),
            "table": BlobPayload(codec: "json/1", bytes: Array("[[1, 2.5], [3, null]]".utf8)),
            "note": BlobPayload(codec: "text/1", bytes: Array("hello".utf8)),
        ])
        try db.appendMetrics((0..<5).map { MetricPoint(key: key, name: "loss", step: Int64($0), value: 1 / Double($0 + 1), wallTime: 100 + Double($0)) })
        return (path, key)
    }

    @Test func exportWritesNpyThatNumpyCanRead() throws {
        let dir = try TemporaryDirectory()
        let (path, _) = try makeStore(dir)
        let out = dir.path("w.npy")
        let result = try lab(["cache", "export", "0123:weights", "-o", out, "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        let npy = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(Array(npy.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(npy[8]) | Int(npy[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: npy[10..<10 + headerLength], as: UTF8.self)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (2, 3)") && header.hasSuffix("\n"))
        let body = Array(npy[(10 + headerLength)...])
        #expect(body.count == 24)
        let values = (0..<6).map { i in Float(bitPattern: body[4 * i..<4 * i + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }
        #expect(Array(values.prefix(5)) == [1, 2, 3, 4, 5] && values[5].isNaN)
    }

    @Test func exportWritesCsvAndJsonForTensorsTablesAndSeries() throws {
        let dir = try TemporaryDirectory()
        let (path, key) = try makeStore(dir)
        func export(_ value: String, _ file: String, _ extra: [String] = []) throws -> String {
            let result = try lab(["cache", "export", value, "-o", dir.path(file), "--store", path] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try String(contentsOfFile: dir.path(file), encoding: .utf8)
        }
        #expect(try export("\(key):weights", "w.csv") == "1,2,3\n4,5,nan\n")
        let json = try JSONSerialization.jsonObject(with: Data(try export("\(key):weights", "w.json").utf8)) as? [[Any]]
        #expect(json?.count == 2 && json?[1].count == 3 && json?[1][2] is NSNull)
        #expect(try export("\(key):table", "t.csv") == "1,2.5\n3,nan\n")
        #expect(try export("\(key):table", "t.json") == "[[1, 2.5], [3, null]]")
        let csv = try export(String(key.prefix(6)), "loss.csv", ["--metric", "loss"])
        #expect(csv.split(separator: "\n").first == "step,value,wall_time")
        #expect(csv.split(separator: "\n")[2] == "1,0.5,101")
        let records = try JSONSerialization.jsonObject(with: Data(try export(key, "loss.json", ["--metric", "loss"]).utf8)) as? [[String: Any]]
        #expect(records?.count == 5 && (records?[4]["step"] as? Int) == 4)
    }

    @Test func exportExplainsWhatItCannotDo() throws {
        let dir = try TemporaryDirectory()
        let (path, key) = try makeStore(dir)
        let text = try lab(["cache", "export", "\(key):note", "-o", dir.path("n.npy"), "--store", path])
        #expect(text.status == LabError.Code.invalidInput.exitCode)
        #expect(text.stderr.contains("text/1 cannot be exported"))
        let missing = try lab(["cache", "export", "\(key):nope", "-o", dir.path("n.npy"), "--store", path])
        #expect(missing.stderr.contains("Its outputs: note, table, weights"))
        let format = try lab(["cache", "export", "\(key):table", "-o", dir.path("n.xlsx"), "--store", path])
        #expect(format.status == LabError.Code.invalidInput.exitCode && format.stderr.contains(".npy, .csv, .json, .npz or .safetensors"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("n.npy")))
    }

    @Test func lsStatsVerifyAndGcReportTheStore() throws {
        let dir = try TemporaryDirectory()
        let (path, key) = try makeStore(dir)
        let ls = try lab(["cache", "ls", "--store", path])
        #expect(ls.status == 0 && ls.lines.first?.hasPrefix(String(key.prefix(12))) == true)
        #expect(ls.lines.contains { $0.contains("weights  tensor/1") })
        let series = try lab(["cache", "ls", "--kind", "series", "--store", path])
        #expect(series.lines.first?.contains("loss  5 points, steps 0…4") == true)
        let stats = try lab(["cache", "stats", "--store", path])
        #expect(stats.status == 0 && stats.lines.contains { $0.hasPrefix("Blobs") && $0.contains("3 (") })
        #expect(try lab(["cache", "verify", "--store", path]).status == 0)
        do {
            let db = try StoreDatabase(path: path)
            try db.putBlob(BlobPayload(codec: "text/1", bytes: [9]))
        }
        let dry = try lab(["cache", "gc", "--grace", "0", "--dry-run", "--store", path])
        #expect(dry.lines.first?.hasPrefix("Would remove 1 unreferenced blob") == true)
        let gc = try lab(["cache", "gc", "--grace", "0", "--store", path])
        #expect(gc.lines.first?.hasPrefix("Removed 1 unreferenced blob") == true)
        #expect(try StoreDatabase(path: path).stats().blobs == 3)
    }

    @Test func verifyExitsWithTheCorruptCodeAndNamesTheProblem() throws {
        let dir = try TemporaryDirectory()
        let (path, _) = try makeStore(dir)
        do {
            let db = try StoreDatabase(path: path)
            try db.connection.execute("UPDATE blob_data SET data = X'00' WHERE id = (SELECT min(id) FROM blob_data)", doing: "tamper")
        }
        let damaged = try lab(["cache", "verify", "--store", path])
        #expect(damaged.status == LabError.Code.corrupt.exitCode)
        #expect(damaged.stderr.contains("problem: blob"))
        let garbage = dir.path("garbage.sqlite")
        try Data(bytes(4096, seed: 1)).write(to: URL(fileURLWithPath: garbage))
        let foreign = try lab(["cache", "verify", "--store", garbage])
        #expect(foreign.status == LabError.Code.corrupt.exitCode)
        #expect(foreign.stderr.contains("\(garbage) is not a lab store"))
        let ls = try lab(["cache", "ls", "--store", garbage])
        #expect(ls.status == LabError.Code.corrupt.exitCode && ls.stderr.contains("lab cache verify --store \(garbage)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: garbage)) == Data(bytes(4096, seed: 1)))
    }

    /// `value/1` bytes built by hand (layout documented in Notebook's value encoding).
    struct ValueBytes {
        var bytes: [UInt8] = []
        mutating func int<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        mutating func string(_ s: String) { int(UInt32(s.utf8.count)); bytes += Array(s.utf8) }
        mutating func number(_ d: Double) { bytes.append(2); int(d.bitPattern) }
        mutating func list(_ count: Int) { bytes.append(5); int(UInt32(count)) }
        mutating func series(_ name: String, steps: [Int64], values: [Double]) {
            bytes.append(9); string(name); int(UInt32(steps.count))
            for s in steps { int(s) }
            for v in values { int(v.bitPattern) }
        }
    }

    @Test func exportTurnsNotebookValuesIntoFilesPythonReads() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("s.sqlite")
        var matrix = ValueBytes()
        matrix.list(2)
        for row in [[1.0, 2.0], [3.0, .nan]] {
            matrix.list(2)
            for x in row { matrix.number(x) }
        }
        var series = ValueBytes()
        series.series("loss", steps: [0, 10], values: [2.5, 1.25])
        var record = ValueBytes()
        record.bytes.append(6)
        record.int(UInt32(2))
        record.string("name")
        record.bytes.append(3)
        record.string("gcn")
        record.string("ok")
        record.bytes += [4, 1]
        try StoreDatabase(path: path).record(key: "cell-key", outputs: [
            "matrix": BlobPayload(codec: "value/1", bytes: matrix.bytes),
            "curve": BlobPayload(codec: "value/1", bytes: series.bytes),
            "info": BlobPayload(codec: "value/1", bytes: record.bytes),
        ])
        func export(_ output: String, _ file: String) throws -> (status: Int32, text: String, stderr: String) {
            let result = try lab(["cache", "export", "cell-key:\(output)", "-o", dir.path(file), "--store", path])
            let text = (try? String(contentsOfFile: dir.path(file), encoding: .utf8)) ?? ""
            return (result.status, text, result.stderr)
        }
        #expect(try export("matrix", "m.csv").text == "1,2\n3,nan\n")
        #expect(try export("matrix", "m.json").text == "[[1,2],[3,null]]")
        let npy = try export("matrix", "m.npy")
        #expect(npy.status == 0, "\(npy.stderr)")
        let header = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path("m.npy"))))
        #expect(String(decoding: header.prefix(128), as: UTF8.self).contains("'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)"))
        #expect(try export("curve", "c.csv").text == "step,value\n0,2.5\n10,1.25\n")
        #expect(try export("curve", "c.json").text == "{\"name\":\"loss\",\"steps\":[0,10],\"values\":[2.5,1.25]}")
        #expect(try export("info", "i.json").text == "{\"name\":\"gcn\",\"ok\":true}")
        let refused = try export("info", "i.npy")
        #expect(refused.status == LabError.Code.invalidInput.exitCode && refused.stderr.contains("export it to .json instead"))
    }
}
