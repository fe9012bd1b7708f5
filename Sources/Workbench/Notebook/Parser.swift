/// Recursive-descent parser for cell bodies.
///
/// Grammar (loosest first):
/// ```
/// program    := (statement NEWLINE)* END
/// statement  := IDENT '=' expr | expr
/// expr       := and ('or' and)*
/// and        := not ('and' not)*
/// not        := 'not' not | comparison
/// comparison := additive (('=='|'!='|'<'|'<='|'>'|'>=') additive)?     -- no chaining
/// additive   := term (('+'|'-') term)*
/// term       := unary (('*'|'/'|'%') unary)*
/// unary      := '-' unary | power
/// power      := postfix ('**' unary)?                                  -- right-associative
/// postfix    := primary ('(' args ')' | '.' IDENT | '[' expr ']')*
/// primary    := INT | NUMBER | STRING | 'true' | 'false' | IDENT | '(' expr ')' | list | record
/// list       := '[' ']' | '[' expr 'for' IDENT 'in' expr ('if' expr)? ']' | '[' expr (',' expr)* ','? ']'
/// record     := '{' ((IDENT|STRING) ':' expr (',' …)* ','?)? '}'
/// args       := (expr | IDENT ':' expr) (',' …)* ','?                  -- keywords after positionals
/// ```
///
/// Nesting is bounded by ``Notebook/maximumExpressionDepth``: the recursive productions count
/// their depth as they descend, and every node is checked for its height as it is made (chains
/// such as `a + b + …` or `x.a.b…` are built by loops, not recursion), so neither the parser nor
/// any later pass, nor freeing the tree, can exhaust the stack.
struct Parser {
    private var tokens: [Token]
    private var index = 0
    private var depth = 0
    private let fail: (String, SourceRange) -> Diagnostic

    init(tokens: [Token], fail: @escaping (String, SourceRange) -> Diagnostic) {
        self.tokens = tokens
        self.fail = fail
    }

    private var current: Token { tokens[index] }
    private var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
    private func isKeyword(_ k: String) -> Bool { current.kind == .keyword(k) }

    private mutating func expectSymbol(_ s: String, _ context: String) throws(Diagnostic) -> Token {
        guard isSymbol(s) else { throw fail("expected `\(s)` \(context), found \(current.display)", current.range) }
        return advance()
    }

    mutating func parseProgram() throws(Diagnostic) -> CellProgram {
        var statements: [Statement] = []
        while true {
            while current.kind == .newline { _ = advance() }
            if current.kind == .end { break }
            statements.append(try parseStatement())
            switch current.kind {
            case .newline, .end: continue
            default: throw fail("expected the end of the line after this statement, found \(current.display)", current.range)
            }
        }
        return CellProgram(statements: statements)
    }

    private mutating func parseStatement() throws(Diagnostic) -> Statement {
        if case .identifier(let name) = current.kind, next.kind == .symbol("=") {
            let nameToken = advance()
            _ = advance()
            if current.kind == .newline || current.kind == .end {
                throw fail("expected a value after `\(name) =`", current.range)
            }
            return .binding(name: name, nameRange: nameToken.range, value: try parseExpr())
        }
        if case .keyword(let k) = current.kind, next.kind == .symbol("=") {
            throw fail("`\(k)` is a reserved word and cannot be bound; choose another name", current.range)
        }
        return .expression(try parseExpr())
    }

    /// Enters one level of recursion, failing at `range` beyond the maximum depth.
    private mutating func descend(_ range: SourceRange) throws(Diagnostic) {
        depth += 1
        if depth > Notebook.maximumExpressionDepth { throw tooDeep(range) }
    }

    private func tooDeep(_ range: SourceRange) -> Diagnostic {
        fail("expression nested more than \(Notebook.maximumExpressionDepth) levels deep; split it into several bindings", range)
    }

    /// Makes a node, failing when it would be deeper than the maximum.
    private func make(_ kind: Expr.Kind, _ range: SourceRange) throws(Diagnostic) -> Expr {
        let e = Expr(kind, range)
        if e.height > Notebook.maximumExpressionDepth { throw tooDeep(range) }
        return e
    }

