import LabCore
import Store

extension Notebook {
    /// The record of `params` (from ``parameterValues(overrides:)``) kept with a run: every
    /// value as a literal, which differ from the front-matter defaults, and the digest that
    /// identifies the parameter set.
    ///
    /// The digest covers every parameter's name and value (not the defaults), so two runs with
    /// the same values share it even when they were spelled differently on the command line.
    public func runParameters(_ params: [String: Value]) -> RunParameters {
        var entries: [RunParameters.Entry] = []
        var fields: [(String, JSONValue)] = []
        for (name, value) in params.sorted(by: { $0.key < $1.key }) {
            fields.append((name, value.literalJSON))
            var differs = true
            if let declared = self.params.first(where: { $0.name == name }), let d = try? Value(literal: declared.defaultValue) {
                let defaultValue = d.type == .int && value.type == .number ? Value.number(d.asDouble!) : d
                differs = defaultValue.digest != value.digest
            }
            entries.append(RunParameters.Entry(name: name, value: value.literalText, differsFromDefault: differs))
        }
        return RunParameters(entries: entries, digest: SHA256.hash(JSONValue.object(fields).serialized()).hex)
    }

    /// The parameters of a recorded run: as recorded, or, for a run recorded before stores kept
    /// them, rebuilt from the `--param` options of its command line against this notebook's
    /// declarations (nil when those no longer parse).
    public func parameters(of run: RunRecord) -> RunParameters? {
        if let recorded = run.parameters { return recorded }
        var overrides: [String: String] = [:]
        var i = 0
        while i < run.argv.count {
            let arg = run.argv[i]
            var pair: String?
            if arg == "--param", i + 1 < run.argv.count {
                pair = run.argv[i + 1]
                i += 1
            } else if arg.hasPrefix("--param=") {
                pair = String(arg.dropFirst("--param=".count))
            }
            if let pair, let eq = pair.firstIndex(of: "=") {
                overrides[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
            i += 1
        }
        return (try? parameterValues(overrides: overrides)).map(runParameters)
    }
}

extension Value {
    /// The value written as a literal of the cell language (`50`, `0.001`, `"quick"`, `[1, 2]`);
    /// other values as their summary.
    public var literalText: String {
        switch self {
        case .int(let i): "\(i)"
        case .number(let d): "\(d)"
        case .string(let s): Expr.quote(s)
        case .bool(let b): b ? "true" : "false"
        case .list(let items): "[" + items.map(\.literalText).joined(separator: ", ") + "]"
        case .record(let fields): "{" + fields.map { "\($0.key): \($0.value.literalText)" }.joined(separator: ", ") + "}"
        default: summary
        }
    }
}
