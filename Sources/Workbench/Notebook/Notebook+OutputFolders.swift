import LabCore

/// Where a run's files go: the front-matter defaults write to `Results/<nb>/`, any other
/// parameter values to a folder named by their digest, `Results/<nb>/<params-digest>/`.
public struct OutputFolders: Sendable, Hashable {
    /// The notebook's file name without its extension (validated as a plain name).
    public var stem: String
    /// The parameter digest (16 hex digits), or nil for the front-matter defaults.
    public var paramsDigest: String?
    /// Every parameter with its value, as readable JSON (the `params.json` beside the outputs).
    public var paramsJSON: JSONValue

    /// `Figures/<stem>` or `Figures/<stem>/<digest>`.
    public var figures: String { folder("Figures") }
    /// `Results/<stem>` or `Results/<stem>/<digest>`.
    public var results: String { folder("Results") }
    /// `Reports/<stem>.html` or `Reports/<stem>/<digest>.html`.
    public var report: String { paramsDigest.map { "Reports/\(stem)/\($0).html" } ?? "Reports/\(stem).html" }

    func folder(_ root: String) -> String { paramsDigest.map { "\(root)/\(stem)/\($0)" } ?? "\(root)/\(stem)" }
}

extension Notebook {
    /// The output folders of a run with `params` (from ``parameterValues(overrides:)``).
    ///
    /// Throws when the notebook's file name cannot name a folder (`...md`, a hidden name).
    public func outputFolders(params: [String: Value]) throws -> OutputFolders {
        let stem = outputStem
        if let problem = OutputName.problem(stem) {
            throw LabError(.invalidInput, "the notebook file name `\(path)` cannot name its output folders: \(problem). Rename the notebook.")
        }
        var isDefault = true
        var fields: [(String, JSONValue)] = []
        for p in params.sorted(by: { $0.key < $1.key }) {
            fields.append((p.key, p.value.literalJSON))
            if let declared = self.params.first(where: { $0.name == p.key }), let value = try? Value(literal: declared.defaultValue) {
                let defaultValue = value.type == .int && p.value.type == .number ? Value.number(value.asDouble!) : value
                if defaultValue.digest != p.value.digest { isDefault = false }
            }
        }
        let json = JSONValue.object(fields)
        let digest = isDefault ? nil : String(SHA256.hash(json.serialized()).hex.prefix(16))
        return OutputFolders(stem: stem, paramsDigest: digest, paramsJSON: json)
    }
}

/// The rules for names that become file or folder names (bindings, cell ids, notebook stems).
public enum OutputName {
    /// The longest name allowed: file systems allow 255 bytes, and suffixes such as
    /// `.csv.provenance.json` must still fit.
    public static let maxBytes = 200

    /// Why `name` cannot be used as a file name, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf8.count > maxBytes { return "it is \(name.utf8.count) bytes long; file names allow at most \(maxBytes)" }
        if name.hasPrefix(".") { return "it starts with `.`, which would hide the file or leave the folder" }
        if name.contains("/") || name.contains("\\") || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" }) {
            return "it contains a path separator or a control character"
        }
        return nil
    }
}

extension Value {
    /// The JSON of a literal value (numbers, strings, bools, lists, records); other values as their summary.
    public var literalJSON: JSONValue {
        switch self {
        case .int(let i): .number(Double(i))
        case .number(let d): d.isFinite ? .number(d) : .string("\(d)")
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .list(let items): .array(items.map(\.literalJSON))
        case .record(let fields): .object(fields.map { ($0.key, $0.value.literalJSON) })
        default: .string(summary)
        }
    }
}

extension OutputName {
    /// The notebook stem, cell ids and binding names of `notebook` that cannot name output
    /// files, each with its message and place (reported by ``Analysis`` like any static error).
    static func problems(in notebook: Notebook) -> [(message: String, range: SourceRange)] {
        var out: [(String, SourceRange)] = []
        if let problem = problem(notebook.outputStem) {
            out.append(("the notebook file name cannot name its output folders (Figures/, Results/): \(problem); rename the notebook",
                        SourceRange(SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 2))))
        }
        for cell in notebook.cells {
            if let problem = problem(cell.id) {
                out.append(("cell id `\(shortened(cell.id))` cannot name an output file: \(problem)", cell.fenceRange))
            }
            for (name, range) in cell.program.bindings {
                if let problem = problem(name) {
                    out.append(("`\(shortened(name))` cannot name an output file: \(problem); choose a shorter name", range))
                }
            }
        }
        return out
    }
}

extension OutputName {
    /// `name` cut to 40 characters for messages.
    static func shortened(_ name: String) -> String { name.count <= 40 ? name : name.prefix(40) + "…" }
}

extension Notebook {
    /// The notebook's file name without `.md`: the name of its output folders.
    public var outputStem: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }
}
