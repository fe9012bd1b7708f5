import Foundation
import LabCore
import Plots
import Store

/// Writes one self-contained HTML file per notebook: prose, each cell's source and outputs
/// (figures embedded as PNG data URIs, tables as HTML tables), whether each result was cached
/// or computed and how long it took, and a provenance appendix. No network, no scripts; every
/// piece of text from the notebook or a value is escaped.
public struct ReportRenderer {
    let notebook: Notebook
    let cells: [CellSnapshot]
    let run: RunRecord?
    let params: [String: Value]
    let renderedAt: Date

    /// Creates a renderer over a store snapshot.
    public init(notebook: Notebook, cells: [CellSnapshot], run: RunRecord?, params: [String: Value], renderedAt: Date) {
        self.notebook = notebook
        self.cells = cells
        self.run = run
        self.params = params
        self.renderedAt = renderedAt
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

    /// The HTML document.
    public func render() throws -> String {
        let e = MarkdownHTML.escape
        var body: [String] = []
        let title = notebook.title ?? (notebook.path as NSString).lastPathComponent
        body.append("<header><h1>\(e(title))</h1><p class=meta>\(e(notebook.path)) · rendered \(e(ReportRenderer.timestamp(renderedAt)))</p></header>")
        if !notCurrent.isEmpty {
            body.append("<p class=warning>Not current: \(notCurrent.map { "<code>\(e($0.cell.id))</code> (\(e($0.status.state.rawValue)))" }.joined(separator: ", ")). Their outputs are missing or out of date; run <code>lab run \(e(notebook.path))</code>.</p>")
        }
        for block in notebook.blocks {
            switch block {
            case .prose(let text): body.append("<div class=prose>\(MarkdownHTML.render(text))</div>")
            case .cell(let id): if let snap = cells.first(where: { $0.cell.id == id }) { body.append(try cellHTML(snap)) }
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

    func cellHTML(_ s: CellSnapshot) throws -> String {
        let e = MarkdownHTML.escape
        let badge: String
        switch s.status.state {
        case .fresh:
            let computed = s.computedBy.map { "computed in \(ProgressDisplay.duration($0.duration))\($0.outcome == .resumed ? " (resumed)" : "")" } ?? "computed"
            let cached = s.lastExecution.map { $0.outcome == .hit } ?? false
            badge = "<span class=\"badge \(cached ? "cached" : "ran")\">\(cached ? "cached · " : "")\(e(computed))</span>"
        case .stale: badge = "<span class=\"badge stale\">stale: \(e(s.status.reasons.joined(separator: "; ")))</span>"
        case .failed: badge = "<span class=\"badge failed\">failed: \(e(s.status.reasons.joined(separator: "; ")))</span>"
        case .neverRun: badge = "<span class=\"badge stale\">never run</span>"
        }
        var parts = ["<section class=cell id=\"cell-\(e(s.cell.id))\"><div class=cellhead><span class=cellid>\(e(s.cell.id))</span>\(badge)</div>",
                     "<pre class=source><code>\(e(s.cell.source))</code></pre>"]
        var shown: [(String, Value)] = s.bindings.filter { b in ReportRenderer.isDisplayed(b.value) }.map { ($0.name, $0.value) }
        if let out = s.output, !shown.contains(where: { $0.1.digest == out.digest }) { shown.append(("", out)) }
        for (name, value) in shown { parts.append(try valueHTML(name, value)) }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// Figures and tables are always shown; other bindings only as the cell's output.
    static func isDisplayed(_ v: Value) -> Bool {
        switch v {
        case .figure, .table: true
        default: false
        }
    }

    func valueHTML(_ name: String, _ value: Value) throws -> String {
        let e = MarkdownHTML.escape
        let label = name.isEmpty ? "" : "<div class=name>\(e(name))</div>"
        switch value {
        case .figure(let f):
            let png = try FigureRenderer.render(f, format: .png(dpi: 150))
            return "<figure>\(label)<img alt=\"\(e(f.title ?? name))\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\"></figure>"
        case .table(let t):
            // Long tables show their first rows; the rest (up to 1000) folds into <details>.
            let head = "<tr>" + t.columns.map { "<th>\(e($0.name))</th>" }.joined() + "</tr>"
            func rows(_ range: Range<Int>) -> String {
                range.map { r in
                    "<tr>" + t.columns.map { c -> String in
                        switch c.data {
                        case .numbers(let v): return "<td class=num>\(e(Table.formatted(v[r])))</td>"
                        case .strings(let v): return "<td>\(e(v[r]))</td>"
                        }
                    }.joined() + "</tr>"
                }.joined()
            }
            guard t.rowCount > 12 else { return "<div class=output>\(label)<table>\(head)\(rows(0..<t.rowCount))</table></div>" }
            let shownAll = min(t.rowCount, 1000)
            let more = t.rowCount > shownAll ? "<p class=meta>… \(t.rowCount - shownAll) more rows not shown</p>" : ""
            return "<div class=output>\(label)<table>\(head)\(rows(0..<10))</table><details><summary>all \(t.rowCount) rows</summary><table>\(head)\(rows(0..<shownAll))</table>\(more)</details></div>"
        default:
            return "<div class=output>\(label)<pre>\(e(value.summary))</pre></div>"
        }
    }

    func provenance() -> String {
        let e = MarkdownHTML.escape
        var rows: [String] = []
        if let run {
            let env = run.environment
            let commit = env.gitCommit.map { "\($0)\(env.gitDirty == true ? " (uncommitted changes)" : "")" } ?? "not a git checkout"
            rows += [("git commit", commit), ("last run", "#\(run.id), \(ReportRenderer.timestamp(Date(timeIntervalSince1970: run.startedAt))), \(run.status.rawValue)"),
                     ("Swift", env.swiftVersion), ("OS", env.os), ("CPU", env.cpuModel), ("OpenBLAS", "\(env.blasCore), \(env.blasThreads) thread(s)"),
                     ("command", run.argv.joined(separator: " "))].map { "<tr><th>\(e($0.0))</th><td>\(e($0.1))</td></tr>" }
        }
        rows.append("<tr><th>notebook seed</th><td>\(notebook.seed)</td></tr>")
        for name in params.keys.sorted() { rows.append("<tr><th>params.\(e(name))</th><td>\(e(params[name]!.summary))</td></tr>") }
        let cellRows = cells.map { s in
            "<tr><td>\(e(s.cell.id))</td><td><code>\(e(s.key.map { String($0.prefix(16)) } ?? "–"))</code></td><td>\(s.seed)</td><td>\(e(s.status.state.rawValue))</td></tr>"
        }.joined()
        return """
        <section class=provenance><h2>Provenance</h2><table>\(rows.joined())</table>
        <table><tr><th>cell</th><th>cache key</th><th>derived seed</th><th>status</th></tr>\(cellRows)</table></section>
        """
    }

    static func timestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }

    static let css = """
    body{margin:0;background:#fafafa;color:#222;font:15px/1.55 "DejaVu Sans",system-ui,sans-serif}
    main{max-width:960px;margin:0 auto;padding:24px 28px 64px;background:#fff;box-shadow:0 0 12px #0001}
    h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;margin-top:1.6em}h3{font-size:1.1em}
    .meta{color:#666;font-size:.85em}
    .warning{background:#fff4e5;border-left:4px solid #e69f00;padding:8px 12px}
    .cell{border:1px solid #ddd;border-radius:6px;margin:14px 0;overflow:hidden}
    .cellhead{display:flex;gap:10px;align-items:center;padding:6px 10px;background:#f3f5f8;border-bottom:1px solid #ddd;font-size:.85em}
    .cellid{font-weight:bold;font-family:"DejaVu Sans Mono",monospace}
    .badge{padding:1px 8px;border-radius:10px;background:#e8f1fb;color:#0b4f8a}
    .badge.cached{background:#eef6ee;color:#2b6a2b}.badge.stale{background:#fff4e5;color:#8a5300}.badge.failed{background:#fdecea;color:#a12b20}
    pre{margin:0;padding:10px 12px;overflow-x:auto;font:13px/1.45 "DejaVu Sans Mono",monospace}
    pre.source{background:#fbfbfd}
    .output,figure{margin:0;padding:8px 12px;border-top:1px dashed #e3e3e3}
    .name{font-size:.8em;color:#666;font-family:"DejaVu Sans Mono",monospace}
    figure img{max-width:100%;height:auto}
    table{border-collapse:collapse;margin:6px 0;font-size:.9em}
    th,td{border-bottom:1px solid #e5e5e5;padding:3px 10px;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
    code{font-family:"DejaVu Sans Mono",monospace;font-size:.92em;background:#f3f3f3;padding:0 3px;border-radius:3px}
    .provenance{margin-top:2.5em;font-size:.9em}
    details{margin:4px 0}summary{cursor:pointer;color:#0b4f8a;font-size:.85em}
    """
}
