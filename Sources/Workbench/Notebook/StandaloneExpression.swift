import LabCore

/// An expression of the cell language given as text on its own: the `expr:` of `table.derive`.
///
/// Parsed by the cell language's own lexer and parser; its diagnostics name `label` and the
/// column in the text (`expr:1:7: error: …`).
///
/// ```
/// let gap = try StandaloneExpression("gadsg_ratio - mcmf_ratio", label: "expr")
/// gap.freeNames                                   // ["gadsg_ratio", "mcmf_ratio"]
/// try gap.evaluate(["gadsg_ratio": .number(1.1), "mcmf_ratio": .number(1.0)], catalog: c) { … }
/// ```
public struct StandaloneExpression: Sendable {
    /// The text as given.
    public let text: String
    /// The parsed expression.
    public let expr: Expr
    /// A one-line notebook holding the text, so that errors show it with a caret.
    let source: Notebook

    /// Parses `text`, which must be exactly one expression (no binding, one line).
    public init(_ text: String, label: String) throws(Diagnostics) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = Notebook(path: label, title: nil, seed: 0, params: [], cells: [], blocks: [], lines: lines)
        let makeError: (String, SourceRange) -> Diagnostic = { message, range in source.diagnostic(message, at: range) }
        let program: CellProgram
        do {
            let tokens = try Lexer(source: text, firstLine: 1, makeError: makeError).tokenize()
            var parser = Parser(tokens: tokens, fail: makeError)
            program = try parser.parseProgram()
        } catch {
            throw Diagnostics([error])
        }
        let start = SourceRange(SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 2))
        guard program.statements.count == 1, case .expression(let e) = program.statements[0] else {
            let range = program.statements.first.map { s -> SourceRange in
                if case .binding(_, let r, _) = s { return r }
                return s.value.range
            } ?? start
            let what = program.statements.isEmpty ? "it is empty" : "it must be one expression, with no `name =` binding"
            throw Diagnostics([makeError("not an expression: \(what)", range)])
        }
        (self.text, self.expr, self.source) = (text, e, source)
    }

    /// The names the expression reads, in order of first use (not `params`, function names or
    /// comprehension variables).
    public var freeNames: [String] {
        var out: [String] = []
        var seen = Set<String>()
        func walk(_ e: Expr, _ locals: Set<String>) {
            switch e.kind {
            case .name(let n):
                if !locals.contains(n) && n != "params" && seen.insert(n).inserted { out.append(n) }
            case .call(_, let args):
                for a in args { walk(a.value, locals) }
            case .comprehension(let element, let variable, let sequence, let condition):
                walk(sequence, locals)
                walk(element, locals.union([variable]))
                if let condition { walk(condition, locals.union([variable])) }
            default:
                for c in e.children { walk(c, locals) }
            }
        }
        walk(expr, [])
        return out
    }

    /// Evaluates the expression with `names` bound; `call` runs the library functions it calls.
    ///
    /// Errors are ``LabError``s located in the expression's text (`label:1:column`).
    public func evaluate(_ names: [String: Value], catalog: any FunctionLookup, params: [String: Value] = [:],
                         call: @escaping Evaluator.Call) throws -> Value {
        let evaluator = Evaluator(notebook: source, catalog: catalog, params: params, call: call)
        var budget = Notebook.maximumItems
        return try evaluator.eval(expr, names, &budget)
    }

    /// Why `text` is not an expression (the first diagnostic, without the file name), or nil.
    public static func syntaxProblem(_ text: String) -> String? {
        do {
            _ = try StandaloneExpression(text, label: "expr")
            return nil
        } catch {
            guard let d = error.items.first else { return "it is not an expression" }
            return "column \(d.range.start.column): \(d.message)"
        }
    }
}
