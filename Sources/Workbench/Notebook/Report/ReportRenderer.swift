import Foundation
import LabCore
import Plots
import Store

/// Writes one self-contained HTML file per notebook: prose (CommonMark with GitHub's extensions,
/// formulas as MathML), each cell's source and outputs (figures embedded as PNG data URIs, tables
/// as HTML tables), whether each result was cached or computed and how long it took, and a
/// provenance appendix. No network, no scripts; every piece of text from the notebook or a value
/// is escaped.
public struct ReportRenderer {
    let notebook: Notebook
    let cells: [CellSnapshot]
    let run: RunRecord?
    let params: [String: Value]
    let renderedAt: Date
    let renderedFrom: RunEnvironment?

    /// Creates a renderer over a store snapshot.
    ///
    /// - Parameter renderedFrom: the checkout doing the rendering (commit, clean or not), shown
    ///   in the provenance appendix.
    public init(notebook: Notebook, cells: [CellSnapshot], run: RunRecord?, params: [String: Value], renderedAt: Date,
                renderedFrom: RunEnvironment? = nil) {
        self.notebook = notebook
        self.cells = cells
        self.run = run
        self.params = params
        self.renderedAt = renderedAt
        self.renderedFrom = renderedFrom
    }

    /// The cells that keep the report from being current (stale, failed, never run).
    public var notCurrent: [CellSnapshot] { cells.filter { $0.status.state != .fresh } }

    /// The `<meta>` tag that marks a file as a report `lab render` wrote.
    public static let generatorTag = #"<meta name="generator" content="OffloadLab lab render">"#

    /// Whether `bytes` are a report this tool wrote (so `lab render --out` may replace them).
    ///
    /// Reports carry ``generatorTag``; reports from before it existed are recognised by their
    /// fixed head and provenance section.
    public static func isReport(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head>") else { return false }
        return text.contains(generatorTag) || text.contains("<section class=provenance><h2>Provenance</h2>")
    }

    /// Figure numbers by cell id: the cells with a `fig-cap`, numbered in document order.
    public static func figureNumbers(_ notebook: Notebook) -> [String: Int] {
        var numbers: [String: Int] = [:]
        for case .cell(let id) in notebook.blocks where notebook.cell(id)?.figureCaption != nil { numbers[id] = numbers.count + 1 }
        return numbers
    }

    /// Formulas outside the supported TeX subset and unknown figure references in the prose,
    /// as warnings with their notebook place (for `lab lint` and `lab render`).
    public static func proseWarnings(_ notebook: Notebook) -> [Diagnostic] {
        let figures = figureNumbers(notebook)
        var warnings: [Diagnostic] = []
        for case .prose(let text, let line) in notebook.blocks {
            for problem in ProseDocument(text, firstLine: line, figures: figures).problems {
                let start = SourcePosition(line: problem.line, column: problem.column)
                var d = notebook.diagnostic(problem.message, at: SourceRange(start, SourcePosition(line: problem.line, column: problem.column + 1)))
                d.severity = .warning
                warnings.append(d)
            }
        }
        return warnings
    }

    /// The HTML document.
    public func render() throws -> String {
        let e = MarkdownHTML.escape
        var body: [String] = []
        let title = notebook.title ?? (notebook.path as NSString).lastPathComponent
        body.append("<header><h1>\(e(title))</h1><p class=meta>\(e(notebook.path)) · rendered \(e(ReportRenderer.timestamp(renderedAt)))</p></header>")
        if !notCurrent.isEmpty {
            body.append("<p class=warning>Not current: \(notCurrent.map { "<code>\(e($0.cell.id))</code> (\(e($0.status.state.rawValue)))" }.joined(separator: ", ")). Their outputs are missing or out of date; run <code>lab run \(e(notebook.path))</code>.</p>")
        }
        let figures = ReportRenderer.figureNumbers(notebook)
        for (index, block) in notebook.blocks.enumerated() {
            switch block {
            case .prose(let text, let line):
                body.append("<div class=prose>\(ProseDocument(text, firstLine: line, figures: figures, idPrefix: "p\(index)-").html)</div>")
            case .cell(let id):
                if let snap = cells.first(where: { $0.cell.id == id }) { body.append(try cellHTML(snap, figureNumber: figures[id])) }
            }
        }
        body.append(provenance())
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        \(ReportRenderer.generatorTag)
        <title>\(e(title))</title>
        <style>\(ReportRenderer.css)</style></head>
        <body><main>
        \(body.joined(separator: "\n"))
        </main></body></html>

        """
    }

    func cellHTML(_ s: CellSnapshot, figureNumber: Int?) throws -> String {
        let e = MarkdownHTML.escape
        let badge: String
        switch s.status.state {
        case .fresh:
            let cached = s.lastExecution.map { $0.outcome == .hit } ?? false
            badge = "<span class=\"badge \(cached ? "cached" : "ran")\">\(cached ? "cached · " : "")\(e(ReportRenderer.computeTime(s)))</span>"
        case .stale: badge = "<span class=\"badge stale\">stale: \(e(s.status.reasons.joined(separator: "; ")))</span>"
        case .failed: badge = "<span class=\"badge failed\">failed: \(e(s.status.reasons.joined(separator: "; ")))</span>"
        case .neverRun: badge = "<span class=\"badge stale\">never run</span>"
        case .interrupted: badge = "<span class=\"badge stale\">interrupted: \(e(s.status.reasons.joined(separator: "; ")))</span>"
        }
        var parts = ["<section class=cell id=\"cell-\(e(s.cell.id))\"><div class=cellhead><span class=cellid>\(e(s.cell.id))</span>\(badge)</div>"]
        let source = "<pre class=source><code>\(e(s.cell.source))</code></pre>"
        switch s.cell.echo {
        case "false": break
        case "fold": parts.append("<details class=fold><summary>source</summary>\(source)</details>")
        default: parts.append(source)
        }
        var shown: [(String, Value)] = s.bindings.filter { b in ReportRenderer.isDisplayed(b.value) }.map { ($0.name, $0.value) }
        if let out = s.output, !shown.contains(where: { $0.1.digest == out.digest }) { shown.append(("", out)) }
        let lastFigure = shown.lastIndex { if case .figure = $0.1 { true } else { false } }
        for (index, (name, value)) in shown.enumerated() {
            let caption = index == lastFigure ? figureNumber.map { ($0, s.cell.figureCaption ?? "") } : nil
            parts.append(try valueHTML(name, value, cellID: s.cell.id, index: index, caption: caption))
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// "computed in 31m 4s over 5 runs (resumed)": every recorded execution that worked on the
    /// stored result counts, not only the last.
    static func computeTime(_ s: CellSnapshot) -> String {
        let history = s.computeHistory.isEmpty ? s.computedBy.map { [$0] } ?? [] : s.computeHistory
        guard let last = history.last else { return "computed" }
        let total = history.reduce(0) { $0 + $1.duration }
        let runs = Set(history.map(\.runID)).count
        let resumed = history.contains { $0.outcome == .resumed } || last.outcome == .resumed
        let over = runs > 1 ? " over \(runs) runs" : ""
        return "computed in \(ProgressDisplay.duration(total))\(over)\(resumed ? " (resumed)" : "")"
    }

    /// Figures and tables are always shown; other bindings only as the cell's output.
    static func isDisplayed(_ v: Value) -> Bool {
        switch v {
        case .figure, .table: true
        default: false
        }
    }

    static func timestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }
}
