/// The static picture of a notebook: who defines what, who reads what, in which order cells run,
/// and every problem found before anything runs.
public struct Analysis: Sendable {
    /// The cell that binds each name.
    public private(set) var definingCell: [String: String] = [:]
    /// For each cell, the cells whose names it reads.
    public private(set) var upstream: [String: Set<String>] = [:]
    /// For each cell, the names it reads from other cells (sorted).
    public private(set) var namesRead: [String: [String]] = [:]
    /// For each cell, the parameters it reads (sorted).
    public private(set) var paramsRead: [String: [String]] = [:]
    /// For each cell, the functions it calls (sorted).
    public private(set) var functionsCalled: [String: [String]] = [:]
    /// For each cell, the file patterns its calls read (see ``FunctionSignature/filesParameter``), sorted.
    public private(set) var filesRead: [String: [String]] = [:]
    /// Cells in an order where every cell comes after the cells it reads (document order otherwise).
    public private(set) var order: [String] = []
    /// Static types inferred for names, where known.
    public private(set) var types: [String: ValueType] = [:]
    /// Problems found.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Analyses `notebook` against the functions of `catalog`.
    public init(_ notebook: Notebook, catalog: any FunctionLookup) {
        var checker = Checker(notebook: notebook, catalog: catalog)
        checker.run()
        self = checker.analysis
    }

    /// Throws the diagnostics, if there are any.
    public func validate() throws(Diagnostics) {
        if !diagnostics.isEmpty { throw Diagnostics(diagnostics) }
    }

    /// The cells that (transitively) read from `cell`, in run order.
    public func downstream(of cell: String) -> [String] {
        var result = Set<String>()
        var frontier = [cell]
        while let c = frontier.popLast() {
            for (other, ups) in upstream where ups.contains(c) && !result.contains(other) {
                result.insert(other)
                frontier.append(other)
            }
        }
        return order.filter(result.contains)
    }

