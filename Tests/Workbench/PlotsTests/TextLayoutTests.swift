import Foundation
import Testing
@testable import Plots

/// Text never overlaps other text and never leaves the page, measured with Cairo's text extents.
@Suite struct TextLayoutTests {
    /// Figures that stress the layout: long labels, many categories, extreme magnitudes.
    static var stressFigures: [NamedFigure] {
        let x = (0..<300).map { Double($0) * 1e7 }
        let huge = Panel(title: "Huge magnitudes", x: Axis("Operations (FLOP)"), y: Axis("Latency (s)"))
            .line("a very long series name for the legend", x: x, y: x.map { 1e-7 * sin($0 / 3e8) })
        let tiny = Panel(title: "Tiny", x: Axis("Step"), y: .log("Gradient norm"))
            .line("g", x: Array(0..<50).map(Double.init), y: (0..<50).map { pow(10, -Double($0) / 5) })
        let categories = (1...14).map { "scale \($0) × \($0 * 4)" }
        let bars = Panel(title: "Many categories", x: Axis("Scale"), y: Axis("Accuracy (%)"))
            .bars(BarChart(categories: categories, series: [
                .init("A", values: categories.indices.map { 80 + Double($0) }, errors: categories.indices.map { _ in 2 }),
                .init("B", values: categories.indices.map { 70 + Double($0) * 1.5 }),
            ], valueLabels: true))
        let map = Panel(title: "Heatmap", x: Axis("Test"), y: Axis("Train"))
            .heatmap(Heatmap(rows: ["r1", "r2", "r3"], columns: ["c1", "c2", "c3", "c4"],
                             values: [[1e5, 2e5, 3e5, 4e5], [5e5, 6e5, 7e5, 8e5], [9e5, 1e6, 1.1e6, .nan]],
                             colorbarLabel: "Bytes"))
        return [
            NamedFigure(name: "stress", figure: Figure(title: "Layout stress test", width: 520, height: 420, columns: 2,
                                                       panels: [huge, tiny, bars, map])),
            NamedFigure(name: "small", figure: Figure(huge, title: nil, width: 240, height: 180)),
        ]
    }

    static var allFigures: [NamedFigure] { Gallery.figures() + stressFigures }

    @Test(arguments: allFigures.map(\.name)) func textBoxesDoNotIntersect(name: String) throws {
        let figure = Self.allFigures.first { $0.name == name }!.figure
        let boxes = try FigureRenderer.textBoxes(of: figure)
        #expect(boxes.count > 10)
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].rect.intersects(boxes[j].rect),
                        "'\(boxes[i].text)' (\(boxes[i].role)) \(boxes[i].rect) overlaps '\(boxes[j].text)' (\(boxes[j].role)) \(boxes[j].rect)")
            }
        }
    }

    /// With `PLOTS_DUMP=<dir>`, writes the stress figures as PNGs for a person to look at.
    @Test func dumpStressFiguresWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["PLOTS_DUMP"] else { return }
        for item in Self.stressFigures {
            try FigureRenderer.write(item.figure, to: dir + "/" + item.name + ".png")
        }
    }

    @Test(arguments: allFigures.map(\.name)) func textStaysOnThePage(name: String) throws {
        let figure = Self.allFigures.first { $0.name == name }!.figure
        let page = Rect(x: 0, y: 0, width: figure.width, height: figure.height)
        for box in try FigureRenderer.textBoxes(of: figure) {
            #expect(page.contains(box.rect), "'\(box.text)' \(box.rect) is clipped by the page")
        }
    }

    @Test func everyPanelGetsItsLetterAndTitle() throws {
        let figure = Gallery.figures().first { $0.name == "grid" }!.figure
        let boxes = try FigureRenderer.textBoxes(of: figure)
        #expect(boxes.filter { $0.role == .panelLetter }.map(\.text) == ["(a)", "(b)", "(c)", "(d)"])
        #expect(boxes.filter { $0.role == .title }.count == 4)
        #expect(boxes.filter { $0.role == .figureTitle }.count == 1)
    }

    @Test func sharedAxesShowInnerTickLabelsOnlyOnce() throws {
        let figure = Gallery.figures().first { $0.name == "grid" }!.figure
        let boxes = try FigureRenderer.textBoxes(of: figure)
        let yLabels = boxes.filter { $0.role == .axisLabel && $0.text == "Cost ratio" }
        let xLabels = boxes.filter { $0.role == .axisLabel && $0.text == "Epoch" }
        #expect(yLabels.count == 2 && xLabels.count == 2)
    }

    @Test func tickLabelsAreNiceNumbers() throws {
        let figure = Gallery.figures().first { $0.name == "grid" }!.figure
        let ticks = try FigureRenderer.textBoxes(of: figure).filter { $0.role == .tickLabel }.map(\.text)
        #expect(ticks.contains("0") && ticks.contains("20") && ticks.contains("40"))
        #expect(!ticks.contains("29") && !ticks.contains("39"))
    }
}

#if canImport(Glibc)
import Glibc
#endif
