extension TeXParser {
    /// A delimiter after `\left`, `\right`, `\middle` or `\big`: nil for `.` (none).
    mutating func delimiter() throws(TeXError) -> String? {
        switch next() {
        case .char("."): return nil
        case .char(let c) where "()[]|/".contains(c): return String(c)
        case .char("<"): return "\u{27E8}"
        case .char(">"): return "\u{27E9}"
        case .command(let name):
            if let d = TeXSymbols.delimiters[name] { return d }
            throw TeXError(message: "`\\\(name)` is not a delimiter")
        default: throw TeXError(message: "`\\left`, `\\right` and `\\big` need a delimiter such as `(`, `[`, `\\{` or `.`")
        }
    }

    /// `\left( … \middle| … \right)` after `\left`: one row between stretchy fences.
    mutating func parseFenced() throws(TeXError) -> Item {
        let open = try delimiter()
        var parts: [String] = []
        if let open { parts.append("<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">\(MarkdownHTML.escape(open))</mo>") }
        while true {
            parts.append(TeXParser.row(try parseItems()))
            switch next() {
            case .command("middle"):
                if let d = try delimiter() { parts.append("<mo fence=\"true\" form=\"infix\" stretchy=\"true\">\(MarkdownHTML.escape(d))</mo>") }
            case .command("right"):
                if let close = try delimiter() { parts.append("<mo fence=\"true\" form=\"postfix\" stretchy=\"true\">\(MarkdownHTML.escape(close))</mo>") }
                return Item(base: "<mrow>" + parts.joined() + "</mrow>")
            default:
                throw TeXError(message: "`\\left` without a matching `\\right`")
            }
        }
    }

    /// `\begin{name} … \end{name}` after `\begin`: a table of cells (`&`) and rows (`\\`).
    mutating func parseEnvironment() throws(TeXError) -> String {
        let name = try parseRawGroup()
        guard let layout = TeXSymbols.environments[name] else {
            throw TeXError(message: "unsupported environment `\(name)`; the supported ones are \(TeXSymbols.environments.keys.sorted().joined(separator: ", "))")
        }
        if name == "array" { _ = try parseRawGroup() }  // column spec: cells are centred
        var rows: [[String]] = [[]]
        while true {
            rows[rows.count - 1].append(TeXParser.row(try parseItems()))
            switch next() {
            case .char("&"): continue
            case .command("\\"):
                skipSpace()
                if position < chars.count, chars[position] == "[" {  // \\[4pt]
                    while position < chars.count, chars[position] != "]" { position += 1 }
                    position += 1
                }
                rows.append([])
            case .command("end"):
                let end = try parseRawGroup()
                guard end == name else { throw TeXError(message: "`\\begin{\(name)}` is closed by `\\end{\(end)}`") }
                if rows.count > 1, rows[rows.count - 1] == ["<mrow></mrow>"] { rows.removeLast() }
                return layout.markup(rows)
            case .char("}"): throw TeXError(message: "unbalanced `}` inside `\\begin{\(name)}`")
            default: throw TeXError(message: "`\\begin{\(name)}` is not closed with `\\end{\(name)}`")
            }
        }
    }
}

/// How an environment lays out its cells and what brackets surround it.
struct TeXEnvironment: Sendable {
    /// Opening and closing bracket (empty for none).
    var open: String
    var close: String
    /// Column alignment, cycling (`aligned` alternates right and left).
    var alignments: [String]
    /// Whether cells touch (no padding), as in `aligned`.
    var tight = false

    func markup(_ rows: [[String]]) -> String {
        let padding = tight ? "padding-left:0;padding-right:0;" : ""
        let body = rows.map { cells in
            "<mtr>" + cells.enumerated().map { index, cell in
                "<mtd style=\"\(padding)text-align:\(alignments[index % alignments.count])\">\(cell)</mtd>"
            }.joined() + "</mtr>"
        }.joined()
        let table = "<mtable>\(body)</mtable>"
        guard !open.isEmpty || !close.isEmpty else { return table }
        let e = MarkdownHTML.escape
        let openMark = open.isEmpty ? "" : "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">\(e(open))</mo>"
        let closeMark = close.isEmpty ? "" : "<mo fence=\"true\" form=\"postfix\" stretchy=\"true\">\(e(close))</mo>"
        return "<mrow>\(openMark)\(table)\(closeMark)</mrow>"
    }
}
