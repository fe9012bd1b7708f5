import Foundation
import LabCore

/// A figure with a file-name stem, as produced by the gallery.
public struct NamedFigure: Sendable, Hashable {
    /// File-name stem, e.g. `line-band`.
    public var name: String
    /// The figure.
    public var figure: Figure
}

/// One example of every chart kind, built from seeded synthetic data resembling the papers'
/// results (convergence curves, cost-ratio bars and boxes, train × test heatmaps).
///
/// `lab plot gallery` renders these; the test suite uses them as golden figures.
public enum Gallery {
    /// All gallery figures, generated from `seed` (the same seed always gives the same data).
    public static func figures(seed: UInt64 = 5) -> [NamedFigure] {
        let rng = RandomSource(seed: seed, stream: "plots.gallery")
        return [
            NamedFigure(name: "line-band", figure: convergence(rng.derived("lines"))),
            NamedFigure(name: "bars", figure: bars(rng.derived("bars"))),
            NamedFigure(name: "heatmap", figure: heatmap(rng.derived("heatmap"))),
            NamedFigure(name: "scatter", figure: scatter(rng.derived("scatter"))),
            NamedFigure(name: "boxes", figure: boxes(rng.derived("boxes"))),
            NamedFigure(name: "grid", figure: grid(rng.derived("grid"))),
        ] + GalleryOptions.figures(rng.derived("options"))
    }

    static let methods = ["Method A", "Method B", "Method C", "Method D"]

    /// Noisy decaying curves: `runs` seeds of `steps` values approaching `floor`.
    static func curves(_ rng: inout RandomSource, steps: Int, runs: Int, start: Double, floor: Double, rate: Double, noise: Double) -> [[Double]] {
        (0..<runs).map { _ in
            let jitter = rng.uniform(0.8, 1.25)
            return (0..<steps).map { t in
                let clean = floor + (start - floor) * exp(-rate * jitter * Double(t))
                return clean * (1 + noise * rng.normal())
            }
        }
    }

    static func convergence(_ seed: RandomSource) -> Figure {
        var rng = seed
        let steps = (0..<200).map { Double($0) * 25 }
        var loss = Panel(title: "Training loss", x: Axis("Training step"), y: .log("Loss"))
        var ratio = Panel(title: "Validation cost ratio", x: Axis("Training step"), y: Axis("Cost ratio to optimum"))
        for (k, method) in methods.prefix(3).enumerated() {
            let runs = curves(&rng, steps: steps.count, runs: 5, start: 2.0, floor: 0.02 * Double(k + 1), rate: 0.02 / Double(k + 1), noise: 0.12)
            var s = LineSeries(method, x: steps, runs: runs, band: .minMax)
            s.smoothing = 9
            loss.add(.line(s))
            let costs = curves(&rng, steps: steps.count, runs: 5, start: 1.9, floor: 1.02 + 0.06 * Double(k), rate: 0.03 / Double(k + 1), noise: 0.02)
            var c = LineSeries(method, x: steps, runs: costs, band: .std)
            c.smoothing = 5
            ratio.add(.line(c))
        }
        return Figure(title: "Synthetic data: convergence over 5 seeds (min–max and ±1 std bands)", width: 500, height: 240, columns: 2, panels: [loss, ratio])
    }

    static func bars(_ seed: RandomSource) -> Figure {
        var rng = seed
        let scales = ["5 users", "10 users", "20 users", "40 users"]
        let series = methods.enumerated().map { k, method in
            BarChart.Series(
                method,
                values: scales.indices.map { i in 1.0 + 0.03 * Double(k) * Double(i + 1) + rng.uniform(0, 0.02) },
                errors: scales.indices.map { _ in rng.uniform(0.005, 0.03) })
        }
        let panel = Panel(title: "Synthetic data: average cost ratio by scale", x: Axis("Problem scale"), y: Axis("Cost ratio to optimum", min: 0.9))
            .bars(BarChart(categories: scales, series: series, valueLabels: true, valueDecimals: 2))
        return Figure(panel, width: 460, height: 280)
    }

    static func heatmap(_ seed: RandomSource) -> Figure {
        var rng = seed
        let scales = ["GS2-GU4", "GS3-GU8", "GS4-GU12", "GS5-GU16", "GS6-GU20"]
        let values = scales.indices.map { train in
            scales.indices.map { test in
                1.0 + 0.025 * Double(abs(train - test)) * Double(test + 1) / 2 + rng.uniform(0, 0.01)
            }
        }
        let panel = Panel(title: "Synthetic data: generalisation across scales", x: Axis("Test scale"), y: Axis("Training scale"))
            .heatmap(Heatmap(rows: scales, columns: scales, values: values, colormap: .viridis, colorbarLabel: "Cost ratio"))
        return Figure(panel, width: 420, height: 330)
    }

    static func scatter(_ seed: RandomSource) -> Figure {
        var rng = seed
        var panel = Panel(title: "Synthetic data: latency and energy", x: .log("Energy (J)"), y: Axis("Latency (ms)"))
        for (k, method) in methods.prefix(3).enumerated() {
            var xs: [Double] = [], ys: [Double] = []
            for _ in 0..<150 {
                let e = pow(10, rng.normal(mean: -1 + 0.6 * Double(k), std: 0.35))
                xs.append(e)
                ys.append(40 + 25 * Double(k) - 8 * log10(e) + rng.normal(mean: 0, std: 6))
            }
            panel.add(.scatter(ScatterSeries(method, x: xs, y: ys, size: 4, opacity: 0.7)))
        }
        return Figure(panel, width: 460, height: 300)
    }

    static func grid(_ seed: RandomSource) -> Figure {
        var rng = seed
        let steps = (0..<50).map(Double.init)
        let titles = ["5 users", "10 users", "20 users", "40 users"]
        let panels = titles.enumerated().map { i, title in
            var p = Panel(title: title, x: Axis("Epoch"), y: Axis("Cost ratio"))
            for (k, method) in methods.prefix(3).enumerated() {
                let runs = curves(&rng, steps: steps.count, runs: 3, start: 1.6 + 0.1 * Double(i), floor: 1.0 + 0.04 * Double(k) + 0.02 * Double(i), rate: 0.12 / Double(k + 1), noise: 0.01)
                p.add(.line(LineSeries(method, x: steps, runs: runs, band: .none)))
            }
            if i > 0 { p.legend = .hidden }
            return p
        }
        return Figure(title: "Synthetic data: cost ratio by scale (shared axes)", width: 460, height: 380, columns: 2, panels: panels, sharedX: true, sharedY: true)
    }
}
