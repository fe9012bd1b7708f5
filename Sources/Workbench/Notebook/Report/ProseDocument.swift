/// One prose block of a notebook made ready for HTML: formulas (`$…$`, `$$…$$`) become MathML
/// and figure references (`@fig-ID`) become numbered links, around cmark-gfm's Markdown.
///
/// Formulas and references are found before Markdown parsing (so `_` and `*` inside a formula
/// are never read as emphasis), skipping fenced code blocks and code spans, and replaced by
/// private-use placeholders that cmark passes through as text. After rendering, each placeholder
/// becomes its MathML or link in text, and its plain source inside an attribute (an image's alt
/// text, a link title), so no markup ever lands inside a tag. Formulas outside the supported
/// subset (see ``TeXMathML``) are shown as escaped code and reported in ``problems``.
public struct ProseDocument: Sendable {
    /// A formula or reference that could not be rendered, with its place in the notebook.
    public struct Problem: Sendable, Hashable {
        /// What is wrong and how to fix it.
        public var message: String
        /// 1-based notebook line.
        public var line: Int
        /// 1-based column.
        public var column: Int
    }

    /// The HTML fragment.
    public var html: String
    /// Formulas outside the supported subset and references to unknown figures.
    public var problems: [Problem]

    /// Renders `markdown`, whose first line is notebook line `firstLine`.
    ///
    /// - Parameters:
    ///   - figures: figure numbers by cell id, for `@fig-ID` references.
    ///   - idPrefix: prefix for footnote ids, unique per block of a page.
    public init(_ markdown: String, firstLine: Int = 1, figures: [String: Int] = [:], idPrefix: String = "") {
        var scan = ProseScanner(markdown)
        scan.run()
        var replacements: [(markup: String, plain: String)] = []
        var problems: [Problem] = []
        for span in scan.spans {
            let place = (line: firstLine + span.line - 1, column: span.column)
            switch span.kind {
            case .math(let tex, let display):
                let source = display ? "$$\(tex)$$" : "$\(tex)$"
                switch TeXMathML.render(tex, display: display) {
                case .success(let mathML): replacements.append((mathML, source))
                case .failure(let error):
                    problems.append(Problem(message: "\(error.message) in the formula `\(source)`; it is shown as code. The supported TeX is listed in docs/reports.md", line: place.line, column: place.column))
                    replacements.append(("<code class=tex>\(MarkdownHTML.escape(source))</code>", source))
                }
            case .figureReference(let id):
                if let number = figures[id] {
                    replacements.append(("<a class=figref href=\"#fig-\(MarkdownHTML.escape(id))\">Figure\u{A0}\(number)</a>", "Figure \(number)"))
                } else {
                    problems.append(Problem(message: "`@fig-\(id)` refers to no figure: give the cell `\(id)` a caption with ```lab id=\(id) fig-cap=\"…\"", line: place.line, column: place.column))
                    replacements.append(("@fig-\(MarkdownHTML.escape(id))", "@fig-\(id)"))
                }
            }
        }
        let html = MarkdownHTML.render(scan.output, idPrefix: idPrefix)
        self.html = ProseDocument.substitute(html, replacements)
        self.problems = problems
    }

    /// The placeholder for span `index`: private-use characters around its number.
    static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    /// Replaces placeholders: markup in text, escaped plain source inside tags.
    static func substitute(_ html: String, _ replacements: [(markup: String, plain: String)]) -> String {
        guard !replacements.isEmpty else { return html }
        var out = ""
        var inTag = false
        var iterator = html.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            if c == "<" { inTag = true } else if c == ">" { inTag = false }
            guard c == "\u{E000}" else { out.unicodeScalars.append(c); continue }
            var digits = ""
            while let d = iterator.next(), d != "\u{E001}" { digits.unicodeScalars.append(d) }
            guard let index = Int(digits), replacements.indices.contains(index) else { continue }
            out += inTag ? MarkdownHTML.escape(replacements[index].plain) : replacements[index].markup
        }
        return out
    }
}
