import Foundation
import LabCore
import Notebook
import Plots

/// `plot.scatter`
struct PlotScatter: Binding {
    static let description = BindingDescription("plot.scatter", returns: .figure,
        doc: "Scatter plot of two numeric columns, one colour and marker per group.\nRows with a non-finite x or y are left out.")
    @Parameter var table: Table
    @Parameter var x: String
    @Parameter var y: String
    @Parameter(default: "", doc: "column whose values become separate point sets") var group: String?
    @Parameter(default: false, doc: "logarithmic x axis") var logX: Bool
    @Parameter(default: false, doc: "logarithmic y axis") var logY: Bool
    @Parameter(default: 4, .numbers(1...20), doc: "marker diameter in points") var size: Double
    @Parameter(default: 0.7, .numbers(0.05...1), doc: "marker opacity (lower it for dense clouds)") var opacity: Double
    @ParameterGroup var labels: PanelLabels
    @ParameterGroup var options: PlotOptions

    func call(_ context: any CallContext) throws -> Value {
        let f = "plot.scatter"
        let xs = try table.numberColumn(x), ys = try table.numberColumn(y), gs = try group.map(table.texts)
        var panel = labels.panel(x: x, y: y, logY: logY)
        if logX { panel.x.scale = .log }
        try options.apply(to: &panel, function: f)
        for g in try options.ordered(group.map { try table.distinct($0) } ?? [y], function: f) {
            let rows = (0..<table.rowCount).filter { gs == nil || gs![$0] == g }
            panel.add(.scatter(ScatterSeries(group == nil ? nil : try options.display(g, function: f), x: rows.map { xs[$0] },
                                             y: rows.map { ys[$0] }, size: size, opacity: opacity)))
        }
        return .figure(try Figure(panel).validated())
    }
}

/// `plot.hist`
struct PlotHist: Binding {
    static let description = BindingDescription("plot.hist", returns: .figure,
        doc: "Histogram of a numeric column, one outlined step curve per group over the same bins.\nBins split `range` (default: the data range) into equal widths; values outside it and non-finite ones are left out.")
    @Parameter var table: Table
    @Parameter(doc: "numeric column to count") var x: String
    @Parameter(default: "", doc: "column whose values become separate histograms") var group: String?
    @Parameter(default: 20, .integers(1...500), doc: "number of equal-width bins") var bins: Int
    @Parameter(default: [], doc: "[low, high] covered by the bins (default: the data range)") var range: [Double]
    @Parameter(default: false, doc: "divide counts by the group's size times the bin width, so each area is 1") var density: Bool
    @ParameterGroup var labels: PanelLabels
    @ParameterGroup var options: PlotOptions

    func call(_ context: any CallContext) throws -> Value {
        let f = "plot.hist"
        let xs = try table.numberColumn(x), gs = try group.map(table.texts)
        let finite = xs.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if !range.isEmpty {
            guard range.count == 2, range.allSatisfy(\.isFinite), range[0] < range[1] else {
                throw ArgumentError(parameter: "range", message: "`range` of `\(f)` is [low, high] with low < high, not \(range)")
            }
            (lo, hi) = (range[0], range[1])
        }
        if hi <= lo { (lo, hi) = (lo - 0.5, lo + 0.5) }
        let width = (hi - lo) / Double(bins)
        let edges = (0...bins).map { lo + width * Double($0) }
        var panel = labels.panel(x: x, y: density ? "Density" : "Count")
        if labels.ylabel == nil { panel.y.label = density ? "Density" : "Count" }
        try options.apply(to: &panel, function: f)
        for g in try options.ordered(group.map { try table.distinct($0) } ?? [x], function: f) {
            var counts = [Double](repeating: 0, count: bins)
            var total = 0.0
            for i in xs.indices where (gs == nil || gs![i] == g) && xs[i].isFinite && xs[i] >= lo && xs[i] <= hi {
                counts[Swift.min(Int((xs[i] - lo) / width), bins - 1)] += 1
                total += 1
            }
            if density && total > 0 { counts = counts.map { $0 / (total * width) } }
            // A step outline: up and across each bin, filled down to zero.
            var px: [Double] = [], py: [Double] = []
            for b in 0..<bins { px += [edges[b], edges[b + 1]]; py += [counts[b], counts[b]] }
            px = [edges[0]] + px + [edges[bins]]
            py = [0] + py + [0]
            var series = LineSeries(group == nil ? nil : try options.display(g, function: f), x: px, y: py,
                                    band: LineSeries.Band(lower: px.map { _ in 0 }, upper: py), marker: Marker.none)
            series.lineWidth = 1.2
            panel.add(.line(series))
        }
        return .figure(try Figure(panel).validated())
    }
}
