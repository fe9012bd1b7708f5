import LabCore

extension Notebook {
    /// The parameter values of a run: defaults, replaced by `--param NAME=VALUE` overrides.
    ///
    /// An override is read as a literal of the cell language (`50`, `1e-3`, `true`,
    /// `["a", "b"]`, `"text"`); for a string parameter, bare text is taken as the string itself.
    /// The override must have the parameter's type (an int is accepted where a number is declared).
    public func parameterValues(overrides: [String: String]) throws -> [String: Value] {
        try Analysis.checkOverrides(Array(overrides.keys).sorted(), in: self)
        var values: [String: Value] = [:]
        for p in params {
            var value = try Value(literal: p.defaultValue)
            if let text = overrides[p.name] {
                value = try Notebook.parseOverride(text, name: p.name, type: p.type)
            }
            values[p.name] = value
        }
        return values
    }

    static func parseOverride(_ text: String, name: String, type: ValueType) throws -> Value {
        let parsed: Value? = {
            let fail: (String, SourceRange) -> Diagnostic = { m, r in Diagnostic(m, at: r, path: "--param", sourceLine: text) }
            guard let tokens = try? Lexer(source: text, firstLine: 1, makeError: fail).tokenize() else { return nil }
            var parser = Parser(tokens: tokens, fail: fail)
            guard let program = try? parser.parseProgram(), program.statements.count == 1,
                  case .expression(let e) = program.statements[0], e.literalType != nil else { return nil }
            return try? Value(literal: e)
        }()
        if let parsed, parsed.type.conforms(to: type) {
            return type == .number ? .number(parsed.asDouble!) : parsed
        }
        if type == .string { return .string(text) }
        throw LabError(.invalidInput, "--param \(name)=\(text): `\(name)` is declared as \(type); give a \(type) literal such as \(Notebook.example(type))")
    }

    static func example(_ type: ValueType) -> String {
        switch type {
        case .int: "50"
        case .number: "0.001"
        case .bool: "true"
        case .list: "[\"a\", \"b\"]"
        case .record: "{k: 1}"
        default: "\"text\""
        }
    }
}

extension Value {
    /// The value of a literal expression (numbers, strings, bools, lists, records, negation).
    public init(literal e: Expr) throws {
        switch e.kind {
        case .integer(let v): self = .int(v)
        case .number(let v): self = .number(v)
        case .string(let v): self = .string(v)
        case .bool(let v): self = .bool(v)
        case .unary(.negate, let inner):
            switch try Value(literal: inner) {
            case .int(let v): self = .int(-v)
            case .number(let v): self = .number(-v)
            default: throw LabError(.invalidInput, "only numbers can be negated in a literal")
            }
        case .list(let items): self = .list(try items.map(Value.init(literal:)))
        case .record(let fields): self = .record(try fields.map { Value.Field($0.key, try Value(literal: $0.value)) })
        default: throw LabError(.invalidInput, "not a literal")
        }
    }
}
