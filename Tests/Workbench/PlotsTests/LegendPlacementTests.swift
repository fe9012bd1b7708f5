import Testing
@testable import Plots

@Suite struct LegendPlacementTests {
    /// Renders a one-panel figure and returns its legend box and plot area.
    static func legend(of panel: Panel) throws -> (legend: Rect, plot: Rect) {
        let figure = Figure(panel)
        let canvasBoxes = try FigureRenderer.textBoxes(of: figure).filter { $0.role == .legend }
        let first = try #require(canvasBoxes.first)
        return (first.rect, Rect(x: 0, y: 0, width: figure.width, height: figure.height))
    }

    @Test func legendAvoidsDataInTheUpperRight() throws {
        // Data rising to the upper right: the legend belongs in the upper left.
        let x = (0..<100).map(Double.init)
        let panel = Panel().line("rising", x: x, y: x.map { $0 * $0 }).line("also rising", x: x, y: x.map { $0 * $0 * 0.8 })
        let (box, page) = try Self.legend(of: panel)
        #expect(box.midX < page.midX && box.midY < page.midY)
    }

    @Test func legendAvoidsDataInTheUpperLeft() throws {
        let x = (0..<100).map(Double.init)
        let panel = Panel().line("falling", x: x, y: x.map { 1e4 - $0 * $0 })
        let (box, page) = try Self.legend(of: panel)
        #expect(box.midX > page.midX && box.midY < page.midY)
    }

    /// A wide band whose edges and centre lie outside a fixed y range still fills the upper
    /// right: the legend goes where nothing is drawn (the upper left), not over the band.
    @Test func legendAvoidsTheInsideOfAWideBand() throws {
        let x = (0...20).map(Double.init)
        let right = x.map { $0 >= 10 }
        let line = LineSeries("banded", x: x, y: x.map { _ in 2 },
                              band: .init(lower: right.map { $0 ? 3 : 1.9 }, upper: right.map { $0 ? 20 : 2.1 }))
        let figure = Figure(Panel(y: Axis(min: 0, max: 10)).line(line).line("other", x: x, y: x.map { _ in 1 }))
        let plan = try #require(try PlotsTestSupport.plans(of: figure).first)
        let box = try #require(plan.legendRect)
        #expect(box.midX < plan.plot.midX && box.midY < plan.plot.midY, "legend at \(box) in \(plan.plot)")
        let covered = plan.bandArea(x: x, lower: line.band!.lower, upper: line.band!.upper).map { box.overlapArea($0) }.reduce(0, +)
        #expect(covered == 0)
    }

    @Test func fixedPlacementIsHonoured() throws {
        let x = (0..<10).map(Double.init)
        let panel = Panel(legend: .lowerRight).line("a", x: x, y: x)
        let (box, page) = try Self.legend(of: panel)
        #expect(box.midX > page.midX && box.midY > page.midY)
    }

    @Test func hiddenLegendDrawsNoEntries() throws {
        let panel = Panel(legend: .hidden).line("a", x: [0, 1], y: [0, 1])
        #expect(try FigureRenderer.textBoxes(of: Figure(panel)).allSatisfy { $0.role != .legend })
    }

    @Test func legendCoversNoBarsOrValueLabels() throws {
        let figure = Gallery.figures().first { $0.name == "bars" }!.figure
        var layoutPlans: [PanelPlan] = []
        let boxes = try FigureRenderer.textBoxes(of: figure)
        let legendBoxes = boxes.filter { $0.role == .legend }
        let values = boxes.filter { $0.role == .valueLabel }
        #expect(legendBoxes.count == 4 && values.count == 16)
        layoutPlans = try PlotsTestSupport.plans(of: figure)
        let plan = try #require(layoutPlans.first)
        guard case .bars(let chart) = plan.content else { Issue.record("not a bar panel"); return }
        let legendRect = try #require(plan.legendRect)
        for bar in plan.barGeometry(chart: chart) {
            #expect(legendRect.overlapArea(bar.rect) == 0, "legend covers a bar")
        }
        for v in values { #expect(!legendRect.intersects(v.rect)) }
    }

    /// Seven bar groups (Table IV's methods) in a grid cell: one column would fill over a third
    /// of the plot height and squash the bars, so the legend wraps into rows of several entries,
    /// stays inside the plot, and no two entries overlap.
    @Test func longLegendWrapsIntoColumns() throws {
        let names = ["random", "ao", "mcmf", "grlo", "dignn", "gdsg", "gadsg"]
        let chart = BarChart(categories: ["a", "b", "c"], series: names.enumerated().map { i, n in
            BarChart.Series(n, values: [1 + Double(i) * 0.1, 1.2, 1.1])
        })
        let figure = Figure(Panel().bars(chart), width: 400, height: 260)
        let entries = try FigureRenderer.textBoxes(of: figure).filter { $0.role == .legend }
        #expect(entries.count == names.count)
        let rows = Set(entries.map { ($0.rect.midY * 10).rounded() })
        #expect(rows.count > 1 && rows.count < names.count, "\(rows.count) legend rows for \(names.count) entries")
        for (i, a) in entries.enumerated() {
            for b in entries[(i + 1)...] { #expect(!a.rect.intersects(b.rect), "legend entries overlap") }
        }
        let plan = try #require(try PlotsTestSupport.plans(of: figure).first)
        let box = try #require(plan.legendRect)
        #expect(box.x >= plan.plot.x && box.maxX <= plan.plot.maxX && box.height <= plan.plot.height / 3 + 1e-9)
    }

    @Test(arguments: (Gallery.figures() + TextLayoutTests.stressFigures).map(\.name))
    func legendStaysInsideThePlotArea(name: String) throws {
        let figure = (Gallery.figures() + TextLayoutTests.stressFigures).first { $0.name == name }!.figure
        for plan in try PlotsTestSupport.plans(of: figure) {
            guard let legend = plan.legendRect else { continue }
            if plan.legendOutside {
                // An outside legend sits right of the plot, clear of it, and on the page.
                #expect(legend.x >= plan.plot.maxX && legend.maxX <= figure.width, "outside legend \(legend) in \(name)")
                continue
            }
            #expect(plan.plot.contains(legend), "legend \(legend) leaves plot \(plan.plot) in \(name)")
        }
    }

    @Test func longNamesAreShortenedWithAnEllipsis() throws {
        let panel = Panel().line(String(repeating: "very long name ", count: 12), x: [0, 1], y: [0, 1])
        let entry = try #require(try FigureRenderer.textBoxes(of: Figure(panel)).first { $0.role == .legend })
        #expect(entry.text.hasSuffix("…"))
    }
}
