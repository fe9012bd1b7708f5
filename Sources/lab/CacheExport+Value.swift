import Catalog
import Foundation
import LabCore
import Notebook
import Tensors

/// Export of notebook values (codec `value/1`, what `lab run` stores for every cell output).
extension CacheExport {
    /// `value/1` bytes as `.json`, `.csv` or `.npy`.
    ///
    /// - `.json`: numbers, strings, booleans, lists, records as themselves; tensors as nested
    ///   lists; tables as `{column: [values]}` (load with `pandas.DataFrame(json.load(f))`);
    ///   series as `{name, steps, values}`. NaN and infinities become `null`.
    /// - `.csv`: tables (header + rows), series (`step,value`), tensors of rank ≤ 2, numeric lists.
    /// - `.npy`: tensors, numbers, numeric lists and rectangular lists of lists, series (N×2).
    /// - `solved`: the dataset a `laenet.solutions` value solves (`--dataset`), for server indices.
    func exportValue(_ bytes: [UInt8], format: String, solved: LAENetDataset? = nil) throws -> [UInt8] {
        let value = try Value.decode(bytes, libraryTypes: Catalog.standard.libraryTypes)
        if solved != nil {
            guard case .library(let v) = value, v is LAENetSolutions else {
                throw LabError(.invalidInput, "--dataset only goes with a laenet.solutions value; this is a \(value.type) value.")
            }
        }
        if let records = try exportRecords(value, format: format, solved: solved) { return records }
        switch format {
        case "json":
            return Array(try JSONSerialization.data(withJSONObject: try jsonObject(value), options: [.sortedKeys, .fragmentsAllowed]))
        case "csv":
            if case .table(let table) = value { return Array(csv(table).utf8) }
            guard let array = try numericArray(value) else { throw notExportable(value, format) }
            return Array(try array.csv(path: output).utf8)
        default:
            guard let array = try numericArray(value) else { throw notExportable(value, format) }
            return array.npy()
        }
    }

    /// `value/1` bytes of a library value with an archive form, or of a trained model, as `.npz`.
    func exportArchive(_ bytes: [UInt8]) throws -> [UInt8] {
        let value = try Value.decode(bytes, libraryTypes: Catalog.standard.libraryTypes)
        if case .library(let model as any ModelExportable) = value { return try model.exportedModel().npzBytes() }
        guard case .library(let v as any NPZExportable) = value else {
            throw LabError(.invalidInput, "A \(value.type) value has no .npz form (that takes a library value with arrays, such as multimec.dataset); export it to .json, .csv or .npy instead.")
        }
        return try v.npzBytes()
    }

    /// `value/1` bytes of a trained model as a `.safetensors` file.
    func exportModel(_ bytes: [UInt8]) throws -> [UInt8] {
        let value = try Value.decode(bytes, libraryTypes: Catalog.standard.libraryTypes)
        guard case .library(let model as any ModelExportable) = value else {
            throw LabError(.invalidInput, "A \(value.type) value is not a trained model, so it has no .safetensors form (that takes diffusion.model, baseline.model, vehicular.model, multimec.sac, multimec.learner or diffloader.planner); export it to .json, .csv or .npy instead.")
        }
        return try model.exportedModel().safetensorsBytes()
    }

    private func notExportable(_ value: Value, _ format: String) -> LabError {
        let takes = format == "csv" ? "a table, series, tensor of rank ≤ 2 or numbers" : "a tensor, series or numbers"
        return LabError(.invalidInput, "A \(value.type) value has no .\(format) form (that takes \(takes)); export it to .json instead.")
    }

    private func jsonObject(_ value: Value) throws -> Any {
        func number(_ d: Double) -> Any { d.isFinite ? d : NSNull() }
        switch value {
        case .int(let i): return i
        case .number(let d): return number(d)
        case .string(let s): return s
        case .bool(let b): return b
        case .list(let items): return try items.map(jsonObject)
        case .record(let fields):
            return try Dictionary(fields.map { ($0.key, try jsonObject($0.value)) }, uniquingKeysWith: { _, last in last })
        case .tensor(let t):
            return ExportArray(shape: t.shape, values: t.scalars.map(Double.init), isFloat32: true).jsonObject()
        case .table(let table):
            var columns: [String: Any] = [:]
            for column in table.columns {
                switch column.data {
                case .numbers(let v): columns[column.name] = v.map(number)
                case .strings(let v): columns[column.name] = v
                }
            }
            return columns
        case .series(let s):
            return ["name": s.name, "steps": s.steps, "values": s.values.map(number)] as [String: Any]
        case .figure:
            throw LabError(.invalidInput, "Figures are exported by the notebook run itself (Figures/<notebook>/*.png|pdf|svg), not by `lab cache export`.")
        case .library(let v):
            throw LabError(.invalidInput, "A \(Swift.type(of: v).typeName) value is a library value without a JSON form (\(v.summary)); export the tables or tensors a cell derives from it.")
        }
    }

    /// The value as a numeric array, or nil if it is not numeric.
    private func numericArray(_ value: Value) throws -> ExportArray? {
        switch value {
        case .tensor(let t):
            return ExportArray(shape: t.shape, values: t.scalars.map(Double.init), isFloat32: true)
        case .series(let s):
            return ExportArray(shape: [s.steps.count, 2], values: zip(s.steps, s.values).flatMap { [Double($0), $1] }, isFloat32: false, columns: ["step", "value"])
        case .int, .number, .list:
            return numericArrayFromJSON(try jsonObject(value))
        default:
            return nil
        }
    }

    /// A table as CSV: the same bytes `lab run` writes to `Results/` (see ``Table/csv``).
    private func csv(_ table: Table) -> String { table.csv }
}
