import CCmarkGFM
import Glibc

/// Notebook prose to HTML with cmark-gfm, the reference CommonMark implementation with GitHub's
/// extensions: tables, strikethrough, autolinks, footnotes and the tag filter.
///
/// Raw HTML never runs: the parser's safe mode replaces raw HTML with a comment, the tag filter
/// defuses `<script>`, `<iframe>` and the like should safe mode ever be off, and every link or
/// image target must pass ``isSafeLinkTarget(_:)`` or stays literal text. Headings move one level
/// down (the report owns `<h1>`); tables scroll horizontally inside `<div class=scroll>`.
/// Formulas and figure references are handled before and after cmark by ``ProseDocument``.
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

    /// Converts Markdown text to an HTML fragment (no formulas: see ``ProseDocument``).
    ///
    /// - Parameter idPrefix: prepended to footnote ids, so that several fragments of one page
    ///   never share an id.
    public static func render(_ markdown: String, idPrefix: String = "") -> String {
        _ = registered
        let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "<p>" + escape(markdown) + "</p>" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let root = cmark_parser_finish(parser) else { return "<p>" + escape(markdown) + "</p>" }
        defer { cmark_node_free(root) }
        rewrite(root)
        guard let cString = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(cString) }
        bytes = []
        return finish(String(cString: cString), idPrefix: idPrefix)
    }

    /// Registers the extensions once per process (cmark's own registration is not thread-safe).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Moves headings one level down and turns links and images with unsafe targets into text.
    private static func rewrite(_ root: OpaquePointer) {
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK: rawHTML.append(node)
            default: break
            }
        }
        // Raw HTML is shown as the text it is (safe mode alone would drop it without a trace).
        for node in rawHTML {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, literal.hasSuffix("\n") ? String(literal.dropLast()) : literal)
            var replacement = text
            if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                cmark_node_append_child(paragraph, text)
                replacement = paragraph
            }
            if cmark_node_replace(node, replacement) != 0 { cmark_node_free(node) } else { cmark_node_free(replacement) }
        }
        for node in headings { cmark_node_set_heading_level(node, min(cmark_node_get_heading_level(node) + 1, 6)) }
        for node in links.reversed() {
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            guard !isSafeLinkTarget(url) else { continue }
            let image = cmark_node_get_type(node) == CMARK_NODE_IMAGE
            let literal = (image ? "![" : "[") + plainText(node) + "](" + url + ")"
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, literal)
            if cmark_node_replace(node, text) != 0 { cmark_node_free(node) } else { cmark_node_free(text) }
        }
    }

    /// The concatenated text of a node's descendants.
    private static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            if let literal = cmark_node_get_literal(c) { out += String(cString: literal) }
            out += plainText(c)
            child = cmark_node_next(c)
        }
        return out
    }

    /// Wraps tables in a horizontally scrolling box, prefixes footnote ids and escapes `'` as
    /// ``escape(_:)`` does (cmark leaves it; attributes are double-quoted, so this is a no-op
    /// for the browser and keeps every fragment escaped alike).
    private static func finish(_ html: String, idPrefix: String) -> String {
        var out = html.replacingAll("'", with: "&#39;").replacingAll("<table>", with: "<div class=scroll><table>").replacingAll("</table>", with: "</table></div>")
        if !idPrefix.isEmpty {
            for id in ["fn-", "fnref-"] {
                out = out.replacingAll("=\"\(id)", with: "=\"\(idPrefix)\(id)").replacingAll("=\"#\(id)", with: "=\"#\(idPrefix)\(id)")
            }
        }
        return out.hasSuffix("\n") ? String(out.dropLast()) : out
    }
}

extension MarkdownHTML {
    /// Whether a link target stays what it looks like: an http(s) or mailto URL, or a path on
    /// this site.
    ///
    /// Browsers read `\` as `/` and drop tabs and newlines inside URLs, so `/\host` or
    /// `/<tab>/host` would become the off-site `//host`; such targets (any backslash, control
    /// character or space, a leading `//`, or a scheme other than http(s) and mailto) stay
    /// literal text.
    static func isSafeLinkTarget(_ target: String) -> Bool {
        if target.unicodeScalars.contains(where: { $0 == "\\" || $0.value <= 0x20 || $0.value == 0x7F }) { return false }
        if target.hasPrefix("https://") || target.hasPrefix("http://") || target.hasPrefix("mailto:") { return true }
        return !target.contains(":") && !target.hasPrefix("//")
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
