import Foundation
import LabCore
import Testing
@testable import Plots

/// Where the chart options put things: bars from a baseline, asymmetric error bars, legends
/// outside the plot or shared below a grid, and the spec errors of the new fields.
@Suite struct PlotOptionLayoutTests {
    static func ratioPanel(legend: Panel.LegendPlacement = .best, max: Double? = 1.2) -> Panel {
        var chart = BarChart(categories: ["a", "b", "c"], series: [
            BarChart.Series("one", values: [1.05, 1.10, 1.15], lower: [1.0, 1.02, 1.1], upper: [1.1, 1.2, 1.19]),
            BarChart.Series("two", values: [1.15, 1.18, 1.19], lower: [1.1, 1.1, 1.1], upper: [1.19, 1.19, 1.2]),
        ])
        chart.baseline = 1
        return Panel(x: Axis("Scale"), y: Axis("Ratio", min: 0.99, max: max), legend: legend).bars(chart)
    }

    @Test func barsGrowFromTheBaselineWithErrorBarsBetweenTheirEnds() throws {
        let plan = try #require(try PlotsTestSupport.plans(of: Figure(Self.ratioPanel())).first)
        guard case .bars(let chart) = plan.content else { Issue.record("not bars"); return }
        for bar in plan.barGeometry(chart: chart) {
            #expect(abs(bar.rect.maxY - plan.py(1)) < 1e-9, "bars start at the baseline 1")
            let series = chart.series[bar.series]
            let span = try #require(bar.errorSpan)
            #expect(abs(span.bottom - plan.py(series.lower![bar.category])) < 1e-9)
            #expect(abs(span.top - plan.py(series.upper![bar.category])) < 1e-9)
        }
        #expect(plan.y.lo == 0.99 && plan.y.hi == 1.2)
    }

    @Test func aBaselineFitsTheAxisFromItWhenNoRangeIsGiven() throws {
        var panel = Self.ratioPanel(max: nil)
        panel.y.min = nil
        let plan = try #require(try PlotsTestSupport.plans(of: Figure(panel)).first)
        #expect(plan.y.lo == 1, "a ratio axis starts at the baseline, not at 0")
    }

    @Test func aFullPlotWithFixedLimitsPutsTheLegendOutside() throws {
        var chart = BarChart(categories: ["a", "b", "c", "d"], series: [
            BarChart.Series("one", values: [1.19, 1.19, 1.19, 1.19]), BarChart.Series("two", values: [1.18, 1.19, 1.19, 1.19]),
        ])
        chart.baseline = 1
        let full = Panel(y: Axis(min: 0.99, max: 1.2)).bars(chart)
        let plan = try #require(try PlotsTestSupport.plans(of: Figure(full)).first)
        #expect(plan.legendOutside)
        let rect = try #require(plan.legendRect)
        #expect(rect.x >= plan.plot.maxX, "the legend covers no data")
        #expect(rect.maxX <= 460, "and stays on the page")
    }

    @Test func outsideIsHonouredOnLines() throws {
        let panel = Panel(legend: .outside).line("a", x: [1, 2, 3], y: [1, 2, 3])
        let plan = try #require(try PlotsTestSupport.plans(of: Figure(panel)).first)
        #expect(try #require(plan.legendRect).x >= plan.plot.maxX)
    }

    @Test func aSharedLegendReplacesThePanelLegendsBelowThePanels() throws {
        let figure = GalleryOptions.sharedLegendGrid(RandomSource(seed: 1, stream: "t"))
        let plans = try PlotsTestSupport.plans(of: figure)
        #expect(plans.allSatisfy { $0.legendRect == nil })
        let boxes = try FigureRenderer.textBoxes(of: figure).filter { $0.role == .legend }
        #expect(boxes.map(\.text) == ["Method A", "Method B", "Method C"])
        let lowest = plans.map(\.cell.maxY).max()!
        #expect(boxes.allSatisfy { $0.rect.y >= lowest - 0.01 }, "below every panel")
    }

    @Test func legendTitleAndNotesAreDrawnInTheLegend() throws {
        let figure = GalleryOptions.ratioBars(RandomSource(seed: 1, stream: "t"))
        let texts = try FigureRenderer.textBoxes(of: figure).filter { $0.role == .legendText }.map(\.text)
        #expect(texts == ["Method", "error bars: min–max over 5 seeds", "† never trained"])
        let reference = try FigureRenderer.textBoxes(of: figure).filter { $0.role == .reference }.map(\.text)
        #expect(reference == ["optimum"])
    }

    @Test func newFieldsAreValidated() throws {
        var panel = Self.ratioPanel()
        guard case .bars(var chart) = panel.marks[0] else { return }
        chart.series[0].upper = [1]
        panel.marks = [.bars(chart)]
        #expect(throws: LabError.self) { try Figure(panel).validate() }
        let log = Panel(y: .log()).line("a", x: [1, 2], y: [1, 2]).reference(ReferenceLine(.horizontal, at: 0))
        #expect(throws: LabError.self) { try Figure(log).validate() }
        let range = Panel(y: Axis(min: 2, max: 1)).line("a", x: [1, 2], y: [1, 2])
        #expect(throws: LabError.self) { try Figure(range).validate() }
    }

    @Test func oldSpecsDecodeWithoutTheNewFields() throws {
        let json = #"{"width":460,"height":288,"columns":1,"sharedX":false,"sharedY":false,"style":{"fontFamily":"DejaVu Sans","tickFontSize":8,"labelFontSize":9,"titleFontSize":10,"figureTitleFontSize":11,"lineWidth":1.5,"markerSize":4.5,"palette":{"colors":[]}},"panels":[{"x":{"scale":"linear"},"y":{"scale":"linear"},"legend":"best","grid":true,"marks":[{"bars":{"categories":["a"],"valueLabels":false,"series":[{"name":"s","values":[1]}]}}]}]}"#
        let figure = try JSONDecoder().decode(Figure.self, from: Data(json.utf8))
        #expect(figure.sharedLegend == nil && figure.panels[0].references == nil)
        let encoded = String(decoding: try JSONEncoder().encode(Figure(Panel().line("a", x: [1], y: [1]))), as: UTF8.self)
        #expect(!encoded.contains("sharedLegend") && !encoded.contains("references"), "unused options leave cached specs unchanged")
    }
}
