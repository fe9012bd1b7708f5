import Foundation
import LabCore

extension Gallery {
    /// Per-instance cost ratios of three methods at four scales as grouped box plots: skewed
    /// samples (every ratio ≥ 1, a long upper tail) with Tukey whiskers, outliers, means and a
    /// reference line at the optimum.
    static func boxes(_ seed: RandomSource) -> Figure {
        var rng = seed
        let scales = ["5 users", "10 users", "20 users", "40 users"]
        let series = methods.prefix(3).enumerated().map { k, method in
            BoxChart.Series(method, samples: scales.indices.map { i in
                (0..<40).map { _ in 1 + abs(rng.normal(mean: 0, std: 0.01 + 0.008 * Double(k) * Double(i + 1))) * (rng.uniform(0, 1) < 0.1 ? 3 : 1) }
            })
        }
        let panel = Panel(title: "Synthetic data: per-instance cost ratio by scale", x: Axis("Problem scale"), y: Axis("Cost ratio to optimum"))
            .boxes(BoxChart(categories: scales, series: series, showMeans: true))
            .reference(ReferenceLine(.horizontal, at: 1))
        var figure = Figure(panel, width: 460, height: 280)
        figure.panels[0].legendNotes = ["whiskers: 1.5 IQR, ○ outliers; ◇ mean"]
        return figure
    }
}
