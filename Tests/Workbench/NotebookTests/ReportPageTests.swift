import Foundation
import Testing
@testable import Notebook
import Store

/// The report page: cell options, figure numbers, tables, timings and provenance.
@Suite struct ReportPageTests {
    static func snapshot(_ cell: Cell, output: Value? = nil, history: [ExecutionRecord] = []) -> CellSnapshot {
        var s = CellSnapshot(cell: cell, status: CellStatus(id: cell.id, state: .fresh, reasons: []), key: "k", seed: 1, bindings: [], output: output,
                             computedBy: history.last, lastExecution: history.last)
        s.computeHistory = history
        return s
    }

    static func page(_ text: String, outputs: [String: Value] = [:], history: [ExecutionRecord] = []) throws -> String {
        let nb = try Notebook.parse(text, path: "nb.md")
        let cells = nb.cells.map { snapshot($0, output: outputs[$0.id], history: history) }
        return try ReportRenderer(notebook: nb, cells: cells, run: nil, params: [:], renderedAt: Date(timeIntervalSince1970: 0)).render()
    }

    @Test func echoFalseHidesTheSourceAndFoldFoldsIt() throws {
        let html = try Self.page("```lab id=a echo=false\nhidden_source = 1\n```\n```lab id=b echo=fold\nfolded_source = 2\n```\n")
        #expect(!html.contains("hidden_source"))
        #expect(html.contains("<details class=fold><summary>source</summary><pre class=source><code>folded_source = 2</code></pre></details>"))
    }

    @Test func quotedFigureCaptionsParseAndBadCellOptionsAreErrors() throws {
        let nb = try Notebook.parse("```lab id=a fig-cap=\"Cost ratio, 200 instances\" echo=false\nx = 1\n```\n", path: "nb.md")
        #expect(nb.cells[0].figureCaption == "Cost ratio, 200 instances" && nb.cells[0].echo == "false")
        #expect(throws: Diagnostics.self) { try Notebook.parse("```lab id=a echo=no\nx = 1\n```\n", path: "nb.md") }
        #expect(throws: Diagnostics.self) { try Notebook.parse("```lab id=a fig-cap=\"\"\nx = 1\n```\n", path: "nb.md") }
        #expect(throws: Diagnostics.self) { try Notebook.parse("```lab id=a echo=false echo=true\nx = 1\n```\n", path: "nb.md") }
    }

    @Test func captionedCellsAreNumberedInDocumentOrderAndReferencedFromProse() throws {
        let text = "See @fig-second and @fig-first.\n\n```lab id=first fig-cap=\"One\"\nx = 1\n```\n```lab id=plain\ny = 1\n```\n```lab id=second fig-cap=\"Two\"\nz = 1\n```\n"
        let nb = try Notebook.parse(text, path: "nb.md")
        #expect(ReportRenderer.figureNumbers(nb) == ["first": 1, "second": 2])
        let html = try Self.page(text)
        #expect(html.contains("<a class=figref href=\"#fig-second\">Figure\u{A0}2</a> and <a class=figref href=\"#fig-first\">Figure\u{A0}1</a>"))
    }

    @Test func wideTablesScrollAndShortTablesShowEveryRow() throws {
        let columns = (0..<14).map { Table.Column("column_\($0)", .numbers((0..<40).map(Double.init))) }
        let html = ReportRenderer.tableHTML(try Table(columns))
        #expect(html.hasPrefix("<div class=scroll><table>") && !html.contains("<details>"))
        #expect(html.components(separatedBy: "<tr>").count == 42)
    }

    @Test func veryLongTablesFoldWithTheirRowCount() throws {
        let html = ReportRenderer.tableHTML(try Table([Table.Column("x", .numbers((0..<500).map(Double.init)))]))
        #expect(html.contains("<summary>show all 500 rows</summary>"))
    }

    @Test func meanStdCellsNeverWrap() throws {
        let html = ReportRenderer.tableHTML(try Table([Table.Column("ratio", .strings(["1.021 ± 0.004"]))]))
        #expect(html.contains("<td class=pm>1.021 ± 0.004</td>"))
        #expect(ReportRenderer.css.contains("td.pm{white-space:nowrap"))
        #expect(!ReportRenderer.css.contains("overflow:hidden"), "nothing in a cell may be clipped")
    }

    @Test func timeSpentAcrossResumedRunsAddsUp() {
        func exec(_ run: Int64, _ outcome: ExecutionOutcome, _ seconds: Double) -> ExecutionRecord {
            ExecutionRecord(runID: run, cellID: "a", cacheKey: "k", manifest: "{}", outcome: outcome, startedAt: Double(run), duration: seconds)
        }
        let cell = Cell(id: "a", attributes: [:], source: "", program: CellProgram(statements: []), fenceRange: SourceRange(SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 2)), firstBodyLine: 2)
        let resumed = Self.snapshot(cell, history: [exec(3, .failed, 600), exec(4, .resumed, 1200), exec(5, .resumed, 60)])
        #expect(ReportRenderer.computeTime(resumed) == "computed in \(ProgressDisplay.duration(1860)) over 3 runs (resumed)")
        #expect(ReportRenderer.computeTime(Self.snapshot(cell, history: [exec(1, .ran, 2)])) == "computed in \(ProgressDisplay.duration(2))")
    }

    @Test func provenanceNamesTheRenderingCheckoutAndTheRuns() throws {
        let nb = try Notebook.parse("```lab id=a\nx = 1\n```\n", path: "nb.md")
        let env = RunEnvironment(gitCommit: "abc123", gitDirty: false, swiftVersion: "6", os: "Linux", cpuModel: "cpu", blasCore: "Haswell", blasThreads: 1)
        let history = [ExecutionRecord(runID: 7, cellID: "a", cacheKey: "k", manifest: "{}", outcome: .ran, startedAt: 0, duration: 1)]
        let html = try ReportRenderer(notebook: nb, cells: [Self.snapshot(nb.cells[0], history: history)], run: nil, params: [:],
                                      renderedAt: Date(timeIntervalSince1970: 0), renderedFrom: env).render()
        #expect(html.contains("<tr><th>rendered from</th><td>abc123 (clean)</td></tr>"))
        #expect(html.contains("<td>#7</td>"))
    }
}
