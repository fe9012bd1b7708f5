/// An expression of the cell language with its source range.
public struct Expr: Sendable, Hashable {
    /// The expression forms.
    public indirect enum Kind: Sendable, Hashable {
        case integer(Int)
        case number(Double)
        case string(String)
        case bool(Bool)
        /// A name: a binding of some cell, a comprehension variable, `params`, or a namespace.
        case name(String)
        case list([Expr])
        case record([RecordField])
        /// `base.name`
        case member(Expr, String)
        /// `base[index]`
        case index(Expr, Expr)
        /// `callee(positional…, label: value…)`
        case call(Expr, [CallArgument])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `[element for variable in sequence if condition]`
        case comprehension(element: Expr, variable: String, sequence: Expr, condition: Expr?)
    }

    /// What the expression is.
    public let kind: Kind
    /// Where it is in the notebook.
    public var range: SourceRange
    /// The number of nodes on the longest path from here to a leaf (a literal or name is 1).
    ///
    /// Computed when the node is made, so that the parser can bound the depth of a tree while
    /// it builds it (see ``Notebook/maximumExpressionDepth``).
    public let height: Int

    /// Creates an expression node.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        self.height = 1 + (Expr.children(of: kind).map(\.height).max() ?? 0)
    }

    /// The dotted path of a name or member chain (`laenet.solve`), or nil for other forms.
    public var dottedPath: String? {
        switch kind {
        case .name(let n): return n
        case .member(let base, let m): return base.dottedPath.map { "\($0).\(m)" }
        default: return nil
        }
    }

    /// The direct subexpressions, in source order.
    public var children: [Expr] { Expr.children(of: kind) }

    private static func children(of kind: Kind) -> [Expr] {
        switch kind {
        case .integer, .number, .string, .bool, .name: return []
        case .list(let items): return items
        case .record(let fields): return fields.map(\.value)
        case .member(let base, _): return [base]
        case .index(let base, let i): return [base, i]
        case .call(let callee, let args): return [callee] + args.map(\.value)
        case .unary(_, let x): return [x]
        case .binary(_, let a, let b): return [a, b]
        case .comprehension(let element, _, let sequence, let condition): return [element, sequence] + (condition.map { [$0] } ?? [])
        }
    }
}

/// One `key: value` entry of a record literal.
public struct RecordField: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: Expr
    /// Where the key is.
    public var keyRange: SourceRange
}

/// One argument of a call: positional (no label) or keyword.
public struct CallArgument: Sendable, Hashable {
    /// The keyword, if any.
    public var label: String?
    /// The value.
    public var value: Expr
    /// Where the label (or the value, when positional) is.
    public var labelRange: SourceRange
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "not"
}

/// Infix operators, loosest binding first in ``precedence``.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "**"
}

/// One line of a cell: a binding or a bare expression.
public enum Statement: Sendable, Hashable {
    /// `name = value`
    case binding(name: String, nameRange: SourceRange, value: Expr)
    /// A bare expression (the last one is the cell's shown output).
    case expression(Expr)

    /// The expression on the right-hand side (or the expression itself).
    public var value: Expr {
        switch self {
        case .binding(_, _, let v): return v
        case .expression(let e): return e
        }
    }
}

/// A parsed cell body.
public struct CellProgram: Sendable, Hashable {
    /// The statements, in order.
    public var statements: [Statement]

    /// The names this cell binds, in order, with where they are bound.
    public var bindings: [(name: String, range: SourceRange)] {
        statements.compactMap {
            if case .binding(let n, let r, _) = $0 { return (n, r) }
            return nil
        }
    }
}
