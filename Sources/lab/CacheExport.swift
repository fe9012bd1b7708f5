import ArgumentParser
import Catalog
import Foundation
import LabCore
import Learning
import Notebook
import Store
import Tensors

/// `lab cache export`: writes a stored value or metric series as `.npy`, `.csv`, `.json`, or
/// (library values with an archive form, such as `multimec.dataset`) `.npz`; trained models
/// (``ModelExportable``) as `.safetensors` or `.npz`.
struct CacheExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored value or metric series to .npy, .csv or .json for Python and spreadsheets.",
        discussion: """
            VALUE is KEY:OUTPUT (a cache entry's output), a blob digest, or with --metric a cache key; \
            keys and digests may be shortened to any unique prefix (see `lab cache ls`).
            value/1 (cell outputs) → .json; tables, series, tensors and numeric lists also .csv/.npy.
            tensor/1 values → .npy (float32, same shape), .json (nested lists), .csv (rank ≤ 2).
            params/1 → .json (name → nested lists); pick one with --tensor NAME for .npy/.csv.
            json/1 values → .json as stored; numeric lists also to .npy/.csv.
            Library values with an archive form (multimec.dataset) → .npz (numpy.load reads it).
            laenet.dataset → .jsonl (laenet-instance/1 per line); laenet.solutions → .json, .jsonl, .csv (per-user decisions; \
            with --dataset KEY:OUTPUT, the dataset they solve, also each user's server index).
            Tables → .json (columns in order), .csv, .npy (numeric tables: rows × columns float64).
            Trained models (diffusion.model, baseline.model, vehicular.model, multimec.sac, multimec.learner, diffloader.planner) → \
            .safetensors (safetensors.torch.load_file reads it) or .npz: parameters by path, the \
            architecture in the metadata (see docs/exports.md).
            Metric series → .csv (step,value,wall_time), .json (list of records), .npy (N×2 float64: step, value).
            """)

    @OptionGroup var location: StoreLocationOptions

    @Argument(help: "KEY:OUTPUT, a blob digest, or (with --metric) a cache key.")
    var value: String

    @Option(name: .shortAndLong, help: "Output file; its extension (.npy, .csv, .json, .npz, .safetensors) picks the format.")
    var output: String

    @Option(help: "Export the metric series with this name of the given cache key.")
    var metric: String?

    @Option(help: "For a params/1 value: the tensor to export.")
    var tensor: String?

    @Option(help: ArgumentHelp("For laenet.solutions: the dataset they solve, as KEY:OUTPUT; adds each user's server index.",
                               discussion: "A decision is the index of one of the user's options, which only the instance maps to a server; with the dataset the export also writes `servers` (.json/.jsonl, null for local) or a `server` column (.csv, empty for local)."))
    var dataset: String?

    func run() throws {
        try reportingErrors {
            let format = URL(fileURLWithPath: output).pathExtension.lowercased()
            guard ["npy", "csv", "json", "npz", "jsonl", "safetensors"].contains(format) else {
                throw LabError(.invalidInput, "Cannot tell the format of \(output): name it .npy, .csv, .json, .npz or .safetensors (or .jsonl for laenet datasets and solutions).")
            }
            guard format != "jsonl" || metric == nil else { throw LabError(.invalidInput, "A metric series has no .jsonl form: name the output .npy, .csv or .json.") }
            let db = try location.open(readOnly: true)
            let bytes: [UInt8]
            if let metric {
                guard format != "npz", format != "safetensors" else {
                    throw LabError(.invalidInput, "A metric series has no .\(format) form: name the output .npy, .csv or .json.")
                }
                bytes = try exportSeries(db, name: metric, format: format)
            } else {
                let blob = try resolveBlob(db)
                bytes = try exportBlob(blob, format: format, solved: try solvedDataset(db))
            }
            try writeOutput(bytes, to: output)
            print("Wrote \(output) (\(formatBytes(bytes.count))).")
        }
    }

    private func resolveBlob(_ db: StoreDatabase) throws -> Blob {
        if value.contains(":") { return try StoredOutput(value, in: db, option: "VALUE", example: "3f2a:net").blob(in: db) }
        let matches = try db.blobDigests(prefix: value, limit: 2)
        guard matches.count == 1 else {
            throw LabError(.invalidInput, matches.isEmpty
                ? "No blob in \(db.path) has a digest starting with '\(value)'. Use KEY:OUTPUT or a digest from `lab cache ls --kind blobs`."
                : "'\(value)' matches several blobs; give more characters.")
        }
        guard let blob = try db.blob(matches[0]) else {
            throw LabError(.corrupt, "The blob \(matches[0].prefix(12)) is referenced but missing from \(db.path). Run `lab cache verify --store \(db.path)`.")
        }
        return blob
    }

    private func exportSeries(_ db: StoreDatabase, name: String, format: String) throws -> [UInt8] {
        let keys = Set(try db.seriesSummaries().filter { $0.key.hasPrefix(value) && $0.name == name }.map(\.key))
        guard keys.count == 1, let key = keys.first else {
            throw LabError(.invalidInput, keys.isEmpty
                ? "No metric series '\(name)' under a key starting with '\(value)' in \(db.path). List series with `lab cache ls --kind series`."
                : "'\(value)' matches several keys with a series '\(name)'; give more characters.")
        }
        let points = try db.series(key: key, name: name)
        switch format {
        case "json":
            let records: [[String: Any]] = points.map {
                ["step": $0.step, "value": $0.value.isFinite ? $0.value as Any : NSNull(), "wall_time": $0.wallTime]
            }
            return try jsonBytes(records)
        case "csv":
            let array = ExportArray(shape: [points.count, 3], values: points.flatMap { [Double($0.step), $0.value, $0.wallTime] }, isFloat32: false, columns: ["step", "value", "wall_time"])
            return Array(try array.csv(path: output).utf8)
        default:
            return ExportArray(shape: [points.count, 2], values: points.flatMap { [Double($0.step), $0.value] }, isFloat32: false).npy()
        }
    }

    /// The dataset named by `--dataset`, decoded; nil without the option.
    private func solvedDataset(_ db: StoreDatabase) throws -> LAENetDataset? {
        guard let dataset else { return nil }
        guard metric == nil else { throw LabError(.invalidInput, "--dataset goes with a laenet.solutions value, not with --metric.") }
        let blob = try StoredOutput(dataset, in: db, option: "--dataset", example: "3f2a:test_set").blob(in: db)
        guard blob.info.codec == Value.codec,
              case .library(let d as LAENetDataset) = try Value.decode(blob.bytes, libraryTypes: Catalog.standard.libraryTypes) else {
            throw LabError(.invalidInput, "--dataset \(dataset) is not a laenet.dataset: name the dataset the solutions were computed on (the `dataset:` argument of laenet.solve or diffusion.solve).")
        }
        return d
    }

    private func exportBlob(_ blob: Blob, format: String, solved: LAENetDataset?) throws -> [UInt8] {
        if format == "jsonl", blob.info.codec != Value.codec { throw LabError(.invalidInput, "Only laenet.dataset and laenet.solutions values export to .jsonl; this is a \(blob.info.codec) value.") }
        if format == "safetensors" {
            guard blob.info.codec == Value.codec else {
                throw LabError(.invalidInput, "Only trained models (diffusion.model, baseline.model, vehicular.model, multimec.sac, multimec.learner, diffloader.planner) export to .safetensors; this is a \(blob.info.codec) value: name the output .npy, .csv or .json.")
            }
            return try exportModel(blob.bytes)
        }
        if format == "npz" {
            guard metric == nil, blob.info.codec == Value.codec else {
                throw LabError(.invalidInput, "Only library values with an archive form (such as multimec.dataset) and trained models export to .npz; this is a \(blob.info.codec) value: name the output .npy, .csv or .json.")
            }
            return try exportArchive(blob.bytes)
        }
        switch blob.info.codec {
        case Tensor.codec:
            return try write(array(of: try Tensor.decode(blob.bytes)), format: format)
        case ParameterSet.codec:
            let set = try ParameterSet.decode(blob.bytes)
            if let tensor {
                guard let t = set.tensors[tensor] else {
                    throw LabError(.invalidInput, "The parameter set has no tensor '\(tensor)'. It has: \(set.tensors.keys.sorted().joined(separator: ", ")).")
                }
                return try write(array(of: t), format: format)
            }
            guard format == "json" else {
                throw LabError(.invalidInput, "A parameter set holds several tensors: export it to .json, or pick one with --tensor NAME (one of \(set.tensors.keys.sorted().prefix(8).joined(separator: ", "))).")
            }
            return try jsonBytes(set.tensors.mapValues { array(of: $0).jsonObject() })
        case Value.codec:
            return try exportValue(blob.bytes, format: format, solved: solved)
        case StoreCodec.json:
            if format == "json" { return blob.bytes }
            let object = try JSONSerialization.jsonObject(with: Data(blob.bytes), options: [.fragmentsAllowed])
            guard let numeric = numericArrayFromJSON(object) else {
                throw LabError(.invalidInput, "This json/1 value is not a number or a rectangular list of numbers, so it has no .\(format) form; export it to .json.")
            }
            return try write(numeric, format: format)
        default:
            throw LabError(.invalidInput, "Values with codec \(blob.info.codec) cannot be exported yet (supported: value/1, tensor/1, params/1, json/1, and metric series with --metric).")
        }
    }

    private func array(of tensor: Tensor) -> ExportArray {
        ExportArray(shape: tensor.shape, values: tensor.scalars.map(Double.init), isFloat32: true)
    }

    private func write(_ array: ExportArray, format: String) throws -> [UInt8] {
        switch format {
        case "npy": return array.npy()
        case "csv": return Array(try array.csv(path: output).utf8)
        default: return try jsonBytes(array.jsonObject())
        }
    }

    private func jsonBytes(_ object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]))
    }
}
