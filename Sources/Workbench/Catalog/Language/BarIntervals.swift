import Foundation
import LabCore
import Notebook
import Plots

/// The error bars `plot.bars` draws over runs.
enum BarInterval: String, CaseIterable, ArgumentValue {
    case minmax, p90, iqr, std

    /// How the legend names it.
    var legendText: String {
        switch self {
        case .minmax: "min–max"
        case .p90: "5th–95th percentile"
        case .iqr: "25th–75th percentile"
        case .std: "±1 std"
        }
    }

    /// The interval of `samples` around their mean `mean` (population std for `.std`).
    func span(of samples: [Double], mean: Double) -> (Double, Double) {
        let sorted = samples.sorted()
        switch self {
        case .minmax: return (sorted.first!, sorted.last!)
        case .p90: return (BarInterval.percentile(sorted, 0.05), BarInterval.percentile(sorted, 0.95))
        case .iqr: return (BarInterval.percentile(sorted, 0.25), BarInterval.percentile(sorted, 0.75))
        case .std:
            let sd = (samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count)).squareRoot()
            return (mean - sd, mean + sd)
        }
    }

    /// The `q` quantile of sorted values, interpolating linearly between order statistics
    /// (the default of NumPy and R's type 7).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let i = Int(h.rounded(.down)), j = Swift.min(i + 1, sorted.count - 1)
        return sorted[i] + (h - Double(i)) * (sorted[j] - sorted[i])
    }
}

/// Builds the bar chart of `plot.bars` from a table, with error bars of one of three kinds.
enum BarIntervals {
    /// Bars from rows (with `error` half-widths or `low`/`high` ends), or, with `run`, the mean
    /// over runs of each (category, group) with the `interval` of the runs as error bar.
    static func chart(table: Table, x: String, y: String, group: String?, run: String?, interval: BarInterval,
                      error: String?, low: String?, high: String?, valueLabels: Bool) throws -> BarChart {
        let category = try table.texts(x), heights = try table.numberColumn(y)
        let groups = try group.map(table.texts)
        guard let run else {
            var chart = BarChart(category: category, group: groups, height: heights, error: try error.map(table.numberColumn), valueLabels: valueLabels)
            if let low, let high {
                let lows = try table.numberColumn(low), highs = try table.numberColumn(high)
                let ends = BarChart(category: category, group: groups, height: lows, error: highs, valueLabels: false)
                for k in chart.series.indices {
                    chart.series[k].lower = ends.series[k].values
                    chart.series[k].upper = ends.series[k].errors
                }
            }
            return chart
        }
        _ = try table.texts(run)
        let categories = BarChart.distinctInOrder(category)
        var series: [BarChart.Series] = []
        for g in groups.map(BarChart.distinctInOrder) ?? [""] {
            var values = [Double](repeating: .nan, count: categories.count), lower = values, upper = values
            for (c, name) in categories.enumerated() {
                let samples = category.indices.filter { category[$0] == name && (groups == nil || groups![$0] == g) }
                    .map { heights[$0] }.filter(\.isFinite)
                guard !samples.isEmpty else { continue }
                let mean = samples.reduce(0, +) / Double(samples.count)
                values[c] = mean
                (lower[c], upper[c]) = interval.span(of: samples, mean: mean)
            }
            series.append(BarChart.Series(g, values: values, lower: lower, upper: upper))
        }
        return BarChart(categories: categories, series: series, valueLabels: valueLabels)
    }
}
