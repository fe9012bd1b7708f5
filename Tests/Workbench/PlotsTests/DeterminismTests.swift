import Foundation
import Testing
@testable import Plots

@Suite struct DeterminismTests {
    static let figure = Gallery.figures().first { $0.name == "line-band" }!.figure

    @Test func pdfIsByteIdenticalAcrossRenders() throws {
        let a = try FigureRenderer.render(Self.figure, format: .pdf)
        _ = try FigureRenderer.render(Self.figure, format: .svg)  // other surfaces in between
        let b = try FigureRenderer.render(Self.figure, format: .pdf)
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.contains("/CreationDate (20000101000000Z)"))
        #expect(text.contains("/ModDate (20000101000000Z)"))
    }

    @Test func svgIsByteIdenticalAcrossRendersAndHasNoCounterIds() throws {
        let a = try FigureRenderer.render(Self.figure, format: .svg)
        for _ in 0..<3 { _ = try FigureRenderer.render(Self.figure, format: .png(dpi: 20)) }
        let b = try FigureRenderer.render(Self.figure, format: .svg)
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("id=\"surface1\""))
        #expect(!text.contains("id=\"surface2"))
    }

    @Test func svgNormaliserRewritesOnlySurfaceIds() {
        let input = Array(##"<g id="surface57"><use xlink:href="#surface57"/><text>surface9 surfaces</text></g>"##.utf8)
        let output = String(decoding: SVGNormaliser.normalise(input), as: UTF8.self)
        #expect(output == ##"<g id="surface1"><use xlink:href="#surface1"/><text>surface9 surfaces</text></g>"##)
    }

    @Test func pngPixelsAreIdenticalAndCarryTheResolution() throws {
        let a = try FigureRenderer.render(Self.figure, format: .png(dpi: 96))
        let b = try FigureRenderer.render(Self.figure, format: .png(dpi: 96))
        #expect(try PNGPixels(png: a) == PNGPixels(png: b))
        let image = try PNGPixels(png: a)
        #expect(image.width == Int((Self.figure.width * 96 / 72).rounded(.up)))
        // pHYs: 96 dpi = 3780 pixels per metre, unit byte 1.
        let phys = Array("pHYs".utf8) + [0, 0, 0x0E, 0xC4, 0, 0, 0x0E, 0xC4, 1]
        #expect(a.firstRange(of: phys) != nil)
    }

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
