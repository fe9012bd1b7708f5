import Foundation
import LabCore
import Plots

extension ReportRenderer {
    /// Tables longer than this fold all their rows into a `<details>` that names the count.
    static let foldRows = 60
    /// Rows shown above a folded table.
    static let previewRows = 15
    /// Rows a folded table holds at most.
    static let maximumRows = 1000
    /// Figures are embedded at this resolution and shown at the column's width.
    static let figureDPI = 200.0

    func valueHTML(_ name: String, _ value: Value, cellID: String, index: Int, caption: (number: Int, text: String)?) throws -> String {
        let e = MarkdownHTML.escape
        let label = name.isEmpty ? "" : "<div class=name>\(e(name))</div>"
        switch value {
        case .figure(let f):
            let png = try FigureRenderer.render(f, format: .png(dpi: ReportRenderer.figureDPI))
            let id = caption != nil ? "fig-\(cellID)" : "figure-\(cellID)-\(index)"
            let alt = caption?.text ?? f.title ?? name
            let captionHTML = caption.map { "<figcaption><b>Figure \($0.number).</b> \(e($0.text))</figcaption>" } ?? ""
            // Clicking the figure shows the embedded image at full resolution (CSS :target,
            // no script); clicking again returns to the column width.
            return """
            <figure id="\(e(id))">\(label)<a class=zoom href="#\(e(id))" title="full resolution"><img alt="\(e(alt))" src="data:image/png;base64,\(Data(png).base64EncodedString())"></a>\
            <a class=unzoom href="#cell-\(e(cellID))">fit to the column</a>\(captionHTML)</figure>
            """
        case .table(let t):
            return "<div class=output>\(label)\(ReportRenderer.tableHTML(t))</div>"
        default:
            return "<div class=output>\(label)<pre>\(e(value.summary))</pre></div>"
        }
    }

    /// A table that scrolls sideways when wide; all rows up to ``foldRows``, otherwise the first
    /// ``previewRows`` and the rest folded with the row count. "mean ± std" cells never wrap.
    static func tableHTML(_ t: Table) -> String {
        let e = MarkdownHTML.escape
        let head = "<thead><tr>" + t.columns.map { "<th>\(e($0.name))</th>" }.joined() + "</tr></thead>"
        func rows(_ range: Range<Int>) -> String {
            "<tbody>" + range.map { r in
                "<tr>" + t.columns.map { c -> String in
                    switch c.data {
                    case .numbers(let v): return "<td class=num>\(e(Table.formatted(v[r])))</td>"
                    case .strings(let v): return v[r].contains("±") ? "<td class=pm>\(e(v[r]))</td>" : "<td>\(e(v[r]))</td>"
                    }
                }.joined() + "</tr>"
            }.joined() + "</tbody>"
        }
        guard t.rowCount > foldRows else { return "<div class=scroll><table>\(head)\(rows(0..<t.rowCount))</table></div>" }
        let kept = min(t.rowCount, maximumRows)
        let more = t.rowCount > kept ? "<p class=meta>… \(t.rowCount - kept) more rows not shown (see the CSV under Results/)</p>" : ""
        return """
        <div class=scroll><table>\(head)\(rows(0..<previewRows))</table></div>\
        <details><summary>show all \(t.rowCount) rows</summary><div class=scroll><table>\(head)\(rows(0..<kept))</table></div>\(more)</details>
        """
    }
}
