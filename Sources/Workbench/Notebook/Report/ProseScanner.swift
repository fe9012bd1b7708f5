/// Finds formulas and figure references in Markdown prose, outside code, and replaces each by a
/// placeholder (see ``ProseDocument``).
///
/// Rules (Pandoc's): `$$…$$` is a display formula and may span lines; `$…$` is inline when the
/// opening `$` is followed by a non-space, the closing one preceded by a non-space and not
/// followed by a digit (so "$5 and $6" stays text), and holds no backtick. Neither crosses a
/// blank line. `\$` is a
/// literal dollar. `@fig-ID` (ID: letters, digits, `_`, `-`) refers to a captioned figure.
/// Fenced code blocks and code spans are left as they are; text that does not close is text.
struct ProseScanner {
    /// What a span is.
    enum Kind: Hashable {
        /// TeX source without its dollars.
        case math(String, display: Bool)
        /// A figure cell's id.
        case figureReference(String)
    }

    /// A formula or reference, with its 1-based line and column in the scanned text.
    struct Span: Hashable {
        var kind: Kind
        var line: Int
        var column: Int
    }

    let chars: [Character]
    var position = 0
    var line = 1
    var column = 1
    private(set) var output = ""
    private(set) var spans: [Span] = []

    init(_ text: String) { chars = Array(text) }

    /// Scans the whole text.
    mutating func run() {
        while position < chars.count {
            if column == 1, let fence = fenceAtLineStart() { copyFencedBlock(fence); continue }
            let c = chars[position]
            if c == "\\", position + 1 < chars.count, chars[position + 1] == "$" || chars[position + 1] == "`" || chars[position + 1] == "@" {
                copy(2)
            } else if c == "`" {
                copyCodeSpan()
            } else if c == "$" {
                if !scanMath() { copy(1) }
            } else if c == "@", !precededByWordCharacter(), scanReference() {
                continue
            } else {
                copy(1)
            }
        }
    }

    private mutating func copy(_ n: Int) {
        for _ in 0..<n where position < chars.count {
            let c = chars[position]
            output.append(c)
            advance(c)
        }
    }

    private mutating func advance(_ c: Character) {
        position += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    /// The fence marker (```` ``` ```` or `~~~`, three or more) that opens a line, if any.
    private func fenceAtLineStart() -> String? {
        var i = position
        var indent = 0
        while i < chars.count, chars[i] == " ", indent < 4 { i += 1; indent += 1 }
        guard indent < 4, i < chars.count, chars[i] == "`" || chars[i] == "~" else { return nil }
        let mark = chars[i]
        var n = 0
        while i + n < chars.count, chars[i + n] == mark { n += 1 }
        return n >= 3 ? String(repeating: mark, count: n) : nil
    }

    /// Copies a fenced block through its closing fence (or the end of the text).
    private mutating func copyFencedBlock(_ fence: String) {
        copyLine()
        while position < chars.count {
            let closing = fenceAtLineStart()
            copyLine()
            if let closing, closing.first == fence.first, closing.count >= fence.count { return }
        }
    }

    private mutating func copyLine() {
        while position < chars.count {
            let c = chars[position]
            copy(1)
            if c == "\n" { return }
        }
    }

    /// Copies a code span whole, or its opening backticks when it never closes.
    private mutating func copyCodeSpan() {
        var n = 0
        while position + n < chars.count, chars[position + n] == "`" { n += 1 }
        var i = position + n
        while i < chars.count {
            if chars[i] == "`" {
                var m = 0
                while i + m < chars.count, chars[i + m] == "`" { m += 1 }
                if m == n { copy(i + m - position); return }
                i += m
            } else {
                i += 1
            }
        }
        copy(n)
    }

    /// Scans `$…$` or `$$…$$` at `position`; false when it is not a formula.
    private mutating func scanMath() -> Bool {
        let display = position + 1 < chars.count && chars[position + 1] == "$"
        let open = display ? 2 : 1
        var i = position + open
        guard i < chars.count, display || !chars[i].isWhitespace else { return false }
        var tex = ""
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count { tex.append(c); tex.append(chars[i + 1]); i += 2; continue }
            if c == "\n", startsBlankLine(i + 1) { return false }  // a blank line ends the paragraph
            if c == "`", !display { return false }  // a code span starts: "$5 and `$x$`" is no formula
            if c == "$" {
                if display {
                    guard i + 1 < chars.count, chars[i + 1] == "$" else { return false }
                    return emitMath(tex, display: true, length: i + 2 - position)
                }
                let after = i + 1 < chars.count ? chars[i + 1] : " "
                guard let last = tex.last, !last.isWhitespace, !after.isNumber else { return false }
                return emitMath(tex, display: false, length: i + 1 - position)
            }
            tex.append(c)
            i += 1
        }
        return false
    }

    /// Whether the line starting at `i` holds only spaces and tabs.
    private func startsBlankLine(_ i: Int) -> Bool {
        var j = i
        while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
        return j >= chars.count || chars[j] == "\n"
    }

    private mutating func emitMath(_ tex: String, display: Bool, length: Int) -> Bool {
        let trimmed = tex.trimming(" \t\n")
        guard !trimmed.isEmpty else { return false }
        spans.append(Span(kind: .math(trimmed, display: display), line: line, column: column))
        output += ProseDocument.placeholder(spans.count - 1)
        for _ in 0..<length { advance(chars[position]) }
        return true
    }

    private func precededByWordCharacter() -> Bool {
        guard position > 0 else { return false }
        let c = chars[position - 1]
        return c.isLetter || c.isNumber || c == "_"
    }

    /// Scans `@fig-ID` at `position`.
    private mutating func scanReference() -> Bool {
        let prefix = Array("@fig-")
        guard position + prefix.count < chars.count, Array(chars[position..<(position + prefix.count)]) == prefix else { return false }
        var i = position + prefix.count
        var id = ""
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" { id.append(chars[i]); i += 1 }
        while id.last == "-" { id.removeLast(); i -= 1 }  // "see @fig-a-" ends at the id
        guard !id.isEmpty else { return false }
        spans.append(Span(kind: .figureReference(id), line: line, column: column))
        output += ProseDocument.placeholder(spans.count - 1)
        for _ in position..<i { advance(chars[position]) }
        return true
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
