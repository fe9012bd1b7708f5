import Foundation
import LabCore
import Testing
@testable import Plots

@Suite struct FigureSpecTests {
    @Test func figuresRoundTripThroughJSON() throws {
        for item in Gallery.figures() {
            let data = try JSONEncoder().encode(item.figure)
            let decoded = try JSONDecoder().decode(Figure.self, from: data)
            #expect(decoded == item.figure, "\(item.name) changed in a JSON round trip")
        }
    }

    @Test func galleryDataIsSeeded() {
        #expect(Gallery.figures(seed: 1) == Gallery.figures(seed: 1))
        #expect(Gallery.figures(seed: 1) != Gallery.figures(seed: 2))
    }

    @Test func mismatchedLengthsAreInvalidInput() {
        let figure = Figure(Panel().line("a", x: [1, 2, 3], y: [1, 2]))
        #expect(throws: LabError.self) { try FigureRenderer.render(figure, format: .svg) }
        do {
            _ = try FigureRenderer.render(figure, format: .svg)
        } catch let error as LabError {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("3 x values but 2 y values"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func logAxisRejectsNonPositiveValues() {
        let figure = Figure(Panel(y: .log("Loss")).line("a", x: [1, 2], y: [1, -2]))
        #expect(throws: LabError(.invalidInput, "panel 1: line 'a' has the value -2.0 on a log axis; log axes need positive values.")) {
            try figure.validate()
        }
    }

    @Test func barsMustBeAloneInTheirPanel() {
        let panel = Panel().bars(BarChart(categories: ["a"], series: [.init("s", values: [1])])).line("l", x: [1], y: [1])
        #expect(throws: LabError.self) { try Figure(panel).validate() }
    }

    @Test func unknownFontIsAnEnvironmentError() {
        var figure = Figure(Panel().line("a", x: [1, 2], y: [1, 2]))
        figure.style.fontFamily = "No Such Font Family"
        do {
            _ = try FigureRenderer.render(figure, format: .png(dpi: 30))
            Issue.record("rendering with a missing font succeeded")
        } catch let error as LabError {
            #expect(error.code == .environment)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func tooSmallFigureIsInvalidInput() {
        let figure = Figure(title: nil, width: 60, height: 60, columns: 3,
                            panels: Array(repeating: Panel(x: Axis("x"), y: Axis("y")).line("a", x: [1, 2], y: [1, 2]), count: 6))
        #expect(throws: LabError.self) { try FigureRenderer.render(figure, format: .svg) }
    }

    @Test func formatFollowsTheFileExtension() throws {
        #expect(try OutputFormat.forPath("a/b.PDF") == .pdf)
        #expect(try OutputFormat.forPath("x.png", dpi: 300) == .png(dpi: 300))
        #expect(throws: LabError.self) { try OutputFormat.forPath("x.jpg") }
    }

    @Test func seriesFromRunsGiveMeanAndBands() {
        let runs: [[Double]] = [[1, 2, 3], [3, 2, 5]]
        let minMax = LineSeries("m", x: [0, 1, 2], runs: runs, band: .minMax)
        #expect(minMax.y == [2, 2, 4])
        #expect(minMax.band == .init(lower: [1, 2, 3], upper: [3, 2, 5]))
        let std = LineSeries("s", x: [0, 1, 2], runs: runs, band: .std)
        #expect(std.band?.lower == [1, 2, 3] && std.band?.upper == [3, 2, 5])
        #expect(LineSeries("n", x: [0, 1, 2], runs: runs, band: .none).band == nil)
    }

    @Test func movingAverageIsCentredAndKeepsGaps() {
        #expect(MovingAverage.centered([1, 2, 3, 4, 5], window: 3) == [1.5, 2, 3, 4, 4.5])
        let gapped = MovingAverage.centered([1, .nan, 3], window: 3)
        #expect(gapped[0] == 1 && gapped[1].isNaN && gapped[2] == 3)
        #expect(MovingAverage.centered([1, 2], window: 1) == [1, 2])
    }

    @Test func heatmapTextContrastsWithTheCell() {
        #expect(Colormap.viridis.color(at: 0).contrastingText == .white)
        #expect(Colormap.viridis.color(at: 1).contrastingText == .black)
        #expect(Colormap.blues.color(at: 0).contrastingText == .black)
    }

    @Test func paletteIsOkabeItoAndCycles() {
        let p = Palette.okabeIto
        #expect(p.color(at: 0) == Color(hex: 0x0072B2))
        #expect(p.color(at: p.colors.count) == p.color(at: 0))
    }

    @Test func aDecodedEmptyPaletteFallsBackInsteadOfTrapping() throws {
        let p = try JSONDecoder().decode(Palette.self, from: Data(#"{"colors": []}"#.utf8))
        #expect(p.colors.isEmpty)
        #expect(p.color(at: 3) == Palette.okabeIto.color(at: 3))
    }
}

@Suite struct MarkCodingTests {
    @Test func marksEncodeAsOneKeyObjects() throws {
        let mark = Mark.line(LineSeries("a", x: [1], y: [2]))
        let json = String(decoding: try JSONEncoder().encode(mark), as: UTF8.self)
        #expect(json.hasPrefix("{\"line\":{"))
        #expect(!json.contains("_0"))
        #expect(try JSONDecoder().decode(Mark.self, from: Data(json.utf8)) == mark)
    }

    @Test func markWithTwoKindsIsRejected() {
        let json = #"{"line": {"x": [], "y": [], "dash": "solid", "smoothing": 1}, "scatter": {}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Mark.self, from: Data(json.utf8)) }
    }
}
