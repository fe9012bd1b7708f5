import Foundation
import Testing
@testable import Notebook

/// Formulas and figure references in prose, around cmark-gfm.
@Suite struct ProseDocumentTests {
    @Test func underscoresInFormulasAreNeverEmphasis() {
        let doc = ProseDocument("Cost $c_i + d_i$ and *real* emphasis.")
        #expect(doc.html.contains("<msub><mi>c</mi><mi>i</mi></msub>"), "\(doc.html)")
        #expect(doc.html.contains("<em>real</em>") && !doc.html.contains("<em>i"), "\(doc.html)")
        #expect(doc.problems.isEmpty)
    }

    @Test func dollarsThatAreNotFormulasStayText() {
        let doc = ProseDocument("It costs $5 and $6, or \\$7. `$x$` is code.\n\n```\n$y$\n```\n")
        #expect(!doc.html.contains("<math"), "\(doc.html)")
        #expect(doc.html.contains("$5 and $6") && doc.html.contains("<code>$x$</code>") && doc.html.contains("$y$"), "\(doc.html)")
    }

    @Test func displayFormulasSpanLinesButNotParagraphs() {
        let doc = ProseDocument("Before\n\n$$\n\\sum_{i} x_i\n$$\n\nafter $a\n\nb$ end")
        #expect(doc.html.contains("<math display=\"block\">"), "\(doc.html)")
        #expect(doc.html.components(separatedBy: "<math").count == 2, "an inline formula never crosses a blank line: \(doc.html)")
    }

    @Test func unsupportedFormulasAreEscapedCodeWithAWarningAtTheirPlace() {
        let doc = ProseDocument("Intro line\nthe set $\\mathfrak{g} < 1$ here", firstLine: 10)
        #expect(doc.html.contains("<code class=tex>$\\mathfrak{g} &lt; 1$</code>"), "\(doc.html)")
        #expect(doc.problems.count == 1)
        #expect(doc.problems.first?.line == 11 && doc.problems.first?.column == 9, "\(doc.problems)")
        #expect(doc.problems.first?.message.contains("`\\mathfrak`") == true)
    }

    @Test func formulasInsideAttributesStayPlainText() {
        let doc = ProseDocument("![ratio $a\"b < 1$](x.png) [t](y.html \"title $z$\")")
        #expect(doc.html.contains("alt=\"ratio $a&quot;b &lt; 1$\""), "\(doc.html)")
        #expect(doc.html.contains("title=\"title $z$\""), "\(doc.html)")
        #expect(!doc.html.contains("\"<math") && !doc.html.contains("=\"<"), "\(doc.html)")
    }

    @Test func figureReferencesBecomeNumberedLinksAndUnknownOnesWarn() {
        let doc = ProseDocument("As @fig-bars shows (and @fig-none, mail a@fig-bars.org).", firstLine: 3, figures: ["bars": 2])
        #expect(doc.html.contains("<a class=figref href=\"#fig-bars\">Figure\u{A0}2</a> shows"), "\(doc.html)")
        #expect(doc.html.contains("@fig-none") && doc.html.contains("a@fig-bars.org"), "\(doc.html)")
        #expect(doc.problems.map(\.column) == [25], "\(doc.problems)")
    }

    @Test func lintWarnsAboutUnsupportedFormulasWithTheirNotebookPlace() throws {
        let nb = try Notebook.parse("---\ntitle: t\n---\nText $\\foo$.\n\n```lab id=a\nx = 1\n```\n\nMore $$\\bar{x}$$ and @fig-a.\n", path: "nb.md")
        let warnings = ReportRenderer.proseWarnings(nb)
        #expect(warnings.map { String($0.description.split(separator: "\n")[0]) } == [
            "nb.md:4:6: warning: unsupported TeX command `\\foo` in the formula `$\\foo$`; it is shown as code. The supported TeX is listed in docs/reports.md",
            "nb.md:10:22: warning: `@fig-a` refers to no figure: give the cell `a` a caption with ```lab id=a fig-cap=\"…\"",
        ])
    }
}
