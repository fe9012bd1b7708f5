import Foundation
import Testing
@testable import Plots

/// Golden files under Tests/PlotsTests/Golden: SVG and PDF byte-exact, PNG within a pixel tolerance.
///
/// Run with `PLOTS_RECORD=1` to rewrite them after an intended change, then review the diff
/// (open the PNGs) before committing.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["PLOTS_RECORD"] == "1"
    static let names = Gallery.figures().map(\.name)

    static func figure(_ name: String) -> Figure {
        Gallery.figures().first { $0.name == name }!.figure
    }

    /// Compares with (or records) a golden file; returns the stored bytes.
    static func golden(_ file: String, _ bytes: [UInt8]) throws -> [UInt8]? {
        let url = directory.appendingPathComponent(file)
        if recording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(file); run the tests once with PLOTS_RECORD=1")
            return nil
        }
        return [UInt8](data)
    }

    /// The first byte offset where two files differ (nil if identical); keeps failure output short.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        if let i = (0..<Swift.min(a.count, b.count)).first(where: { a[$0] != b[$0] }) { return i }
        return a.count == b.count ? nil : Swift.min(a.count, b.count)
    }

    @Test(arguments: names) func svgMatchesGoldenBytes(name: String) throws {
        let bytes = try FigureRenderer.render(Self.figure(name), format: .svg)
        guard let stored = try Self.golden("\(name).svg", bytes) else { return }
        #expect(Self.firstDifference(bytes, stored) == nil, "\(name).svg differs from its golden file (PLOTS_RECORD=1 to update)")
    }

    @Test(arguments: names) func pdfMatchesGoldenBytes(name: String) throws {
        let bytes = try FigureRenderer.render(Self.figure(name), format: .pdf)
        guard let stored = try Self.golden("\(name).pdf", bytes) else { return }
        #expect(Self.firstDifference(bytes, stored) == nil, "\(name).pdf differs from its golden file (PLOTS_RECORD=1 to update)")
    }

    @Test(arguments: names) func pngMatchesGoldenPixels(name: String) throws {
        let bytes = try FigureRenderer.render(Self.figure(name), format: .png(dpi: 72))
        guard let stored = try Self.golden("\(name).png", bytes) else { return }
        let (mine, theirs) = (try PNGPixels(png: bytes), try PNGPixels(png: stored))
        #expect(mine.width == theirs.width && mine.height == theirs.height)
        let diff = mine.difference(from: theirs)
        #expect(diff.changedPixels <= mine.pixels.count / 1000, "\(diff.changedPixels) pixels of \(name).png differ")
        #expect(diff.meanChannelError < 0.5)
    }
}
