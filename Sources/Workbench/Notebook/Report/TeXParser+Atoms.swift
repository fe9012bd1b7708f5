extension TeXParser {
    /// One atom: a character, a group, or a command with its arguments. Nil for commands that
    /// produce nothing (`\displaystyle`, `\limits`).
    mutating func parseAtom() throws(TeXError) -> Item? {
        let e = MarkdownHTML.escape
        switch next() {
        case .end: throw TeXError(message: "the formula ends early")
        case .char("{"):
            let saved = singleDigit
            singleDigit = false
            defer { singleDigit = saved }
            let items = try parseItems()
            guard next() == .char("}") else { throw TeXError(message: "unbalanced `{`") }
            return Item(base: TeXParser.row(items))
        case .char(let c):
            if c.isLetter { return Item(base: letters(c)) }
            if c.isNumber || (c == "." && position < chars.count && chars[position].isNumber) { return Item(base: number(c)) }
            if let op = TeXSymbols.characterOperators[c] {
                // Brackets written plainly keep their size, as in TeX (only \left…\right stretch).
                let fixed = "()[]|/".contains(c) ? " stretchy=\"false\"" : ""
                return Item(base: "<mo\(fixed)>\(e(op))</mo>", opening: c == "(" || c == "[")
            }
            if c == "~" { return Item(base: "<mspace width=\"0.333em\"></mspace>") }
            throw TeXError(message: "the character `\(c)` is not supported in a formula (write `\\\(c)` for a literal one where TeX allows it)")
        case .command(let name):
            return try command(name)
        }
    }

    /// A run of letters in an upright font (one `<mi>`), or a single letter otherwise.
    mutating func letters(_ first: Character) -> String {
        guard font == .roman else { return TeXParser.identifier(font.map(first), font: font) }
        var run = String(first)
        while position < chars.count, chars[position].isLetter { run.append(chars[position]); position += 1 }
        return run.count == 1 ? "<mi mathvariant=\"normal\">\(MarkdownHTML.escape(run))</mi>" : "<mi>\(MarkdownHTML.escape(run))</mi>"
    }

    /// `<mi>` for one (possibly font-mapped) letter; capital Greek stays upright as in TeX.
    static func identifier(_ text: String, font: TeXFont) -> String {
        let upright = font == .normal && text.unicodeScalars.count == 1 && (0x391...0x3A9).contains(text.unicodeScalars.first!.value)
        return upright ? "<mi mathvariant=\"normal\">\(MarkdownHTML.escape(text))</mi>" : "<mi>\(MarkdownHTML.escape(text))</mi>"
    }

    /// A number: digits with at most one decimal point (one digit inside a script argument).
    mutating func number(_ first: Character) -> String {
        var text = String(first)
        if !singleDigit {
            var seenPoint = first == "."
            while position < chars.count {
                let c = chars[position]
                if c.isNumber { text.append(c); position += 1; continue }
                if c == ".", !seenPoint, position + 1 < chars.count, chars[position + 1].isNumber { seenPoint = true; text.append(c); position += 1; continue }
                break
            }
        }
        return "<mn>\(MarkdownHTML.escape(String(text.map { font.map($0) }.joined())))</mn>"
    }

    /// A control sequence and its arguments.
    mutating func command(_ name: String) throws(TeXError) -> Item? {
        let e = MarkdownHTML.escape
        if let letter = TeXSymbols.greek[name] { return Item(base: TeXParser.identifier(font.map(Character(letter)), font: font)) }
        if let symbol = TeXSymbols.identifiers[name] { return Item(base: "<mi>\(e(symbol))</mi>") }
        if let op = TeXSymbols.operators[name] {
            let opening = TeXSymbols.openingDelimiters.contains(name)
            guard opening || TeXSymbols.closingDelimiters.contains(name) else { return Item(base: "<mo>\(e(op))</mo>") }
            return Item(base: "<mo stretchy=\"false\" form=\"\(opening ? "prefix" : "postfix")\">\(e(op))</mo>", opening: opening)
        }
        if let op = TeXSymbols.largeOperators[name] { return Item(base: "<mo>\(op)</mo>", limits: !op.hasPrefix("\u{222B}") && op != "\u{222E}") }
        if TeXSymbols.functions.contains(name) { return Item(base: "<mi>\(name)</mi>", function: true) }
        if let text = TeXSymbols.limitFunctions[name] { return limitFunction(text) }
        if let width = TeXSymbols.spaces[name] { return width.isEmpty ? nil : Item(base: "<mspace width=\"\(width)\"></mspace>") }
        if let f = TeXFont.commands[name] { return Item(base: try parseArgument(font: f)) }
        if let accent = TeXSymbols.accents[name] {
            let base = try parseArgument()
            return Item(base: "<mover accent=\"true\">\(base)<mo stretchy=\"\(accent.stretchy)\">\(accent.mark)</mo></mover>")
        }
        switch name {
        case "displaystyle", "textstyle", "limits", "nolimits", "nonumber", "notag": return nil
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try parseArgument()
            let denominator = try parseArgument()
            return Item(base: "<mfrac>\(numerator)\(denominator)</mfrac>")
        case "binom", "dbinom", "tbinom":
            let n = try parseArgument()
            let k = try parseArgument()
            return Item(base: "<mrow><mo>(</mo><mfrac linethickness=\"0\">\(n)\(k)</mfrac><mo>)</mo></mrow>")
        case "sqrt":
            skipSpace()
            if position < chars.count, chars[position] == "[" {
                position += 1
                let items = try parseBracketed()
                return Item(base: "<mroot>\(try parseArgument())\(TeXParser.row(items))</mroot>")
            }
            return Item(base: "<msqrt>\(try parseArgument())</msqrt>")
        case "text", "textrm", "mbox", "textnormal", "textit", "textbf":
            let raw = try parseRawGroup()
            let text = TeXParser.unescapeText(raw)
            let style = name == "textit" ? " style=\"font-style:italic\"" : name == "textbf" ? " style=\"font-weight:bold\"" : ""
            return Item(base: "<mtext\(style)>\(e(text))</mtext>")
        case "operatorname", "operatorname*":
            let text = TeXParser.unescapeText(try parseRawGroup()).filter { !$0.isWhitespace }
            return name.hasSuffix("*") ? limitFunction(text) : Item(base: "<mi>\(e(text))</mi>", function: true)
        case "overline": return Item(base: "<mover accent=\"true\">\(try parseArgument())<mo stretchy=\"true\">\u{AF}</mo></mover>")
        case "underline": return Item(base: "<munder accentunder=\"true\">\(try parseArgument())<mo stretchy=\"true\">_</mo></munder>")
        case "overbrace": return Item(base: "<mover>\(try parseArgument())<mo stretchy=\"true\">\u{23DE}</mo></mover>", limits: true)
        case "underbrace": return Item(base: "<munder>\(try parseArgument())<mo stretchy=\"true\">\u{23DF}</mo></munder>", limits: true)
        case "overset", "stackrel":
            let over = try parseArgument()
            return Item(base: "<mover>\(try parseArgument())\(over)</mover>")
        case "underset":
            let under = try parseArgument()
            return Item(base: "<munder>\(try parseArgument())\(under)</munder>")
        case "left": return try parseFenced()
        case "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr", "bigm", "Bigm", "biggm", "Biggm":
            let plain = ["big", "Big", "bigg", "Bigg"].contains(name) ? name : String(name.dropLast())
            let size = TeXSymbols.delimiterSizes[plain] ?? "1.2em"
            guard let d = try delimiter() else { return nil }
            return Item(base: "<mo minsize=\"\(size)\" maxsize=\"\(size)\" stretchy=\"true\">\(e(d))</mo>", opening: name.hasSuffix("l"))
        case "begin": return Item(base: try parseEnvironment())
        case "": throw TeXError(message: "a lone `\\` at the end of the formula")
        default: throw TeXError(message: "unsupported TeX command `\\\(name)`")
        }
    }

    /// `\min`, `\max`, `\lim`…: an operator whose scripts go below in display formulas.
    func limitFunction(_ text: String) -> Item {
        Item(base: "<mo movablelimits=\"true\" lspace=\"0\" rspace=\"0.1667em\" form=\"prefix\">\(MarkdownHTML.escape(text))</mo>", limits: true)
    }

    /// `\sqrt[n]`'s index up to `]`.
    mutating func parseBracketed() throws(TeXError) -> [Item] {
        var items: [Item] = []
        while true {
            skipSpace()
            guard position < chars.count else { throw TeXError(message: "`\\sqrt[` is not closed with `]`") }
            if chars[position] == "]" { position += 1; return items }
            guard let item = try parseAtom() else { continue }
            items.append(item)
        }
    }

    /// Text inside `\text{…}`: TeX's escapes undone; spaces kept (as no-break spaces).
    static func unescapeText(_ raw: String) -> String {
        var out = ""
        var escaped = false
        for c in raw {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "{" || c == "}" { continue }
            out.append(c == " " ? "\u{A0}" : c)
        }
        return out
    }
}
