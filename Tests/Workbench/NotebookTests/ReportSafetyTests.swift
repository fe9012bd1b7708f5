import Foundation
import Glibc
@testable import LabCore
import Testing
@testable import Notebook

@Suite struct ReportSafetyTests {
    @Test(arguments: ["/\\host", "\\\\host", "/\\/host", "/\t/host", "/\n/host", "//host", "javascript:alert(1)", "a b"])
    func linkTargetsThatBrowsersReadAsOffSiteStayText(target: String) {
        let html = MarkdownHTML.render("see [here](\(target))")
        #expect(!html.contains("<a "), "\(html)")
    }

    @Test(arguments: ["https://example.org/x", "docs/page.html", "/docs/page.html", "#section"])
    func ordinaryTargetsStayLinks(target: String) {
        #expect(MarkdownHTML.render("see [here](\(target))").contains("<a href="))
    }

    @Test func aReportIsRecognisedButANotebookOrAStoreIsNot() throws {
        let nb = try Notebook.parse("```lab id=a\nx = 1\n```\n", path: "nb.md")
        let html = try ReportRenderer(notebook: nb, cells: [], run: nil, params: [:], renderedAt: .init(timeIntervalSince1970: 0)).render()
        #expect(ReportRenderer.isReport(Array(html.utf8)))
        #expect(!ReportRenderer.isReport(Array("```lab id=a\nx = 1\n```\n".utf8)))
        #expect(!ReportRenderer.isReport(Array("SQLite format 3\0".utf8)))
    }

    @Test func aFullDiskOrQuotaIsAStoreClassFailureExit4() {
        #expect(OutputFile.failure(ENOSPC, "write x").code.exitCode == 4)
        #expect(OutputFile.failure(EDQUOT, "write x").code.exitCode == 4)
        #expect(OutputFile.failure(EACCES, "write x").code.exitCode == 3)
    }
}
