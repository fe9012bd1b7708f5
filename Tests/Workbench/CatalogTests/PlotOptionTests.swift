import Foundation
import Notebook
import Plots
import Testing
@testable import Catalog

/// The options of `plot.bars`, `plot.lines`, `plot.grid` and the functions `plot.scatter` and
/// `plot.hist`: what they put in the figure, and errors that name the argument's place.
@Suite struct PlotOptionTests {
    /// Seed ratios: every sample ≥ 1, so a min–max error bar never reaches below 1.
    static let seeds = """
    t = table.from_records([{scale: "a", method: "x", seed: 1, r: 1.00}, {scale: "a", method: "x", seed: 2, r: 1.10}, {scale: "a", method: "x", seed: 3, r: 1.02}, {scale: "a", method: "y", seed: 1, r: 1.20}, {scale: "b", method: "y", seed: 1, r: 1.30}, {scale: "b", method: "x", seed: 1, r: 1.05}])

    """

    func figure(_ body: String) throws -> Figure {
        let r = try #require(try Scratch().run("```lab id=c\n\(Self.seeds)\(body)\n```\n")["c"])
        guard case .figure(let f)? = r.output else {
            Issue.record("no figure: \(String(describing: r.error))")
            throw CancellationError()
        }
        return f
    }

    func bars(_ f: Figure) throws -> BarChart {
        guard case .bars(let chart)? = f.panels.first?.marks.first else { throw CancellationError() }
        return chart
    }

    @Test func runsGiveMeanBarsWithMinMaxErrorBarsNamedInTheLegend() throws {
        let f = try figure("plot.bars(t, x: \"scale\", y: \"r\", group: \"method\", run: \"seed\", baseline: 1, y_range: [0.95, 1.4], hline: [1], labels: {y: \"Why\", x: \"Ex\"}, legend_title: \"Method\", marked: [\"b\"], mark_note: \"never trained\")")
        let chart = try bars(f)
        #expect(chart.series.map(\.name) == ["Why", "Ex"], "labels rename and order the series")
        #expect(chart.categories == ["a", "b†"])
        #expect(chart.baseline == 1)
        let ex = chart.series[1]
        #expect(abs(ex.values[0] - (1.00 + 1.10 + 1.02) / 3) < 1e-12)
        #expect(ex.lower?[0] == 1.00 && ex.upper?[0] == 1.10, "min–max of the seeds, never below the smallest sample")
        let panel = try #require(f.panels.first)
        #expect(panel.y.min == 0.95 && panel.y.max == 1.4)
        #expect(panel.references == [ReferenceLine(.horizontal, at: 1)])
        #expect(panel.legendTitle == "Method")
        #expect(panel.legendNotes == ["mean over seeds; error bars: min–max", "† never trained"])
        _ = try FigureRenderer.render(f, format: .svg)
    }

    @Test func percentileIntervalsInterpolateBetweenOrderStatistics() throws {
        let chart = try bars(try figure("plot.bars(t, x: \"scale\", y: \"r\", group: \"method\", run: \"seed\", interval: \"iqr\")"))
        let x = chart.series[0]
        // Sorted 1.00, 1.02, 1.10: the 25th percentile is halfway between the first two.
        #expect(abs(x.lower![0] - 1.01) < 1e-12 && abs(x.upper![0] - 1.06) < 1e-12)
        #expect(BarInterval.percentile([1, 2, 3, 4, 5], 0.95) == 4.8)
    }

    @Test func linesTakeALogXAxisReferenceLinesAndDisplayNames() throws {
        let f = try figure("plot.lines(t, x: \"seed\", y: \"r\", group: \"method\", log_x: true, vline: [2], hline: [1], labels: {x: \"Ex\"}, legend: \"outside\")")
        let panel = try #require(f.panels.first)
        #expect(panel.x.scale == .log)
        #expect(panel.legend == .outside)
        #expect(panel.references?.count == 2)
        let names = panel.marks.compactMap { if case .line(let s) = $0 { return s.name }; return nil }
        #expect(names == ["Ex", "y"])
    }

    /// With `labels`, a group keeps one colour (and, for lines, one marker) in panels that show
    /// different subsets of the groups, so a grid's shared legend is right for every panel.
    @Test func labelledGroupsKeepTheirColourAcrossPanelsWithOtherSubsets() throws {
        let only = "plot.bars(table.where(t, column: \"method\", equals: \"y\"), x: \"scale\", y: \"r\", group: \"method\", labels: {x: \"Ex\", y: \"Why\"})"
        let both = "plot.bars(t, x: \"scale\", y: \"r\", group: \"method\", labels: {x: \"Ex\", y: \"Why\"})"
        let alone = try bars(try figure(only)), together = try bars(try figure(both))
        #expect(alone.series.map(\.name) == ["Why"] && together.series.map(\.name) == ["Ex", "Why"])
        #expect(alone.series[0].color != nil && alone.series[0].color == together.series[1].color, "y is the second slot in both")
        #expect(together.series[0].color == Palette.okabeIto.color(at: 0))
        let line = try figure("plot.lines(table.where(t, column: \"method\", equals: \"y\"), x: \"seed\", y: \"r\", group: \"method\", labels: {x: \"Ex\", y: \"Why\"})")
        guard case .line(let s)? = line.panels.first?.marks.first else { Issue.record("no line"); return }
        #expect(s.color == Palette.okabeIto.color(at: 1) && s.marker == Marker.cycle[1])
        // Without labels the series still take colours in turn.
        #expect(try bars(try figure("plot.bars(t, x: \"scale\", y: \"r\", group: \"method\")")).series.allSatisfy { $0.color == nil })
    }

