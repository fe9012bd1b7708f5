/// A token of the cell language.
public struct Token: Sendable, Hashable {
    /// What kind of token, with its value.
    public enum Kind: Sendable, Hashable {
        case identifier(String)
        case integer(Int)
        case number(Double)
        case string(String)
        case keyword(String)
        case symbol(String)
        case newline
        case end
    }

    /// The token.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange

    /// Human-readable form for error messages.
    public var display: String {
        switch kind {
        case .identifier(let s): return "`\(s)`"
        case .integer(let i): return "`\(i)`"
        case .number(let d): return "`\(d)`"
        case .string(let s): return "string \"\(s)\""
        case .keyword(let k): return "`\(k)`"
        case .symbol(let s): return "`\(s)`"
        case .newline: return "end of line"
        case .end: return "end of cell"
        }
    }
}

/// Splits cell source into tokens; a hand-written scanner with precise positions.
///
/// Comments run from `#` to the end of the line. Newlines separate statements except inside
/// brackets, where they are ignored (so calls and lists may span lines).
public struct Lexer {
    /// Words that cannot be names.
    public static let keywords: Set<String> = ["for", "in", "if", "and", "or", "not", "true", "false"]
    static let symbols3: Set<String> = []
    static let symbols2: Set<String> = ["==", "!=", "<=", ">=", "**"]
    static let symbols1: Set<Character> = ["+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", "."]

    let lines: [Substring]
    let firstLine: Int
    let makeError: (String, SourceRange) -> Diagnostic

    /// Creates a lexer over `source`, whose first line is line `firstLine` of the notebook.
    init(source: String, firstLine: Int, makeError: @escaping (String, SourceRange) -> Diagnostic) {
        self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        self.firstLine = firstLine
        self.makeError = makeError
    }

    /// All tokens, ending with `.end`.
    func tokenize() throws(Diagnostic) -> [Token] {
        var tokens: [Token] = []
        var depth = 0
        for (offset, text) in lines.enumerated() {
            let lineNumber = firstLine + offset
            let chars = Array(text)
            var i = 0
            func pos(_ c: Int) -> SourcePosition { SourcePosition(line: lineNumber, column: c + 1) }
            while i < chars.count {
                let c = chars[i]
                if c == " " || c == "\t" || c == "\r" { i += 1; continue }
                if c == "#" { break }
                let start = i
                if c.isLetter || c == "_" {
                    while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                    let word = String(chars[start..<i])
                    tokens.append(Token(kind: Lexer.keywords.contains(word) ? .keyword(word) : .identifier(word), range: SourceRange(pos(start), pos(i))))
                    continue
                }
                if c.isNumber {
                    var isFloat = false
                    while i < chars.count, chars[i].isNumber || chars[i] == "_" { i += 1 }
                    if i + 1 < chars.count, chars[i] == ".", chars[i + 1].isNumber {
                        isFloat = true
                        i += 1
                        while i < chars.count, chars[i].isNumber || chars[i] == "_" { i += 1 }
                    }
                    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                        var j = i + 1
                        if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                        if j < chars.count, chars[j].isNumber {
                            isFloat = true
                            i = j
                            while i < chars.count, chars[i].isNumber { i += 1 }
                        }
                    }
                    let literal = String(chars[start..<i].filter { $0 != "_" })
                    let range = SourceRange(pos(start), pos(i))
                    if isFloat {
                        guard let v = Double(literal) else { throw makeError("malformed number `\(literal)`", range) }
                        tokens.append(Token(kind: .number(v), range: range))
                    } else {
                        guard let v = Int(literal) else { throw makeError("integer `\(literal)` is too large; write it as a decimal number (e.g. 1e20)", range) }
                        tokens.append(Token(kind: .integer(v), range: range))
                    }
                    continue
                }
                if c == "\"" {
                    var value = ""
                    i += 1
                    var closed = false
                    while i < chars.count {
                        let d = chars[i]
                        if d == "\"" { closed = true; i += 1; break }
                        if d == "\\" {
                            guard i + 1 < chars.count else { break }
                            switch chars[i + 1] {
                            case "n": value.append("\n")
                            case "t": value.append("\t")
                            case "\"": value.append("\"")
                            case "\\": value.append("\\")
                            default:
                                throw makeError("unknown escape `\\\(chars[i + 1])` in string; use \\n, \\t, \\\" or \\\\", SourceRange(pos(i), pos(i + 2)))
                            }
                            i += 2
                            continue
                        }
                        value.append(d)
                        i += 1
                    }
                    guard closed else { throw makeError("unterminated string: add a closing `\"` on the same line", SourceRange(pos(start), pos(chars.count))) }
                    tokens.append(Token(kind: .string(value), range: SourceRange(pos(start), pos(i))))
                    continue
                }
                if i + 1 < chars.count, Lexer.symbols2.contains(String(chars[i...i + 1])) {
                    tokens.append(Token(kind: .symbol(String(chars[i...i + 1])), range: SourceRange(pos(i), pos(i + 2))))
                    i += 2
                    continue
                }
                if Lexer.symbols1.contains(c) {
                    if "([{".contains(c) { depth += 1 }
                    if ")]}".contains(c) { depth = max(0, depth - 1) }
                    tokens.append(Token(kind: .symbol(String(c)), range: SourceRange(pos(i), pos(i + 1))))
                    i += 1
                    continue
                }
                throw makeError("unexpected character `\(c)`", SourceRange(pos(i), pos(i + 1)))
            }
            if depth == 0, let last = tokens.last, last.kind != .newline {
                tokens.append(Token(kind: .newline, range: SourceRange(pos(chars.count), pos(chars.count + 1))))
            }
        }
        let endLine = firstLine + max(0, lines.count - 1)
        let endCol = (lines.last?.count ?? 0) + 1
        tokens.append(Token(kind: .end, range: SourceRange(SourcePosition(line: endLine, column: endCol), SourcePosition(line: endLine, column: endCol + 1))))
        return tokens
    }
}
