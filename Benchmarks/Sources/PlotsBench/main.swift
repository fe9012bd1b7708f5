// PlotsBench: render time of a four-panel figure with 10k points per panel (issue 5).
// Run: swift build -c release --product PlotsBench && .build/release/PlotsBench
import Foundation
import LabCore
import Plots

/// A 2×2 figure; every panel holds `points` data points as one line series or one scatter series.
func benchFigure(points: Int, scatter: Bool) -> Figure {
    var rng = RandomSource(seed: 11, stream: "plots.bench")
    let panels = (0..<4).map { p -> Panel in
        let x = (0..<points).map(Double.init)
        var level = 1.0
        let y = x.map { _ -> Double in
            level = 0.999 * level + 0.01 * rng.normal()
            return level + Double(p)
        }
        let panel = Panel(title: "Panel \(p + 1)", x: Axis("Step"), y: Axis("Value (a.u.)"))
        return scatter
            ? panel.scatter(ScatterSeries("series \(p + 1)", x: x, y: y, size: 2, opacity: 0.6))
            : panel.line("series \(p + 1)", x: x, y: y, marker: Marker.none)
    }
    return Figure(title: "Benchmark", width: 460, height: 360, columns: 2, panels: panels)
}

/// Median and minimum wall time in milliseconds of `runs` renders after two warm-ups.
func measure(_ figure: Figure, _ format: OutputFormat, runs: Int) throws -> (median: Double, min: Double, bytes: Int) {
    var times: [Double] = []
    var size = 0
    for i in 0..<(runs + 2) {
        let start = ContinuousClock.now
        let bytes = try FigureRenderer.render(figure, format: format)
        let elapsed = ContinuousClock.now - start
        size = bytes.count
        if i >= 2 {
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
        }
    }
    times.sort()
    return (times[times.count / 2], times[0], size)
}

// Usage: PlotsBench [runs] [--write DIR]  (--write also saves the benchmark figures to look at)
let arguments = Array(CommandLine.arguments.dropFirst())
let runs = Int(arguments.first ?? "") ?? 15
if let flag = arguments.firstIndex(of: "--write"), flag + 1 < arguments.count {
    for (name, scatter) in [("bench-line", false), ("bench-scatter", true)] {
        for ext in ["png", "pdf"] {
            try FigureRenderer.write(benchFigure(points: 10_000, scatter: scatter), to: "\(arguments[flag + 1])/\(name).\(ext)")
        }
    }
}
print("| Figure (4 panels × 10k points) | Format | Median (ms) | Min (ms) | Output size |")
print("|---|---|---:|---:|---:|")
for (name, scatter) in [("line", false), ("scatter", true)] {
    let figure = benchFigure(points: 10_000, scatter: scatter)
    for format in [OutputFormat.png(dpi: 150), .pdf, .svg] {
        let label: String = switch format {
        case .png(let dpi): "PNG \(Int(dpi)) dpi"
        case .pdf: "PDF"
        case .svg: "SVG"
        }
        let r = try measure(figure, format, runs: runs)
        print(String(format: "| %@ | %@ | %.1f | %.1f | %d KiB |", name, label, r.median, r.min, r.bytes / 1024))
    }
}
