/// A small Markdown-to-HTML converter for notebook prose, escaping everything it does not
/// recognise, so raw HTML in a notebook (a `<script>` tag, say) is shown as text, never run.
///
/// Supported: ATX headings, paragraphs, blank-line separation, `-`/`*`/`1.` lists, fenced code
/// blocks, block quotes, and inline `code`, **bold**, *italic* and [links](https://…) with
/// http(s) or relative targets. That covers what notebooks use; anything else stays literal text.
public enum MarkdownHTML {
    /// Escapes `& < > " '` for HTML text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Converts Markdown text to an HTML fragment.
    public static func render(_ markdown: String) -> String {
        var html: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var code: [String]?
        var quote: [String] = []

        func flushParagraph() {
            if !paragraph.isEmpty { html.append("<p>" + inline(paragraph.joined(separator: " ")) + "</p>") }
            paragraph = []
        }
        func flushList() {
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                html.append("<\(tag)>" + l.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(tag)>")
            }
            list = nil
        }
        func flushQuote() {
            if !quote.isEmpty { html.append("<blockquote><p>" + inline(quote.joined(separator: " ")) + "</p></blockquote>") }
            quote = []
        }
        func flushAll() { flushParagraph(); flushList(); flushQuote() }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if var block = code {
                if trimmed.hasPrefix("```") {
                    html.append("<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>")
                    code = nil
                } else {
                    block.append(line)
                    code = block
                }
                continue
            }
            if trimmed.hasPrefix("```") { flushAll(); code = []; continue }
            if trimmed.isEmpty { flushAll(); continue }
            if let level = heading(trimmed) {
                flushAll()
                let text = trimmed.drop { $0 == "#" }.drop { $0 == " " }
                html.append("<h\(level + 1)>" + inline(String(text)) + "</h\(level + 1)>")
                continue
            }
            if trimmed.hasPrefix("> ") { flushParagraph(); flushList(); quote.append(String(trimmed.dropFirst(2))); continue }
            if let item = listItem(trimmed) {
                flushParagraph(); flushQuote()
                if list == nil || list!.ordered != item.ordered { flushList(); list = (item.ordered, []) }
                list!.items.append(item.text)
                continue
            }
            if list != nil, line.hasPrefix("  ") { list!.items[list!.items.count - 1] += " " + trimmed; continue }
            flushList(); flushQuote()
            paragraph.append(String(trimmed))
        }
        if let block = code { html.append("<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>") }
        flushAll()
        return html.joined(separator: "\n")
    }

    /// Heading level 1-6 of `# …` lines (rendered one level down: the report owns `<h1>`).
    static func heading(_ line: Substring) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return min(hashes, 5)
    }

    static func listItem(_ line: Substring) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return (true, String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    /// Inline spans; text between them is escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let c = rest.first {
            if c == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                out += "<code>" + escape(String(rest[rest.index(after: rest.startIndex)..<end])) + "</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
                out += "<strong>" + inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])) + "</strong>"
                rest = rest[end.upperBound...]
            } else if c == "*", let end = rest.dropFirst().firstIndex(of: "*"), end > rest.index(after: rest.startIndex) {
                out += "<em>" + inline(String(rest[rest.index(after: rest.startIndex)..<end])) + "</em>"
                rest = rest[rest.index(after: end)...]
            } else if c == "[", let close = rest.firstIndex(of: "]"), rest[close...].dropFirst().first == "(",
                      let paren = rest[close...].firstIndex(of: ")") {
                let label = String(rest[rest.index(after: rest.startIndex)..<close])
                let target = String(rest[rest.index(close, offsetBy: 2)..<paren])
                let safe = MarkdownHTML.isSafeLinkTarget(target)
                out += safe ? "<a href=\"\(escape(target))\">" + inline(label) + "</a>" : escape(String(rest[...paren]))
                rest = rest[rest.index(after: paren)...]
            } else {
                out += escape(String(c))
                rest = rest.dropFirst()
            }
        }
        return out
    }
}

extension MarkdownHTML {
    /// Whether a link target stays what it looks like: an http(s) URL, or a path on this site.
    ///
    /// Browsers read `\` as `/` and drop tabs and newlines inside URLs, so `/\host` or
    /// `/<tab>/host` would become the off-site `//host`; such targets (any backslash, control
    /// character or space, a leading `//`, or a scheme other than http(s)) stay literal text.
    static func isSafeLinkTarget(_ target: String) -> Bool {
        if target.unicodeScalars.contains(where: { $0 == "\\" || $0.value <= 0x20 || $0.value == 0x7F }) { return false }
        if target.hasPrefix("https://") || target.hasPrefix("http://") { return true }
        return !target.contains(":") && !target.hasPrefix("//")
    }
}