    /// Checks `--param NAME=VALUE` names against the declared parameters.
    public static func checkOverrides(_ names: [String], in notebook: Notebook) throws(Diagnostics) {
        let declared = notebook.params.map(\.name)
        let unknown = names.filter { !declared.contains($0) }
        guard !unknown.isEmpty else { return }
        let range = SourceRange(SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 2))
        throw Diagnostics(unknown.map { name in
            Diagnostic("unknown parameter `--param \(name)`: the notebook declares \(declared.isEmpty ? "no parameters" : declared.map { "`\($0)`" }.joined(separator: ", "))\(Suggest.hint(for: name, in: declared))",
                       at: range, path: notebook.path, sourceLine: notebook.lines.first ?? "")
        })
    }

    fileprivate init() {}

    /// At most this many problems are reported for one notebook (the first ones, in the order found).
    static let maximumDiagnostics = 200
    /// How many problems get a did-you-mean suggestion.
    static let maximumSuggestions = 20
    /// How many bindings deep type inference follows names before giving up on a type.
    static let maximumTypingDepth = 32

    fileprivate struct Checker {
        let notebook: Notebook
        let catalog: any FunctionLookup
        let namespaces: Set<String>
        var analysis = Analysis()
        var statementOf: [String: (cell: Cell, index: Int)] = [:]
        var typing: Set<String> = []
        var suggestionsLeft = Analysis.maximumSuggestions

        init(notebook: Notebook, catalog: any FunctionLookup) {
            self.notebook = notebook
            self.catalog = catalog
            var spaces = Set<String>()
            for name in catalog.functionNames {
                let parts = name.split(separator: ".").map(String.init)
                for i in 1..<max(1, parts.count) { spaces.insert(parts[0..<i].joined(separator: ".")) }
            }
            namespaces = spaces
        }

        /// Records a problem; after ``Analysis/maximumDiagnostics`` the rest are dropped (and
        /// ``visit`` stops looking), so a notebook with thousands of errors is still checked quickly.
        mutating func report(_ message: String, _ range: SourceRange) {
            guard !full else { return }
            analysis.diagnostics.append(notebook.diagnostic(message, at: range))
        }

        /// Did-you-mean for the first ``Analysis/maximumSuggestions`` problems (each search reads
        /// every visible name), the bare message after that.
        mutating func hint(for name: String, in candidates: [String]) -> String {
            guard suggestionsLeft > 0 else { return "" }
            suggestionsLeft -= 1
            return Suggest.hint(for: name, in: candidates)
        }

        /// Whether ``Analysis/maximumDiagnostics`` problems are known (the notebook is rejected anyway).
        var full: Bool { analysis.diagnostics.count >= Analysis.maximumDiagnostics }

        mutating func run() {
            // 0. Names that become file names (see OutputName).
            for (message, range) in OutputName.problems(in: notebook) { report(message, range) }
            // 1. Definitions: one cell per name, one binding per name.
            var definitionOrder: [String] = []
            for cell in notebook.cells {
                var seenHere = Set<String>()
                for (i, statement) in cell.program.statements.enumerated() {
                    guard case .binding(let name, let range, _) = statement else { continue }
                    if name == "params" || namespaces.contains(name) || catalog.signature(named: name) != nil {
                        report("`\(name)` is reserved (\(name == "params" ? "notebook parameters" : "a function namespace")); choose another name", range)
                        continue
                    }
                    if !seenHere.insert(name).inserted {
                        report("`\(name)` is bound twice in cell `\(cell.id)`; values never change, so use a new name", range)
                        continue
                    }
                    if let other = analysis.definingCell[name] {
                        report("`\(name)` is already defined by cell `\(other)`; a name is defined by exactly one cell", range)
                        continue
                    }
                    analysis.definingCell[name] = cell.id
                    statementOf[name] = (cell, i)
                    definitionOrder.append(name)
                }
            }
            // 2. Uses, calls and types, cell by cell.
            for cell in notebook.cells {
                var reads = Set<String>(), params = Set<String>(), calls = Set<String>()
                var ups = Set<String>()
                for (i, statement) in cell.program.statements.enumerated() {
                    visit(statement.value, cell: cell, statementIndex: i, locals: [], reads: &reads, params: &params, calls: &calls, upstream: &ups)
                }
                analysis.namesRead[cell.id] = reads.sorted()
                analysis.paramsRead[cell.id] = params.sorted()
                analysis.functionsCalled[cell.id] = calls.sorted()
                analysis.upstream[cell.id] = ups
            }
            // In document order, so that a name's type is usually known before a later one needs it.
            for name in definitionOrder { _ = typeOfName(name) }
            // 3. Order, and cycles.
            computeOrder()
        }

        /// A depth-first topological sort with an explicit stack (a chain of thousands of cells
        /// must not exhaust the call stack); upstream cells are visited in document order.
        mutating func computeOrder() {
            let position = Dictionary(notebook.cells.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            func upstreamInOrder(_ id: String, _ checker: Checker) -> [String] {
                checker.analysis.upstream[id, default: []].sorted { position[$0, default: 0] < position[$1, default: 0] }
            }
            var state: [String: Int] = [:]  // 1 visiting, 2 done
            var order: [String] = []
            var reported = false
            for root in notebook.cells.map(\.id) where state[root] == nil {
                state[root] = 1
                var stack: [(id: String, ups: [String], next: Int)] = [(root, upstreamInOrder(root, self), 0)]
                while let top = stack.indices.last {
                    guard stack[top].next < stack[top].ups.count else {
                        state[stack[top].id] = 2
                        order.append(stack[top].id)
                        stack.removeLast()
                        continue
                    }
                    let u = stack[top].ups[stack[top].next]
                    stack[top].next += 1
                    switch state[u] {
                    case 2: continue
                    case 1:
                        guard !reported, let start = stack.firstIndex(where: { $0.id == u }), let cell = notebook.cell(u) else { continue }
                        reported = true
                        let cycle = stack[start...].map(\.id) + [u]
                        report("dependency cycle: \(cycle.map { "`\($0)`" }.joined(separator: " → ")); a cell cannot read, even indirectly, what it defines", cell.fenceRange)
                    default:
                        state[u] = 1
                        stack.append((u, upstreamInOrder(u, self), 0))
                    }
                }
            }
            analysis.order = order
        }

        mutating func visit(_ e: Expr, cell: Cell, statementIndex: Int, locals: Set<String>,
                            reads: inout Set<String>, params: inout Set<String>, calls: inout Set<String>, upstream: inout Set<String>) {
            if full { return }
            func recurse(_ x: Expr, _ extraLocals: Set<String> = [], _ me: inout Checker) {
                me.visit(x, cell: cell, statementIndex: statementIndex, locals: locals.union(extraLocals), reads: &reads, params: &params, calls: &calls, upstream: &upstream)
            }
            switch e.kind {
            case .integer, .number, .string, .bool:
                return
            case .name(let n):
                if locals.contains(n) { return }
                if n == "params" {
                    report("`params` must be used as `params.NAME`", e.range)
                    return
                }
                if let (defCell, index) = statementOf[n].map({ ($0.cell.id, $0.index) }) {
                    if defCell == cell.id {
                        if index >= statementIndex { report("`\(n)` is used before it is defined in this cell; move its binding up", e.range) }
                    } else {
                        reads.insert(n)
                        upstream.insert(defCell)
                    }
                    return
                }
                if namespaces.contains(n) || catalog.signature(named: n) != nil {
                    report("`\(n)` is a function namespace, not a value; call a function such as `\(catalog.functionNames.first { $0.hasPrefix(n + ".") } ?? n)(…)`", e.range)
                    return
                }
                let visible = Array(analysis.definingCell.keys) + Array(locals)
                report("unknown name `\(n)`\(hint(for: n, in: visible))", e.range)
            case .member(let base, let member):
                if case .name("params") = base.kind {
                    if notebook.param(member) != nil {
                        params.insert(member)
                    } else {
                        let declared = notebook.params.map(\.name)
                        report("unknown parameter `params.\(member)`\(hint(for: member, in: declared))\(declared.isEmpty ? "; declare it under `params:` in the front matter" : "")", e.range)
                    }
                    return
                }
                if let path = e.dottedPath, let root = path.split(separator: ".").first, namespaces.contains(String(root)) {
                    if catalog.signature(named: path) != nil {
                        report("function `\(path)` must be called: write `\(path)(…)`", e.range)
                    } else if !namespaces.contains(path) {
                        report("unknown function `\(path)`\(hint(for: path, in: catalog.functionNames))", e.range)
                    }
                    return
                }
                recurse(base, [], &self)
            case .index(let base, let i):
                recurse(base, [], &self)
                recurse(i, [], &self)
            case .list(let items):
                for item in items { recurse(item, [], &self) }
            case .record(let fields):
                for f in fields { recurse(f.value, [], &self) }
            case .unary(let op, let x):
                recurse(x, [], &self)
                if let why = OperandCheck.problem(op, inferType(x, locals: locals)) { report(why, e.range) }
            case .binary(let op, let a, let b):
                recurse(a, [], &self)
                recurse(b, [], &self)
                if let why = OperandCheck.problem(op, inferType(a, locals: locals), inferType(b, locals: locals)) { report(why, e.range) }
            case .comprehension(let element, let variable, let sequence, let condition):
                recurse(sequence, [], &self)
                recurse(element, [variable], &self)
                if let condition { recurse(condition, [variable], &self) }
            case .call(let callee, let args):
                for a in args { recurse(a.value, [], &self) }
                guard let path = callee.dottedPath else {
                    report("only library functions can be called; this is not a function name", callee.range)
                    return
                }
                guard let signature = catalog.signature(named: path) else {
                    report("unknown function `\(path)`\(hint(for: path, in: catalog.functionNames))", callee.range)
                    return
                }
                calls.insert(path)
                checkArguments(args, of: signature, callRange: e.range, cell: cell, locals: locals)
            }
        }

        mutating func checkArguments(_ args: [CallArgument], of signature: FunctionSignature, callRange: SourceRange, cell: Cell, locals: Set<String>) {
            var filled = Set<String>()
            let positional = args.filter { $0.label == nil }
            if positional.count > signature.parameters.count {
                report("`\(signature.name)` takes at most \(signature.parameters.count) argument(s), got \(positional.count) positional", positional[signature.parameters.count].value.range)
                return
            }
            var pairs: [(FunctionSignature.Parameter, CallArgument)] = []
            for (p, a) in zip(signature.parameters, positional) {
                filled.insert(p.name)
                pairs.append((p, a))
            }
            for a in args where a.label != nil {
                let label = a.label!
                guard let p = signature.parameters.first(where: { $0.name == label }) else {
                    report("`\(signature.name)` has no parameter `\(label)`\(hint(for: label, in: signature.parameters.map(\.name)))", a.labelRange)
                    continue
                }
                if filled.contains(label) {
                    report("parameter `\(label)` of `\(signature.name)` is already given positionally", a.labelRange)
                    continue
                }
                filled.insert(label)
                pairs.append((p, a))
            }
            let missing = signature.parameters.filter { !$0.hasDefault && !filled.contains($0.name) }.map(\.name)
            if !missing.isEmpty {
                report("`\(signature.name)` is missing required argument\(missing.count > 1 ? "s" : "") \(missing.map { "`\($0)`" }.joined(separator: ", "))", callRange)
            }
            for (p, a) in pairs where p.name == signature.filesParameter {
                if case .string(let pattern) = a.value.kind {
                    analysis.filesRead[cell.id] = Array(Set(analysis.filesRead[cell.id, default: []] + [pattern])).sorted()
                } else {
                    report("argument `\(p.name)` of `\(signature.name)` must be a string literal such as \"data/*.json\", so that the files' bytes can be part of the cell's key", a.value.range)
                }
            }
            for (p, a) in pairs {
                let t = inferType(a.value, locals: locals)
                if !t.conforms(to: p.type) {
                    report("argument `\(p.name)` of `\(signature.name)` must be \(p.type), but this is \(t)", a.value.range)
                } else if let c = p.constraint, let literal = a.value.literalValue, let why = c.violation(literal) {
                    report("argument `\(p.name)` of `\(signature.name)` \(why)", a.value.range)
                } else if let c = p.constraint, case .record(let fields) = a.value.kind {
                    for field in fields {
                        if let why = c.violation(field: field.key, value: field.value.literalValue) {
                            report("argument `\(p.name)` of `\(signature.name)` \(why)", field.keyRange)
                        }
                    }
                }
            }
        }

        /// The inferred type of a cell binding. Types are advisory (`.any` conforms to everything),
        /// so a chain of names deeper than ``maximumTypingDepth`` is simply left untyped rather
        /// than followed to the bottom of the stack.
        mutating func typeOfName(_ name: String) -> ValueType {
            if let t = analysis.types[name] { return t }
            guard typing.count < Analysis.maximumTypingDepth else { return .any }
            guard let (cell, index) = statementOf[name].map({ ($0.cell, $0.index) }), typing.insert(name).inserted else { return .any }
            let t = inferType(cell.program.statements[index].value, locals: [])
            typing.remove(name)
            analysis.types[name] = t
            return t
        }

        mutating func inferType(_ e: Expr, locals: Set<String>) -> ValueType {
            switch e.kind {
            case .integer: return .int
            case .number: return .number
            case .string: return .string
            case .bool: return .bool
            case .list, .comprehension: return .list
            case .record: return .record
            case .name(let n): return locals.contains(n) ? .any : typeOfName(n)
            case .member(let base, let m):
                if case .name("params") = base.kind { return notebook.param(m)?.type ?? .any }
                return .any
            case .index: return .any
            case .call(let callee, _): return callee.dottedPath.flatMap { catalog.signature(named: $0)?.returns } ?? .any
            case .unary(.not, _): return .bool
            case .unary(.negate, let x): return inferType(x, locals: locals)
            case .binary(let op, let a, let b):
                switch op {
                case .and, .or, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return .bool
                default:
                    let (ta, tb) = (inferType(a, locals: locals), inferType(b, locals: locals))
                    if op == .add && ta == .string && tb == .string { return .string }
                    if op == .add && ta == .list && tb == .list { return .list }
                    if ta == .int && tb == .int && op != .divide { return .int }
                    if ta.conforms(to: .number) && tb.conforms(to: .number) && ta != .any && tb != .any { return .number }
                    return .any
                }
            }
        }
    }
}
