import Catalog
import Foundation
import LabCore
import LAENet
import Notebook

/// Export of values that read as records: LAENet datasets and solutions, and tables with their
/// column order (`.json`) or as a numeric matrix (`.npy`).
extension CacheExport {
    /// The export of `value` to `format` when this file handles it, else nil.
    ///
    /// - `laenet.dataset` → `.jsonl`: one `laenet-instance/1` object per line, in dataset order
    ///   (`lab laenet solve` reads each line saved as a file).
    /// - `laenet.solutions` → `.json` (`{method, instances: [{instance, status, cost, lower_bound,
    ///   decisions}]}`), `.jsonl` (one instance object per line) or `.csv` (`instance,user,decision,
    ///   cost,status`, one row per user); a decision is -1 for local execution, else the index of
    ///   the user's option (its links in instance order on which it meets the deadline). With
    ///   `solved` (the dataset they solve) each user's server index is added: `servers` in the
    ///   JSON forms (null for local), a `server` column in the CSV (empty for local).
    /// - tables → `.json` with columns in table order; `.npy`: a rows × columns float64 matrix of
    ///   numeric tables (a text column is an error naming it).
    func exportRecords(_ value: Value, format: String, solved: LAENetDataset? = nil) throws -> [UInt8]? {
        switch (value, format) {
        case (.library(let d as LAENetDataset), "jsonl"):
            return Array(d.instances.map { $0.json.serialized() + "\n" }.joined().utf8)
        case (.library(let s as LAENetSolutions), "json"):
            let object = JSONValue.object([("method", .string(s.method)), ("instances", .array(try solutionObjects(s, solved)))])
            return Array((object.serialized(pretty: true) + "\n").utf8)
        case (.library(let s as LAENetSolutions), "jsonl"):
            return Array(try solutionObjects(s, solved).map { $0.serialized() + "\n" }.joined().utf8)
        case (.library(let s as LAENetSolutions), "csv"):
            let servers = try solved.map { try s.serverChoices(on: $0) }
            var lines = ["instance,user,decision,cost,status" + (servers == nil ? "" : ",server")]
            for (i, e) in s.entries.enumerated() {
                let cost = e.cost.map { JSONValue.format($0) } ?? ""
                for (u, d) in (e.decisions ?? []).enumerated() {
                    let server = servers.map { ",\($0[i]?[u].map(String.init) ?? "")" } ?? ""
                    lines.append("\(i),\(u),\(d),\(cost),\(e.status)\(server)")
                }
            }
            return Array((lines.joined(separator: "\n") + "\n").utf8)
        case (.library(let v), "jsonl"):
            throw LabError(.invalidInput, "A \(Swift.type(of: v).typeName) value has no .jsonl form (laenet.dataset and laenet.solutions have one).")
        case (_, "jsonl"):
            throw LabError(.invalidInput, "A \(value.type) value has no .jsonl form (laenet.dataset and laenet.solutions have one); export it to .json.")
        case (.table(let t), "json"):
            let columns = t.columns.map { c -> (String, JSONValue) in
                switch c.data {
                case .numbers(let v): (c.name, .array(v.map { JSONValue.finite($0) }))
                case .strings(let v): (c.name, .array(v.map { .string($0) }))
                }
            }
            return Array(JSONValue.object(columns).serialized().utf8)
        case (.table(let t), "npy"):
            var numbers: [[Double]] = []
            for c in t.columns {
                guard case .numbers(let v) = c.data else {
                    let text = t.columns.filter { if case .strings = $0.data { return true }; return false }.map { "`\($0.name)`" }
                    throw LabError(.invalidInput, "The table's column\(text.count > 1 ? "s" : "") \(text.joined(separator: ", ")) hold\(text.count > 1 ? "" : "s") text, which .npy cannot: export the table to .csv or .json, or select its numeric columns in the notebook (table.select) first.")
                }
                numbers.append(v)
            }
            return ExportArray(shape: [t.rowCount, t.columns.count], values: (0..<t.rowCount).flatMap { r in numbers.map { $0[r] } },
                               isFloat32: false).npy()
        default:
            return nil
        }
    }

    /// One JSON object per instance of a solutions value, with `servers` when `solved` is given.
    private func solutionObjects(_ s: LAENetSolutions, _ solved: LAENetDataset?) throws -> [JSONValue] {
        let servers = try solved.map { try s.serverChoices(on: $0) }
        return s.entries.enumerated().map { i, e in
            var fields: [(String, JSONValue)] = [
                ("instance", .number(Double(i))), ("status", .string(e.status)), ("cost", .finite(e.cost)),
                ("lower_bound", .finite(e.lowerBound)),
                ("decisions", e.decisions.map { .array($0.map { .number(Double($0)) }) } ?? .null)]
            if let servers {
                fields.append(("servers", servers[i].map { .array($0.map { $0.map { .number(Double($0)) } ?? .null }) } ?? .null))
            }
            return .object(fields)
        }
    }
}