    /// A shared legend lists every series of every panel (and every panel's notes), not only the
    /// first panel's.
    @Test func aSharedLegendListsTheSeriesOfEveryPanel() throws {
        let only = "plot.bars(table.where(t, column: \"method\", equals: \"y\"), x: \"scale\", y: \"r\", group: \"method\", labels: {x: \"Ex\", y: \"Why\"})"
        let both = "plot.bars(t, x: \"scale\", y: \"r\", group: \"method\", labels: {x: \"Ex\", y: \"Why\"}, marked: [\"b\"], mark_note: \"never trained\")"
        let f = try figure("plot.grid([\(only), \(both)], columns: 2, shared_legend: true)")
        let boxes = try FigureRenderer.textBoxes(of: f)
        let entries = boxes.filter { $0.role == .legend }.map(\.text), texts = boxes.filter { $0.role == .legendText }.map(\.text)
        #expect(entries == ["Why", "Ex"] || entries == ["Ex", "Why"], "\(entries)")
        #expect(texts.contains("† never trained"), "\(texts)")
    }

    @Test func gridSharesOneLegend() throws {
        let f = try figure("plot.grid([plot.lines(t, x: \"seed\", y: \"r\", group: \"method\"), plot.lines(t, x: \"seed\", y: \"r\", group: \"method\")], columns: 2, shared_legend: true)")
        #expect(f.sharedLegend == true)
        let boxes = try FigureRenderer.textBoxes(of: f).filter { $0.role == .legend }
        #expect(boxes.map(\.text) == ["x", "y"], "one legend, not one per panel")
    }

    @Test func scatterAndHistogramExist() throws {
        let s = try figure("plot.scatter(t, x: \"seed\", y: \"r\", group: \"method\", log_y: true)")
        #expect(s.panels[0].marks.count == 2)
        let h = try figure("plot.hist(t, x: \"r\", bins: 3, range: [1, 1.3])")
        guard case .line(let line) = h.panels[0].marks[0] else { Issue.record("no histogram line"); return }
        // Bins [1, 1.1), [1.1, 1.2), [1.2, 1.3]: 3, 2 and 1 values.
        #expect(line.y == [0, 3, 3, 2, 2, 1, 1, 0])
        #expect(h.panels[0].y.label == "Count")
        let d = try figure("plot.hist(t, x: \"r\", bins: 3, range: [1, 1.3], density: true)")
        guard case .line(let density) = d.panels[0].marks[0] else { return }
        #expect(abs(density.y[1] - 3 / (6 * 0.1)) < 1e-9)
    }

    @Test(arguments: [
        ("plot.bars(t, x: \"scale\", y: \"r\", y_range: [2, 1])", "y_range"),
        ("plot.bars(t, x: \"scale\", y: \"r\", vline: [1])", "vline"),
        ("plot.bars(t, x: \"scale\", y: \"r\", low: \"r\")", "low"),
        ("plot.bars(t, x: \"scale\", y: \"r\", run: \"seed\", error: \"r\")", "run"),
        ("plot.bars(t, x: \"scale\", y: \"r\", marked: [\"c\"])", "marked"),
        ("plot.bars(t, x: \"scale\", y: \"r\", labels: [1])", "labels"),
        ("plot.bars(t, x: \"scale\", y: \"r\", labels: {a: 1})", "labels"),
        ("plot.lines(t, x: \"seed\", y: \"r\", log_y: true, hline: [0])", "hline"),
        ("plot.lines(t, x: \"seed\", y: \"r\", log_y: true, y_range: [0, 2])", "y_range"),
        ("plot.hist(t, x: \"r\", range: [1])", "range"),
    ])
    func invalidOptionsFailAtTheirPlace(call: String, parameter: String) throws {
        let r = try #require(try Scratch().run("```lab id=c\n\(Self.seeds)x = \(call)\n```\n")["c"])
        let error = try #require(r.error, "\(call) ran")
        #expect(error.code.exitCode == 2, "\(error)")
        #expect(error.location?.description == ArgumentCheckTests.place(of: parameter, in: call, line: 3, prefix: "x = "), "\(error)")
        #expect(error.message.contains("`\(parameter)`"), "\(error)")
    }
}
