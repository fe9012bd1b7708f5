import Foundation
import LabCore
import Notebook
import Plots
import Testing
@testable import Catalog

/// `plot.box` in the notebook language: boxes per category and group with the shared options, and
/// errors for bad columns that name the argument's place (exit 2).
@Suite struct PlotBoxTests {
    static let data = """
    t = table.from_records([{scale: "a", method: "x", r: 1}, {scale: "a", method: "x", r: 2}, {scale: "a", method: "x", r: 3}, {scale: "a", method: "x", r: 4}, {scale: "a", method: "x", r: 40}, {scale: "a", method: "y", r: 2}, {scale: "b", method: "x", r: 5}, {scale: "b", method: "y", r: 6}, {scale: "b", method: "y", r: 8}])

    """

    func figure(_ body: String) throws -> Figure {
        let r = try #require(try Scratch().run("```lab id=c\n\(Self.data)\(body)\n```\n")["c"])
        guard case .figure(let f)? = r.output else {
            Issue.record("no figure: \(String(describing: r.error))")
            throw CancellationError()
        }
        return f
    }

    @Test func boxesPerCategoryAndGroupWithLabelsReferenceLinesAndLegendOptions() throws {
        let f = try figure("plot.box(t, x: \"scale\", y: \"r\", group: \"method\", labels: {y: \"Why\"}, hline: [1], y_range: [0, 50], legend: \"outside\", legend_title: \"Method\", title: \"T\", ylabel: \"Ratio\", show_mean: true)")
        let panel = try #require(f.panels.first)
        guard case .boxes(let chart)? = panel.marks.first else { Issue.record("no boxes"); return }
        #expect(chart.categories == ["a", "b"])
        #expect(chart.series.map(\.name) == ["Why", "x"], "labels rename and order the groups")
        #expect(chart.showMeans)
        // Group x at a: 1, 2, 3, 4, 40 → quartiles 2, 3, 4 (n = 5, h = 1, 2, 3); fences −1 and 7.
        let xa = try #require(chart.series[1].boxes[0])
        #expect(xa.lowerQuartile == 2 && xa.median == 3 && xa.upperQuartile == 4)
        #expect(xa.upperWhisker == 4 && xa.outliers == [40])
        // Group y at b: 6, 8 → quartiles 6.5, 7, 7.5.
        let yb = try #require(chart.series[0].boxes[1])
        #expect(yb.lowerQuartile == 6.5 && yb.median == 7 && yb.upperQuartile == 7.5)
        #expect(panel.y.min == 0 && panel.y.max == 50 && panel.y.label == "Ratio" && panel.title == "T")
        #expect(panel.references == [ReferenceLine(.horizontal, at: 1)])
        #expect(panel.legend == .outside && panel.legendTitle == "Method")
        #expect(panel.legendNotes == ["whiskers: 1.5 IQR, ○ outliers; ◇ mean"])
        for format in [OutputFormat.svg, .pdf, .png(dpi: 72)] { _ = try FigureRenderer.render(f, format: format) }
    }

    @Test func withoutXOneBoxSummarisesTheColumnAndMinMaxWhiskersReachTheExtremes() throws {
        let f = try figure("plot.box(t, y: \"r\", whiskers: \"minmax\")")
        guard case .boxes(let chart)? = f.panels.first?.marks.first else { Issue.record("no boxes"); return }
        #expect(chart.categories == ["r"] && chart.series.count == 1 && chart.series[0].name.isEmpty)
        let b = try #require(chart.series[0].boxes[0])
        #expect(b.lowerWhisker == 1 && b.upperWhisker == 40 && b.outliers.isEmpty && b.count == 9)
        #expect(f.panels[0].legendNotes == ["whiskers: min–max"])
    }

    @Test(arguments: [
        ("plot.box(t, x: \"scale\", y: \"nope\")", "y"),
        ("plot.box(t, x: \"nope\", y: \"r\")", "x"),
        ("plot.box(t, x: \"scale\", y: \"r\", group: \"nope\")", "group"),
        ("plot.box(t, x: \"scale\", y: \"method\")", "y"),
        ("plot.box(table.where(t, column: \"scale\", equals: \"zz\"), x: \"scale\", y: \"r\")", "y"),
        ("plot.box(t, x: \"scale\", y: \"r\", vline: [1])", "vline"),
        ("plot.box(t, x: \"scale\", y: \"r\", y_range: [3, 1])", "y_range"),
    ])
    func badInputFailsAtItsPlace(call: String, parameter: String) throws {
        let r = try #require(try Scratch().run("```lab id=c\n\(Self.data)x = \(call)\n```\n")["c"])
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        #expect(error.location?.description == ArgumentCheckTests.place(of: parameter, in: call, line: 3, prefix: "x = "), "\(error)")
        #expect(error.message.contains("`\(parameter)`"), "\(error)")
    }
}
