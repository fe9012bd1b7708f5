extension Notebook {
    /// Parses notebook text. Collects every syntax problem it can before throwing.
    ///
    /// CRLF line endings and a leading UTF-8 byte-order mark are accepted: lines split at `\n`
    /// and `\r\n` alike, and the mark is dropped, so lines and columns are those an editor shows.
    ///
    /// - Throws: ``Diagnostics`` listing each problem with its position.
    public static func parse(_ text: String, path: String) throws(Diagnostics) -> Notebook {
        let unmarked = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        // "\r\n" is one Character in Swift, so it must be named as a separator of its own.
        let lines = unmarked.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        var notebook = Notebook(path: path, title: nil, seed: 0, params: [], cells: [], blocks: [], lines: lines)
        var problems: [Diagnostic] = []
        var lineIndex = 0

        // Front matter.
        if lines.first?.trimmingTrailingSpaces() == "---" {
            guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces() == "---" }) else {
                throw Diagnostics([notebook.diagnostic("front matter is not closed: add a line `---` after it", at: notebook.lineRange(1))])
            }
            problems += notebook.parseFrontMatter(lines: 2..<(close + 1))
            lineIndex = close + 1
        }

        // Prose and cells.
        var prose: [String] = []
        var proseLine = lineIndex + 1
        func flushProse() {
            let text = prose.joined(separator: "\n")
            if !text.allSatisfy({ $0.isWhitespace }) { notebook.blocks.append(.prose(text, line: proseLine)) }
            prose = []
        }
        var fenceOpen: String?  // a non-lab fence, passed through as prose
        var cellLines: [String: Int] = [:]  // cell id → line of its fence
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            let trimmed = line.trimmingLeadingSpaces()
            if let fence = fenceOpen {
                prose.append(line)
                if trimmed.trimmingTrailingSpaces() == fence { fenceOpen = nil }
                lineIndex += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = trimmed.prefix { $0 == trimmed.first }
                let info = trimmed.dropFirst(marker.count).trimmingLeadingSpaces()
                let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if words.first == "lab" && marker != "```" {
                    // Markdown would show it as code, but it is plainly meant as a cell: never drop it silently.
                    let found = marker.first == "`" ? "this one has \(marker.count)" : "not tildes"
                    problems.append(notebook.diagnostic("a cell fence is exactly three backticks (\(found)): write ```lab id=NAME and close the cell with ```", at: notebook.lineRange(lineIndex + 1)))
                } else if words.first == "lab" {
                    flushProse()
                    let fenceLine = lineIndex + 1
                    guard let closeIndex = lines[(lineIndex + 1)...].firstIndex(where: { $0.trimmingLeadingSpaces().trimmingTrailingSpaces() == "```" }) else {
                        problems.append(notebook.diagnostic("cell is not closed: add a line ``` after its body", at: notebook.lineRange(fenceLine)))
                        break
                    }
                    switch notebook.parseCell(fenceLine: fenceLine, body: Array(lines[(lineIndex + 1)..<closeIndex])) {
                    case .success(let cell):
                        if let firstLine = cellLines[cell.id] {
                            problems.append(notebook.diagnostic("cell id `\(cell.id)` is already used by the cell at line \(firstLine); cell ids must be unique", at: cell.fenceRange))
                        } else {
                            cellLines[cell.id] = cell.fenceRange.start.line
                            notebook.cells.append(cell)
                            notebook.blocks.append(.cell(cell.id))
                        }
                    case .failure(let d):
                        problems.append(d)
                    }
                    lineIndex = closeIndex + 1
                    proseLine = lineIndex + 1
                    continue
                }
                fenceOpen = String(marker)
            }
            prose.append(line)
            lineIndex += 1
        }
        flushProse()
        if !problems.isEmpty { throw Diagnostics(problems) }
        return notebook
    }

    func lineRange(_ line: Int) -> SourceRange {
        let length = line >= 1 && line <= lines.count ? lines[line - 1].count : 0
        return SourceRange(SourcePosition(line: line, column: 1), SourcePosition(line: line, column: max(2, length + 1)))
    }

    private func parseCell(fenceLine: Int, body: [String]) -> Result<Cell, Diagnostic> {
        let fenceRange = lineRange(fenceLine)
        var attributes: [String: String] = [:]
        var idRange = fenceRange
        for (word, range) in fenceAttributes(line: fenceLine) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                return .failure(diagnostic("cell attribute `\(word)` is not of the form key=value (quote values with spaces: fig-cap=\"A caption\")", at: range))
            }
            guard Cell.attributeNames.contains(parts[0]) else {
                return .failure(diagnostic("unknown cell attribute `\(parts[0])`; a cell fence takes `id=NAME`, `echo=false|fold` and `fig-cap=\"…\"`\(Suggest.hint(for: parts[0], in: Cell.attributeNames))", at: range))
            }
            guard attributes[parts[0]] == nil else {
                return .failure(diagnostic("attribute `\(parts[0])` is given twice; \(parts[0] == "id" ? "a cell has exactly one id" : "give it once")", at: range))
            }
            let value = parts[1].count >= 2 && parts[1].hasPrefix("\"") && parts[1].hasSuffix("\"") ? String(parts[1].dropFirst().dropLast()) : parts[1]
            if parts[0] == "echo", !Cell.echoValues.contains(value) {
                return .failure(diagnostic("`echo` is `true`, `false` (hide the source) or `fold` (fold it), not `\(value)`", at: range))
            }
            if parts[0] == "fig-cap", value.allSatisfy({ $0.isWhitespace }) {
                return .failure(diagnostic("`fig-cap` needs a caption, as in fig-cap=\"Cost ratio of each method\"", at: range))
            }
            attributes[parts[0]] = value
            if parts[0] == "id" { idRange = range }
        }
        guard let id = attributes.removeValue(forKey: "id") else {
            return .failure(diagnostic("cell has no id: write ```lab id=NAME", at: fenceRange))
        }
        guard let first = id.first, first.isLetter || first == "_", id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            return .failure(diagnostic("cell id `\(id)` must start with a letter and use only letters, digits, `_` and `-`", at: idRange))
        }
        let source = body.joined(separator: "\n")
        let makeError: (String, SourceRange) -> Diagnostic = { message, range in self.diagnostic(message, at: range) }
        do {
            let tokens = try Lexer(source: source, firstLine: fenceLine + 1, makeError: makeError).tokenize()
            var parser = Parser(tokens: tokens, fail: makeError)
            let program = try parser.parseProgram()
            return .success(Cell(id: id, attributes: attributes, source: source, program: program, fenceRange: fenceRange, firstBodyLine: fenceLine + 1))
        } catch {
            return .failure(error)
        }
    }

    /// The words after "```lab" on a fence line, each with its range; a double-quoted part of
    /// a word may hold spaces.
    private func fenceAttributes(line: Int) -> [(word: String, range: SourceRange)] {
        let chars = Array(lines[line - 1])
        var i = 0
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        while i < chars.count, chars[i] == "`" { i += 1 }
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        i += 3  // "lab"
        var words: [(String, SourceRange)] = []
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" { i += 1; continue }
            let start = i
            var quoted = false  // key="a value with spaces"
            while i < chars.count, quoted || (chars[i] != " " && chars[i] != "\t") {
                if chars[i] == "\"" { quoted.toggle() }
                i += 1
            }
            words.append((String(chars[start..<i]), SourceRange(SourcePosition(line: line, column: start + 1), SourcePosition(line: line, column: i + 1))))
        }
        return words
    }

    /// Parses `title:`, `seed:` and an indented `params:` map; returns the problems found.
    private mutating func parseFrontMatter(lines range: Range<Int>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var inParams = false
        var topLevelKeys: [String: Int] = [:]  // key → its line
        for lineNumber in range {
            let raw = lines[lineNumber - 1]
            let text = raw.trimmingTrailingSpaces()
            if text.trimmingLeadingSpaces().isEmpty || text.trimmingLeadingSpaces().hasPrefix("#") { continue }
            let indented = text.first == " " || text.first == "\t"
            let content = text.trimmingLeadingSpaces()
            let column = text.count - content.count + 1
            guard let colon = content.firstIndex(of: ":") else {
                problems.append(diagnostic("expected `key: value` in the front matter", at: lineRange(lineNumber)))
                continue
            }
            let key = String(content[..<colon]).trimmingTrailingSpaces()
            let valueText = String(content[content.index(after: colon)...]).trimmingLeadingSpaces()
            let keyRange = SourceRange(SourcePosition(line: lineNumber, column: column), SourcePosition(line: lineNumber, column: column + key.count))
            if indented {
                guard inParams else {
                    problems.append(diagnostic("unexpected indented line: only entries under `params:` are indented", at: keyRange))
                    continue
                }
                problems += parseParam(name: key, valueText: valueText, keyRange: keyRange, line: lineNumber, valueColumn: raw.count - valueText.count + 1)
                continue
            }
            inParams = false
            if let first = topLevelKeys[key] {
                problems.append(diagnostic("front-matter key `\(key)` is given twice (first at line \(first)); keep one", at: keyRange))
                continue
            }
            if ["title", "seed", "params"].contains(key) { topLevelKeys[key] = lineNumber }
            switch key {
            case "title":
                title = valueText.hasPrefix("\"") && valueText.hasSuffix("\"") && valueText.count >= 2 ? String(valueText.dropFirst().dropLast()) : valueText
            case "seed":
                guard let s = UInt64(valueText) else {
                    problems.append(diagnostic("seed must be a non-negative whole number, not `\(valueText)`", at: keyRange))
                    continue
                }
                seed = s
            case "params":
                guard valueText.isEmpty else {
                    problems.append(diagnostic("write each parameter on its own indented line under `params:`", at: keyRange))
                    continue
                }
                inParams = true
            default:
                problems.append(diagnostic("unknown front-matter key `\(key)`; the keys are title, seed and params\(Suggest.hint(for: key, in: ["title", "seed", "params"]))", at: keyRange))
            }
        }
        return problems
    }

    private mutating func parseParam(name: String, valueText: String, keyRange: SourceRange, line: Int, valueColumn: Int) -> [Diagnostic] {
        guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            return [diagnostic("parameter name `\(name)` must be an identifier", at: keyRange)]
        }
        if params.contains(where: { $0.name == name }) {
            return [diagnostic("parameter `\(name)` is declared twice", at: keyRange)]
        }
        guard !valueText.isEmpty else { return [diagnostic("parameter `\(name)` needs a default value, e.g. `\(name): 10`", at: keyRange)] }
        let snapshot = self
        let makeError: (String, SourceRange) -> Diagnostic = { message, range in snapshot.diagnostic(message, at: range) }
        do {
            // Lex the value in place so columns point into the front-matter line.
            let padded = String(repeating: " ", count: valueColumn - 1) + valueText
            let tokens = try Lexer(source: padded, firstLine: line, makeError: makeError).tokenize()
            var parser = Parser(tokens: tokens, fail: makeError)
            let program = try parser.parseProgram()
            guard program.statements.count == 1, case .expression(let e) = program.statements[0] else {
                return [diagnostic("parameter `\(name)` needs a literal default (number, string, bool or list)", at: keyRange)]
            }
            guard let type = e.literalType else {
                return [diagnostic("the default of `\(name)` must be a literal (number, string, bool, list or record), not an expression", at: e.range)]
            }
            params.append(ParamDeclaration(name: name, type: type, defaultValue: e, range: keyRange))
            return []
        } catch {
            return [error]
        }
    }
}

extension Expr {
    /// The type of a literal expression (including negated numbers and nested lists/records), or nil.
    public var literalType: ValueType? {
        switch kind {
        case .integer: return .int
        case .number: return .number
        case .string: return .string
        case .bool: return .bool
        case .unary(.negate, let inner):
            if case .integer = inner.kind { return .int }
            if case .number = inner.kind { return .number }
            return nil
        case .list(let items): return items.allSatisfy { $0.literalType != nil } ? .list : nil
        case .record(let fields): return fields.allSatisfy { $0.value.literalType != nil } ? .record : nil
        default: return nil
        }
    }
}

extension StringProtocol {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
