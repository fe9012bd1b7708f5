/// A documented subset of TeX math, converted to MathML Core (which Chromium and Firefox lay
/// out natively, without scripts).
///
/// The subset (also listed in docs/reports.md): letters, numbers and operators; `^` and `_`
/// scripts and primes; groups `{…}`; Greek letters; `\frac` `\dfrac` `\tfrac` `\binom`
/// `\sqrt[n]{…}`; large operators `\sum` `\prod` `\int` `\bigcup` … with limits; functions `\log`
/// `\ln` `\exp` `\sin` … and `\min` `\max` `\lim` `\sup` `\inf` `\arg\min` `\argmin` with limits
/// below in display formulas; `\operatorname{…}`; fonts `\mathbf` `\boldsymbol` `\mathrm`
/// `\mathit` `\mathbb` `\mathcal` `\mathsf` `\mathtt`; `\text{…}`; accents `\hat` `\bar` `\tilde`
/// `\vec` `\dot` `\ddot` `\overline` `\underline` `\overbrace` `\underbrace`; `\overset`
/// `\underset`; `\left…\right` with `\middle`, `\big`…`\Bigg`; spacing `\,` `\;` `\quad` …;
/// environments `matrix` `pmatrix` `bmatrix` `Bmatrix` `vmatrix` `Vmatrix` `cases` `aligned`
/// `gathered` `array`; and the relation, arrow and operator symbols in ``TeXSymbols``.
/// Anything else is a ``TeXError`` naming what is not supported.
public enum TeXMathML {
    /// Converts TeX (without its dollars) to a `<math>` element, or says what is unsupported.
    public static func render(_ tex: String, display: Bool) -> Result<String, TeXError> {
        var parser = TeXParser(tex, display: display)
        do {
            let row = try parser.parseFormula()
            let attribute = display ? " display=\"block\"" : ""
            return .success("<math\(attribute)><semantics>\(row)<annotation encoding=\"application/x-tex\">\(MarkdownHTML.escape(tex))</annotation></semantics></math>")
        } catch {
            return .failure(error)
        }
    }
}

/// Why a formula is outside the supported TeX subset.
public struct TeXError: Error, Sendable, Hashable {
    /// What is not supported, e.g. "unsupported TeX command `\\foo`".
    public var message: String
}

/// A recursive-descent reader of TeX math producing MathML Core markup.
struct TeXParser {
    /// One token: a control sequence (without the backslash) or a character.
    enum Token: Equatable {
        case command(String)
        case char(Character)
        case end
    }

    /// An item of a row: its base markup and scripts, built when the row is done.
    struct Item {
        var base: String
        var sub: String?
        var sup: String?
        /// Scripts go below and above (munderover) rather than to the side.
        var limits = false
        /// A function name (`\log`): a thin space follows unless a bracket does.
        var function = false
        /// An opening bracket, which needs no space after a function name.
        var opening = false

        var markup: String {
            switch (sub, sup) {
            case (nil, nil): base
            case (let b?, nil): limits ? "<munder>\(base)\(b)</munder>" : "<msub>\(base)\(b)</msub>"
            case (nil, let p?): limits ? "<mover>\(base)\(p)</mover>" : "<msup>\(base)\(p)</msup>"
            case (let b?, let p?): limits ? "<munderover>\(base)\(b)\(p)</munderover>" : "<msubsup>\(base)\(b)\(p)</msubsup>"
            }
        }
    }

    static let maximumDepth = 48

    let chars: [Character]
    let display: Bool
    var position = 0
    var font = TeXFont.normal
    var depth = 0
    /// Inside a script argument, a number is one digit (TeX's `x^23` is x² then 3).
    var singleDigit = false

    init(_ tex: String, display: Bool) {
        chars = Array(tex)
        self.display = display
    }

    /// Parses the whole formula as one row.
    mutating func parseFormula() throws(TeXError) -> String {
        let items = try parseItems()
        switch peek() {
        case .end: return TeXParser.row(items)
        case .char("}"): throw TeXError(message: "unbalanced `}`")
        case .char("&"): throw TeXError(message: "`&` outside a matrix or aligned environment")
        case .command("\\"): throw TeXError(message: "`\\\\` (line break) outside a matrix or aligned environment")
        case .command("right"): throw TeXError(message: "`\\right` without `\\left`")
        case .command("end"): throw TeXError(message: "`\\end` without `\\begin`")
        default: throw TeXError(message: "unexpected input")
        }
    }