    mutating func parseExpr() throws(Diagnostic) -> Expr {
        try descend(current.range)
        defer { depth -= 1 }
        var lhs = try parseAnd()
        while isKeyword("or") {
            _ = advance()
            let rhs = try parseAnd()
            lhs = try make(.binary(.or, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func parseAnd() throws(Diagnostic) -> Expr {
        var lhs = try parseNot()
        while isKeyword("and") {
            _ = advance()
            let rhs = try parseNot()
            lhs = try make(.binary(.and, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func parseNot() throws(Diagnostic) -> Expr {
        if isKeyword("not") {
            try descend(current.range)
            defer { depth -= 1 }
            let t = advance()
            let operand = try parseNot()
            return try make(.unary(.not, operand), t.range.union(operand.range))
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Diagnostic) -> Expr {
        let lhs = try parseAdditive()
        for op in [BinaryOperator.equal, .notEqual, .lessEqual, .greaterEqual, .less, .greater] where isSymbol(op.rawValue) {
            _ = advance()
            let rhs = try parseAdditive()
            if case .symbol(let s) = current.kind, ["==", "!=", "<", "<=", ">", ">="].contains(s) {
                throw fail("comparisons cannot be chained; combine them with `and`", current.range)
            }
            return try make(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func parseAdditive() throws(Diagnostic) -> Expr {
        var lhs = try parseTerm()
        while isSymbol("+") || isSymbol("-") {
            let op: BinaryOperator = advance().kind == .symbol("+") ? .add : .subtract
            let rhs = try parseTerm()
            lhs = try make(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func parseTerm() throws(Diagnostic) -> Expr {
        var lhs = try parseUnary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let op: BinaryOperator
            switch advance().kind {
            case .symbol("*"): op = .multiply
            case .symbol("/"): op = .divide
            default: op = .remainder
            }
            let rhs = try parseUnary()
            lhs = try make(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func parseUnary() throws(Diagnostic) -> Expr {
        if isSymbol("-") {
            try descend(current.range)
            defer { depth -= 1 }
            let t = advance()
            let operand = try parseUnary()
            return try make(.unary(.negate, operand), t.range.union(operand.range))
        }
        return try parsePower()
    }

    private mutating func parsePower() throws(Diagnostic) -> Expr {
        let base = try parsePostfix()
        if isSymbol("**") {
            try descend(current.range)
            defer { depth -= 1 }
            _ = advance()
            let exponent = try parseUnary()
            return try make(.binary(.power, base, exponent), base.range.union(exponent.range))
        }
        return base
    }

    private mutating func parsePostfix() throws(Diagnostic) -> Expr {
        var e = try parsePrimary()
        while true {
            if isSymbol("(") {
                _ = advance()
                let args = try parseArguments()
                let close = try expectSymbol(")", "to close the argument list")
                e = try make(.call(e, args), e.range.union(close.range))
            } else if isSymbol(".") {
                _ = advance()
                guard case .identifier(let name) = current.kind else {
                    throw fail("expected a name after `.`, found \(current.display)", current.range)
                }
                let t = advance()
                e = try make(.member(e, name), e.range.union(t.range))
            } else if isSymbol("[") {
                _ = advance()
                let i = try parseExpr()
                let close = try expectSymbol("]", "to close the index")
                e = try make(.index(e, i), e.range.union(close.range))
            } else {
                return e
            }
        }
    }

    private mutating func parseArguments() throws(Diagnostic) -> [CallArgument] {
        var args: [CallArgument] = []
        var seenLabels = Set<String>()
        var sawKeyword = false
        while !isSymbol(")") {
            if case .identifier(let label) = current.kind, next.kind == .symbol(":") {
                let t = advance()
                _ = advance()
                guard seenLabels.insert(label).inserted else { throw fail("argument `\(label)` is given twice", t.range) }
                sawKeyword = true
                args.append(CallArgument(label: label, value: try parseExpr(), labelRange: t.range))
            } else {
                let start = current.range
                let value = try parseExpr()
                if sawKeyword {
                    throw fail("positional argument after keyword arguments; put positional arguments first", value.range)
                }
                args.append(CallArgument(label: nil, value: value, labelRange: start))
            }
            if isSymbol(",") { _ = advance() } else { break }
        }
        return args
    }

    private mutating func parsePrimary() throws(Diagnostic) -> Expr {
        let t = current
        switch t.kind {
        case .integer(let v): _ = advance(); return try make(.integer(v), t.range)
        case .number(let v): _ = advance(); return try make(.number(v), t.range)
        case .string(let v): _ = advance(); return try make(.string(v), t.range)
        case .keyword("true"): _ = advance(); return try make(.bool(true), t.range)
        case .keyword("false"): _ = advance(); return try make(.bool(false), t.range)
        case .identifier(let n): _ = advance(); return try make(.name(n), t.range)
        case .symbol("("):
            _ = advance()
            var inner = try parseExpr()
            let close = try expectSymbol(")", "to close the parenthesis")
            inner.range = t.range.union(close.range)
            return inner
        case .symbol("["): return try parseList()
        case .symbol("{"): return try parseRecord()
        case .newline, .end: throw fail("expected a value, found \(t.display)", t.range)
        default: throw fail("expected a value, found \(t.display)", t.range)
        }
    }

    private mutating func parseList() throws(Diagnostic) -> Expr {
        let open = advance()
        if isSymbol("]") { return try make(.list([]), open.range.union(advance().range)) }
        let first = try parseExpr()
        if isKeyword("for") {
            _ = advance()
            guard case .identifier(let variable) = current.kind else {
                throw fail("expected a variable name after `for`, found \(current.display)", current.range)
            }
            _ = advance()
            guard isKeyword("in") else { throw fail("expected `in` after `for \(variable)`, found \(current.display)", current.range) }
            _ = advance()
            let sequence = try parseExpr()
            var condition: Expr?
            if isKeyword("if") {
                _ = advance()
                condition = try parseExpr()
            }
            let close = try expectSymbol("]", "to close the list comprehension")
            return try make(.comprehension(element: first, variable: variable, sequence: sequence, condition: condition), open.range.union(close.range))
        }
        var items = [first]
        while isSymbol(",") {
            _ = advance()
            if isSymbol("]") { break }
            items.append(try parseExpr())
        }
        let close = try expectSymbol("]", "to close the list")
        return try make(.list(items), open.range.union(close.range))
    }

    private mutating func parseRecord() throws(Diagnostic) -> Expr {
        let open = advance()
        var fields: [RecordField] = []
        var keys = Set<String>()
        while !isSymbol("}") {
            let keyToken = current
            let key: String
            switch keyToken.kind {
            case .identifier(let k), .string(let k): key = k
            default: throw fail("expected a field name in the record, found \(keyToken.display)", keyToken.range)
            }
            _ = advance()
            guard keys.insert(key).inserted else { throw fail("field `\(key)` appears twice in this record", keyToken.range) }
            _ = try expectSymbol(":", "after the field name `\(key)`")
            fields.append(RecordField(key: key, value: try parseExpr(), keyRange: keyToken.range))
            if isSymbol(",") { _ = advance() } else { break }
        }
        let close = try expectSymbol("}", "to close the record")
        return try make(.record(fields), open.range.union(close.range))
    }
}
