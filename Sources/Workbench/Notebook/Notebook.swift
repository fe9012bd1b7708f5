/// A parsed notebook: front matter, cells, and the source text for diagnostics.
///
/// A notebook is Markdown. Optional front matter between `---` lines sets `title`, `seed` and
/// typed `params` with defaults; fenced blocks whose info string is `lab id=NAME` are cells;
/// everything else is prose. The file is source only: outputs live in the store.
public struct Notebook: Sendable {
    /// Path as the user gave it (used in every diagnostic).
    public var path: String
    /// The `title` from front matter, if any.
    public var title: String?
    /// The notebook seed (front matter `seed`, default 0); each cell derives its own from it.
    public var seed: UInt64
    /// Declared parameters, in order.
    public var params: [ParamDeclaration]
    /// Cells in document order.
    public var cells: [Cell]
    /// Prose and cells in document order, for reports.
    public var blocks: [Block]
    /// The source lines (1-based line n is `lines[n-1]`).
    public var lines: [String]

    /// A piece of the document: prose or a reference to a cell.
    public enum Block: Sendable, Hashable {
        /// Markdown text outside cells, and the notebook line it starts on.
        case prose(String, line: Int)
        /// The cell with this id.
        case cell(String)
    }

    /// The cell with the given id.
    public func cell(_ id: String) -> Cell? { cells.first { $0.id == id } }

    /// The declared parameter with the given name.
    public func param(_ name: String) -> ParamDeclaration? { params.first { $0.name == name } }

    /// A diagnostic at `range` with the source line attached.
    func diagnostic(_ message: String, at range: SourceRange) -> Diagnostic {
        let line = range.start.line >= 1 && range.start.line <= lines.count ? lines[range.start.line - 1] : ""
        return Diagnostic(message, at: range, path: path, sourceLine: line)
    }
}

/// A typed notebook parameter with its default, overridable with `--param NAME=VALUE`.
public struct ParamDeclaration: Sendable, Hashable {
    /// The name, read in cells as `params.NAME`.
    public var name: String
    /// The type, inferred from the default literal.
    public var type: ValueType
    /// The default, a literal expression.
    public var defaultValue: Expr
    /// Where the declaration is.
    public var range: SourceRange
}

/// One fenced `lab` cell.
public struct Cell: Sendable, Hashable {
    /// The unique id from the fence's `id=` attribute.
    public var id: String
    /// Other `key=value` attributes of the fence (`echo`, `fig-cap`), quotes removed.
    public var attributes: [String: String]
    /// The cell's source text (between the fences).
    public var source: String
    /// The parsed body.
    public var program: CellProgram
    /// Where the opening fence is.
    public var fenceRange: SourceRange
    /// The notebook line of the first body line.
    public var firstBodyLine: Int
}

extension Cell {
    /// The attributes a cell fence accepts.
    public static let attributeNames = ["id", "echo", "fig-cap"]
    /// The values of `echo=`: show the source, hide it, or fold it (Quarto's `code-fold`).
    public static let echoValues: Set<String> = ["true", "false", "fold"]

    /// How the report shows the source: `true` (shown), `false` (hidden) or `fold`.
    public var echo: String { attributes["echo"] ?? "true" }
    /// The figure caption from `fig-cap="…"`, which also numbers the cell's figure.
    public var figureCaption: String? { attributes["fig-cap"] }
}