    /// One element for a list of items (an `<mrow>` unless there is exactly one).
    static func row(_ items: [Item]) -> String {
        items.count == 1 ? items[0].markup : "<mrow>" + items.map(\.markup).joined() + "</mrow>"
    }

    // MARK: Tokens

    mutating func skipSpace() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    mutating func peek() -> Token {
        let saved = position
        defer { position = saved }
        return next()
    }

    mutating func next() -> Token {
        skipSpace()
        guard position < chars.count else { return .end }
        let c = chars[position]
        position += 1
        guard c == "\\" else { return .char(c) }
        guard position < chars.count else { return .command("") }
        let first = chars[position]
        guard first.isASCII, first.isLetter else { position += 1; return .command(String(first)) }
        var name = ""
        while position < chars.count, chars[position].isASCII, chars[position].isLetter { name.append(chars[position]); position += 1 }
        if name == "operatorname", position < chars.count, chars[position] == "*" { position += 1; name += "*" }
        return .command(name)
    }

    /// Whether a token ends the current row.
    static func isStop(_ t: Token) -> Bool {
        switch t {
        case .end, .char("}"), .char("&"), .command("\\"), .command("right"), .command("end"), .command("middle"): true
        default: false
        }
    }

    // MARK: Rows and scripts

    /// Items up to the next stop token (left unread).
    mutating func parseItems() throws(TeXError) -> [Item] {
        depth += 1
        defer { depth -= 1 }
        guard depth <= TeXParser.maximumDepth else { throw TeXError(message: "the formula nests more than \(TeXParser.maximumDepth) levels deep") }
        var items: [Item] = []
        var pendingFunctionSpace = false
        while true {
            let token = peek()
            if TeXParser.isStop(token) { break }
            if token == .char("^") || token == .char("_") {
                _ = next()
                if items.isEmpty { items.append(Item(base: "<mrow></mrow>")) }
                let script = try parseArgument()
                if token == .char("^") {
                    guard items[items.count - 1].sup == nil else { throw TeXError(message: "double superscript: group it, as in `x^{ab}`") }
                    items[items.count - 1].sup = script
                } else {
                    guard items[items.count - 1].sub == nil else { throw TeXError(message: "double subscript: group it, as in `x_{ab}`") }
                    items[items.count - 1].sub = script
                }
                continue
            }
            if token == .char("'") {
                _ = next()
                if items.isEmpty { items.append(Item(base: "<mrow></mrow>")) }
                let prime = "<mo>\u{2032}</mo>"
                items[items.count - 1].sup = items[items.count - 1].sup.map { "<mrow>\($0)\(prime)</mrow>" } ?? prime
                continue
            }
            guard let item = try parseAtom() else { continue }
            if pendingFunctionSpace && !item.opening { items.append(Item(base: "<mspace width=\"0.1667em\"></mspace>")) }
            pendingFunctionSpace = item.function
            items.append(item)
        }
        return items
    }

    /// A script or command argument: a braced group or a single token, as one element.
    mutating func parseArgument() throws(TeXError) -> String {
        guard !TeXParser.isStop(peek()) else { throw TeXError(message: "a script or command is missing its argument") }
        let saved = singleDigit
        singleDigit = true
        defer { singleDigit = saved }
        guard let item = try parseAtom() else { return "<mrow></mrow>" }
        return item.markup
    }

    /// A braced group's raw text (for `\text`, environment names and array column specs).
    mutating func parseRawGroup() throws(TeXError) -> String {
        guard next() == .char("{") else { throw TeXError(message: "expected `{`") }
        var text = ""
        var level = 0
        while position < chars.count {
            let c = chars[position]
            position += 1
            if c == "\\", position < chars.count { text.append(c); text.append(chars[position]); position += 1; continue }
            if c == "{" { level += 1 } else if c == "}" {
                if level == 0 { return text }
                level -= 1
            }
            text.append(c)
        }
        throw TeXError(message: "unbalanced `{`")
    }

    /// A braced group (or single token) parsed with `font`.
    mutating func parseArgument(font newFont: TeXFont) throws(TeXError) -> String {
        let saved = font
        font = newFont
        defer { font = saved }
        return try parseArgument()
    }
}
