import Foundation
import Plots
import Testing
@testable import Notebook

/// Reports in headless Chromium: formulas lay out as MathML (fractions stacked, scripts raised,
/// limits below, matrix rows stacked), and nothing widens the page past its column.
///
/// Set `OFFLOADLAB_SCREENSHOTS=DIR` to keep the screenshots (docs/screenshots holds them).
@Suite(.serialized, .enabled(if: Chromium.available, Chromium.skipMessage))
struct ReportScreenshotTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Measures the laid-out page and stores the result on `<body data-layout>`.
    static let probe = """
    <script>
    const r = e => e.getBoundingClientRect(), bad = [];
    for (const f of document.querySelectorAll('mfrac')) { const [n, d] = f.children; if (!(r(n).bottom <= r(d).top + 0.5)) bad.push('mfrac'); }
    for (const s of document.querySelectorAll('msup, msubsup')) { const b = s.children[0], p = s.children[s.children.length - 1]; if (!(r(p).top < r(b).top)) bad.push('sup'); }
    for (const s of document.querySelectorAll('msub')) { const [b, p] = s.children; if (!(r(p).bottom > r(b).bottom)) bad.push('sub'); }
    for (const u of document.querySelectorAll('math[display=block] munder, math[display=block] munderover')) { const [b, x] = u.children; if (!(r(x).top >= r(b).bottom - 1)) bad.push('under'); }
    for (const t of document.querySelectorAll('mtable')) { const rows = [...t.children]; for (let i = 1; i < rows.length; i++) if (!(r(rows[i]).top >= r(rows[i - 1]).bottom - 1)) bad.push('mtable'); }
    const maths = [...document.querySelectorAll('math')];
    const scrollers = [...document.querySelectorAll('.scroll')].filter(s => s.scrollWidth > s.clientWidth + 1).length;
    document.body.setAttribute('data-layout', JSON.stringify({math: maths.length, empty: maths.filter(m => r(m).width < 1).length, bad,
      overflow: document.documentElement.scrollWidth - window.innerWidth, scrollers}));
    </script>
    """

    struct Layout: Decodable {
        var math: Int
        var empty: Int
        var bad: [String]
        var overflow: Double
        var scrollers: Int
    }

    /// Writes `html` with the probe, loads it at 1100 pixels wide and returns the measurements.
    static func measure(_ html: String) throws -> Layout {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        try html.replacingAll("</body>", with: probe + "</body>").write(to: file, atomically: true, encoding: .utf8)
        let dom = try Chromium.run(["--dump-dom", "--window-size=1100,900"], file: file)
        let text = String(decoding: dom, as: UTF8.self)
        guard let start = text.range(of: "data-layout=\"")?.upperBound, let end = text[start...].firstIndex(of: "\"") else {
            throw Chromium.Failure(description: "the probe did not run: \(text.prefix(300))")
        }
        let json = String(text[start..<end]).replacingAll("&quot;", with: "\"")
        return try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
    }

    static func keep(_ png: [UInt8], as name: String) throws {
        guard let dir = ProcessInfo.processInfo.environment["OFFLOADLAB_SCREENSHOTS"] else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(png).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
    }

    @Test func aFormulaHeavyNotebookLaysOutAsMathML() throws {
        let path = Self.fixtures.appendingPathComponent("formulas.md")
        let nb = try Notebook.parse(try String(contentsOf: path, encoding: .utf8), path: "formulas.md")
        #expect(ReportRenderer.proseWarnings(nb).isEmpty, "\(ReportRenderer.proseWarnings(nb))")
        let html = try ReportRenderer(notebook: nb, cells: [], run: nil, params: [:], renderedAt: Date(timeIntervalSince1970: 0)).render()
        #expect(!html.contains("<script") && !html.contains("code class=tex"))
        let layout = try Self.measure(html)
        #expect(layout.math == 18, "every formula is a <math> element: \(layout.math)")
        #expect(layout.empty == 0 && layout.bad.isEmpty, "MathML laid out natively: \(layout)")
        #expect(layout.overflow <= 0, "no formula widens the page: \(layout)")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("formulas-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        try html.write(to: file, atomically: true, encoding: .utf8)
        let png = try Chromium.screenshot(file, height: 2200)
        let pixels = try PNGPixels(png: png)
        let inked = pixels.pixels.filter { ($0 & 0xFF) < 96 }.count
        #expect(pixels.width == 1100 && inked > 5000, "the page shows text and formulas: \(inked) dark pixels")
        try Self.keep(png, as: "formulas.png")
    }

    @Test func wideTablesLongCodeAndFiguresStayInTheColumn() throws {
        let columns = (0..<24).map { Table.Column("profile_scale_seed_\($0)", .strings(["1.0214 ± 0.0040"])) }
        let long = "results = [laenet.solve(data, method: m, seed: 7) for m in " + String(repeating: "[\"mcmf\", \"ao\"] + ", count: 30) + "[]]"
        let nb = try Notebook.parse("Prose.\n\n```lab id=a\n\(long)\n```\n", path: "nb.md")
        let snap = ReportPageTests.snapshot(nb.cells[0], output: .table(try Table(columns)))
        let html = try ReportRenderer(notebook: nb, cells: [snap], run: nil, params: [:], renderedAt: Date(timeIntervalSince1970: 0)).render()
        let layout = try Self.measure(html)
        #expect(layout.overflow <= 0, "the page never scrolls sideways: \(layout)")
        #expect(layout.scrollers >= 1, "the wide table scrolls inside its box instead of being clipped: \(layout)")
    }
}
