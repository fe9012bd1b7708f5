import Foundation
import LabCore

/// Gallery figures for the chart options: a bar baseline and y range, asymmetric error bars,
/// reference lines, marked categories, legend titles and notes, a legend outside the plot,
/// a log x axis and a grid with one shared legend.
enum GalleryOptions {
    static func figures(_ rng: RandomSource) -> [NamedFigure] {
        [
            NamedFigure(name: "bars-ratio", figure: ratioBars(rng.derived("bars"))),
            NamedFigure(name: "lines-log-x", figure: logLines(rng.derived("lines"))),
            NamedFigure(name: "grid-shared-legend", figure: sharedLegendGrid(rng.derived("grid"))),
        ]
    }

    /// Cost ratios (every sample ≥ 1) as bars growing from 1 on a fixed y range, with min–max
    /// error bars, a reference line at 1, † on two categories, and a legend title and notes.
    static func ratioBars(_ seed: RandomSource) -> Figure {
        var rng = seed
        let scales = ["GS2-GU4", "GS3-GU8", "GS5-GU16†", "GS6-GU20†"]
        let series = Gallery.methods.enumerated().map { k, method -> BarChart.Series in
            var values: [Double] = [], lower: [Double] = [], upper: [Double] = []
            for i in scales.indices {
                let samples = (0..<5).map { _ in 1 + 0.015 * Double(k) * Double(i + 1) + abs(rng.normal(mean: 0, std: 0.01)) }
                values.append(samples.reduce(0, +) / Double(samples.count))
                lower.append(samples.min()!)
                upper.append(samples.max()!)
            }
            return BarChart.Series(method, values: values, lower: lower, upper: upper)
        }
        var chart = BarChart(categories: scales, series: series)
        chart.baseline = 1
        var panel = Panel(title: "Synthetic data: cost ratio from 1", x: Axis("Test scale"), y: Axis("Cost / optimum", min: 0.99, max: 1.2))
            .bars(chart)
            .reference(ReferenceLine(.horizontal, at: 1, label: "optimum"))
        panel.legendTitle = "Method"
        panel.legendNotes = ["error bars: min–max over 5 seeds", "† never trained"]
        return Figure(panel, width: 460, height: 280)
    }

    /// Decaying curves on a log x axis with horizontal and vertical reference lines and the
    /// legend outside the plot area.
    static func logLines(_ seed: RandomSource) -> Figure {
        var rng = seed
        let steps = (0..<60).map { pow(10, 1 + 3 * Double($0) / 59) }
        var panel = Panel(title: "Synthetic data: ratio against steps (log x)", x: .log("Training step"), y: Axis("Cost ratio"), legend: .outside)
        for (k, method) in Gallery.methods.prefix(3).enumerated() {
            let runs = Gallery.curves(&rng, steps: steps.count, runs: 3, start: 1.8, floor: 1.02 + 0.05 * Double(k), rate: 0.08 / Double(k + 1), noise: 0.01)
            panel.add(.line(LineSeries(method, x: steps, runs: runs, band: .minMax)))
        }
        panel = panel.reference(ReferenceLine(.horizontal, at: 1)).reference(ReferenceLine(.vertical, at: 1000, label: "decay"))
        panel.legendTitle = "Model"
        return Figure(panel, width: 460, height: 260)
    }

    /// Four panels with the same three series and one legend below them.
    static func sharedLegendGrid(_ seed: RandomSource) -> Figure {
        var rng = seed
        let steps = (0..<40).map(Double.init)
        let panels = ["5 users", "10 users", "20 users", "40 users"].enumerated().map { i, title in
            var p = Panel(title: title, x: Axis("Epoch"), y: Axis("Cost ratio"))
            for (k, method) in Gallery.methods.prefix(3).enumerated() {
                let runs = Gallery.curves(&rng, steps: steps.count, runs: 3, start: 1.6 + 0.1 * Double(i), floor: 1.0 + 0.04 * Double(k), rate: 0.12 / Double(k + 1), noise: 0.01)
                p.add(.line(LineSeries(method, x: steps, runs: runs, band: .minMax)))
            }
            return p
        }
        var figure = Figure(title: "Synthetic data: one legend for four panels", width: 460, height: 400, columns: 2, panels: panels)
        figure.sharedLegend = true
        return figure
    }
}
