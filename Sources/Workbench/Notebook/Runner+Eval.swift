import LabCore
import Store

/// An expression to evaluate against a notebook's stored values (`lab eval NB 'expression'`).
///
/// It is checked like a cell that reads the notebook's names (unknown names, functions, arguments
/// and operand types are static errors at `expression:1:column`), and it never runs a cell:
/// ``Runner/evaluate(_:overrides:computeMissingCalls:)`` reads the values the cells stored for
/// the given parameters, and names a cell to run when one is not stored.
public struct EvalExpression: Sendable {
    /// The name diagnostics give the expression's text.
    public static let label = "expression"

    /// The parsed expression.
    public let expression: StandaloneExpression
    /// The notebook with the expression as one more cell (its source lines are the expression's).
    let extended: Notebook
    /// The id of that cell (`_eval`, or `_eval2`, … when the notebook has a cell of that name).
    let cellID: String
    /// The static picture of the extended notebook.
    let analysis: Analysis

    /// Parses and checks `text` against `notebook` and `catalog`.
    public init(_ text: String, notebook: Notebook, catalog: any FunctionLookup) throws(Diagnostics) {
        expression = try StandaloneExpression(text, label: EvalExpression.label)
        var id = "_eval"
        var n = 1
        while notebook.cell(id) != nil {
            n += 1
            id = "_eval\(n)"
        }
        cellID = id
        let zero = SourceRange(SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 1))
        var extended = notebook
        extended.path = EvalExpression.label
        extended.lines = expression.source.lines
        extended.cells.append(Cell(id: id, attributes: [:], source: text, program: CellProgram(statements: [.expression(expression.expr)]),
                                   fenceRange: zero, firstBodyLine: 1))
        self.extended = extended
        // The notebook's own cells passed these checks already: what is reported is the expression's.
        analysis = Analysis(extended, catalog: catalog)
        try analysis.validate()
    }

    /// The cells whose values the expression reads, in run order.
    public var cellsRead: [String] { analysis.order.filter { analysis.upstream[cellID, default: []].contains($0) } }
}

extension Runner {
    /// Evaluates `expression` against the values this notebook's cells stored for the parameters
    /// `overrides`, running no cell.
    ///
    /// A name whose cell is not fresh for these parameters is an error (exit 3) naming the cell
    /// and the command that computes it. Library calls in the expression that are memoised (datasets,
    /// solving, training) are taken from the store; one not stored there is an error unless
    /// `computeMissingCalls`.
    public func evaluate(_ expression: EvalExpression, overrides: [String: String], computeMissingCalls: Bool = false) throws -> Value {
        let params = try notebook.parameterValues(overrides: overrides)
        let statuses = Dictionary(uniqueKeysWithValues: try status(overrides: overrides).map { ($0.id, $0) })
        let again = overrides.sorted { $0.key < $1.key }.map { " --param \($0.key)=\($0.value)" }.joined()
        var inputs: [String: Value] = [:]
        for name in expression.analysis.namesRead[expression.cellID, default: []] {
            guard let cell = analysis.definingCell[name], let s = statuses[cell] else { continue }
            guard s.state == .fresh, let digest = digests[name] else {
                let why = s.reasons.first.map { " (\($0))" } ?? ""
                throw LabError(.environment, "`\(name)` is not stored for these parameters: its cell `\(cell)` is \(s.state.rawValue)\(why). Run `lab run \(notebook.path) --cell \(cell)\(again)` first, or pass --run to run the stale cells it needs.")
            }
            inputs[name] = try loadValue(digest, name: name)
        }
        let cellSeed = KeyManifest.derivedSeed(notebookSeed: notebook.seed, cellID: expression.cellID)
        var callIndex = 0
        let evaluator = Evaluator(notebook: expression.extended, catalog: catalog, params: params) { [self] signature, args, range in
            callIndex += 1
            let args = CallSeed.filling(args, of: signature, seed: CallSeed.derive(cellSeed: cellSeed, position: callIndex))
            if signature.memoised && !computeMissingCalls {
                guard try database.lookup("call:\(CallKey(signature, args).key)") != nil else {
                    throw LabError(.environment, "`\(signature.name)(…)` with these arguments is not in the store, and `lab eval` computes nothing unless asked; pass --run to compute it, or call it in a cell")
                }
            }
            let cell = expression.extended.cells.last!
            return try invoke(signature, args, cell: cell, label: "eval › \(signature.name)", recompute: false, fallbackKey: "eval:\(cellSeed)#\(callIndex)",
                              fallbackSeed: cellSeed &+ UInt64(callIndex)).0
        }
        var budget = Notebook.maximumItems
        return try evaluator.eval(expression.expression.expr, inputs, &budget)
    }
}
