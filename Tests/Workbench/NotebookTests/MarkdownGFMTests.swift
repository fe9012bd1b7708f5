import Testing
@testable import Notebook

/// cmark-gfm prose: each extension renders, and none lets notebook text become markup.
@Suite struct MarkdownGFMTests {
    @Test func pipeTablesBecomeScrollingTablesAndTheirCellsStayEscaped() {
        let html = MarkdownHTML.render("| size | paper |\n|---|---:|\n| <script>alert(1)</script> | 4 |\n")
        #expect(html.contains("<div class=scroll><table>"), "\(html)")
        #expect(html.contains("<th>size</th>") && html.contains("<td align=\"right\">4</td>"), "\(html)")
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;"), "\(html)")
        #expect(!html.contains("| size |"))
    }

    @Test func strikethroughRendersAndItsTextStaysEscaped() {
        let html = MarkdownHTML.render("~~old <img src=x onerror=alert(1)>~~ new")
        #expect(html.contains("<del>old "), "\(html)")
        #expect(!html.contains("<img"), "\(html)")
    }

    @Test func autolinksAreLinksButNeverScriptsOrAttributeBreaks() {
        let html = MarkdownHTML.render("See https://example.org/a\"onmouseover=alert(1) and www.example.com/x and javascript:alert(1).")
        #expect(html.contains("<a href=\"https://example.org/a"), "\(html)")
        #expect(html.contains("<a href=\"http://www.example.com/x\">"), "\(html)")
        #expect(!html.contains("\"onmouseover") && !html.contains("href=\"javascript"), "\(html)")
    }

    @Test func footnotesLinkBothWaysWithPrefixedIdsAndEscapedText() {
        let html = MarkdownHTML.render("Claim[^src].\n\n[^src]: From <script>x()</script> the paper.\n", idPrefix: "p3-")
        #expect(html.contains("href=\"#p3-fn-src\"") && html.contains("id=\"p3-fn-src\""), "\(html)")
        #expect(html.contains("href=\"#p3-fnref-src\""), "\(html)")
        #expect(!html.contains("<script"), "\(html)")
    }

    @Test(arguments: ["<script>alert(1)</script>", "<iframe src=x></iframe>", "<style>*{}</style>", "<div onclick=x>a</div>",
                      "text <textarea>a</textarea> text", "<plaintext>", "<xmp>a</xmp>", "<!-- <script> -->"])
    func rawHTMLIsShownAsTextNeverRun(raw: String) {
        let html = MarkdownHTML.render(raw + "\n")
        for tag in ["<script", "<iframe", "<style", "<div onclick", "<textarea", "<plaintext", "<xmp", "<!--"] {
            #expect(!html.contains(tag), "\(raw) → \(html)")
        }
        #expect(html.contains("&lt;"), "\(html)")
    }

    @Test(arguments: ["javascript:alert(1)", "data:text/html,x", "//evil.example/x.png", "/\\evil"])
    func imagesWithUnsafeTargetsStayText(target: String) {
        #expect(!MarkdownHTML.render("![chart](\(target))").contains("<img"))
    }

    @Test func imagesAndHeadingsAndEmphasisRender() {
        let html = MarkdownHTML.render("# Top\n\n![a chart](../Figures/x.png) *it* **bold** `a<b`")
        #expect(html.contains("<h2>Top</h2>"))
        #expect(html.contains("<img src=\"../Figures/x.png\" alt=\"a chart\" />"), "\(html)")
        #expect(html.contains("<em>it</em>") && html.contains("<strong>bold</strong>") && html.contains("<code>a&lt;b</code>"))
    }
}
