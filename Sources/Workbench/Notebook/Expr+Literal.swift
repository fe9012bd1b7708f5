extension Expr {
    /// The value of a literal known before anything runs: a number (or its negation), a string,
    /// a bool, or a flat list of such literals; nil for every other expression.
    ///
    /// `lab lint` checks these against a parameter's ``ParameterConstraint``. Not recursive, so
    /// deeply nested input cannot exhaust the stack here.
    public var literalValue: Value? {
        if case .list(let items) = kind {
            var values: [Value] = []
            for item in items {
                guard let v = item.scalarLiteral else { return nil }
                values.append(v)
            }
            return .list(values)
        }
        return scalarLiteral
    }

    var scalarLiteral: Value? {
        switch kind {
        case .integer(let v): return .int(v)
        case .number(let v): return .number(v)
        case .string(let v): return .string(v)
        case .bool(let v): return .bool(v)
        case .unary(.negate, let x):
            switch x.kind {
            case .integer(let v) where v != Int.min: return .int(-v)
            case .number(let v): return .number(-v)
            default: return nil
            }
        default: return nil
        }
    }
}
