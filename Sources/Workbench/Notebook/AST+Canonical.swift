/// The normalised form of cell programs that cache keys hash.
///
/// An S-expression over the syntax tree without positions, comments or layout: editing spacing
/// or comments never changes it, while any change of meaning does. Numbers are written in
/// Swift's shortest round-trip form (so `3e-4` and `0.0003` agree), strings with escapes.
extension CellProgram {
    /// One line per statement, e.g. `(= data (call laenet.dataset "gs2_gu4_au2" (count: 200)))`.
    public var canonicalText: String {
        statements.map { s in
            switch s {
            case .binding(let name, _, let value): return "(= \(name) \(value.canonicalText))"
            case .expression(let e): return e.canonicalText
            }
        }.joined(separator: "\n")
    }
}

extension Expr {
    /// The position-free S-expression of this expression.
    public var canonicalText: String {
        switch kind {
        case .integer(let v): return "\(v)"
        case .number(let v): return "\(v)"
        case .string(let s): return Expr.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .name(let n): return n
        case .list(let items): return "(list" + items.map { " " + $0.canonicalText }.joined() + ")"
        case .record(let fields): return "(record" + fields.map { " (\(Expr.quote($0.key)): \($0.value.canonicalText))" }.joined() + ")"
        case .member(let base, let m): return dottedPath ?? "(. \(base.canonicalText) \(m))"
        case .index(let base, let i): return "(index \(base.canonicalText) \(i.canonicalText))"
        case .call(let callee, let args):
            let rendered = args.map { a in a.label.map { " (\($0): \(a.value.canonicalText))" } ?? " \(a.value.canonicalText)" }.joined()
            return "(call \(callee.canonicalText)\(rendered))"
        case .unary(let op, let x): return "(\(op.rawValue) \(x.canonicalText))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(a.canonicalText) \(b.canonicalText))"
        case .comprehension(let element, let variable, let sequence, let condition):
            return "(for \(variable) \(sequence.canonicalText) \(element.canonicalText)\(condition.map { " (if \($0.canonicalText))" } ?? ""))"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
