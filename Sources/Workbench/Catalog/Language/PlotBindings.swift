import LabCore
import Notebook
import Plots

/// A panel's title and axis labels, shared by the table plots.
struct PanelLabels: ParameterGroupContent {
    @Parameter(default: "", doc: "panel title") var title: String?
    @Parameter(default: "", doc: "x-axis label with units (default: the x column)") var xlabel: String?
    @Parameter(default: "", doc: "y-axis label with units (default: the y column)") var ylabel: String?

    /// A panel with these labels, falling back to the column names.
    func panel(x: String?, y: String?, logY: Bool = false, grid: Bool = true) -> Panel {
        Panel(title: title, x: Axis(xlabel ?? x), y: logY ? .log(ylabel ?? y) : Axis(ylabel ?? y), grid: grid)
    }
}

/// `plot.bars`
struct PlotBars: Binding {
    static let description = BindingDescription("plot.bars", returns: .figure, version: 2,
        doc: "Grouped bar chart from a table.\nCategories keep their first-seen order; a missing (category, group) pair is drawn as no bar. With `run`, rows of the same category and group are averaged over runs and the error bar shows their `interval` (min–max, a percentile interval or ±std), named in the legend.")
    @Parameter var table: Table
    @Parameter(doc: "category column (one bar group each)") var x: String
    @Parameter(doc: "numeric column: bar heights") var y: String
    @Parameter(default: "", doc: "column whose values become the bars of a group (one colour each)") var group: String?
    @Parameter(default: "", doc: "numeric column of error-bar half-widths") var error: String?
    @Parameter(default: "", doc: "numeric column of error-bar lower ends (with `high`)") var low: String?
    @Parameter(default: "", doc: "numeric column of error-bar upper ends (with `low`)") var high: String?
    @Parameter(default: "", doc: "legend note saying what the error bars show (default with `run`: the interval)") var errorNote: String?
    @Parameter(default: "", doc: "column identifying repeated runs (seeds): bars are their mean") var run: String?
    @Parameter(default: .minmax, doc: "error bars over runs: minmax, p90 (5th–95th percentile), iqr (25th–75th) or std") var interval: BarInterval
    @Parameter(default: 0, doc: "value the bars grow from (e.g. 1 for cost ratios)") var baseline: Double
    @Parameter(default: [], doc: "categories to mark with `mark` (e.g. scales never trained on)") var marked: [String]
    @Parameter(default: "†", doc: "symbol appended to marked categories") var mark: String
    @Parameter(default: "", doc: "legend note explaining the mark, e.g. \"never trained\"") var markNote: String?
    @Parameter(default: false, doc: "print each bar's value above it") var valueLabels: Bool
    @ParameterGroup var labels: PanelLabels
    @ParameterGroup var options: PlotOptions

    func call(_ context: any CallContext) throws -> Value {
        let f = "plot.bars"
        guard options.vline.isEmpty else { throw ArgumentError(parameter: "vline", message: "`vline` of `\(f)` needs a numeric x axis; bars have categories") }
        guard baseline.isFinite else { throw ArgumentError(parameter: "baseline", message: "`baseline` of `\(f)` must be finite, not \(baseline)") }
        guard (low == nil) == (high == nil) else {
            throw ArgumentError(parameter: low == nil ? "high" : "low", message: "`low` and `high` of `\(f)` go together: give both columns or neither")
        }
        if run != nil, error != nil || low != nil {
            throw ArgumentError(parameter: "run", message: "`run` of `\(f)` computes the error bars itself; leave out `error`, `low` and `high`")
        }
        if error != nil, low != nil { throw ArgumentError(parameter: "error", message: "`error` of `\(f)` and `low`/`high` exclude each other") }
        let categories = try table.texts(x)
        for c in marked where !categories.contains(c) {
            throw ArgumentError(parameter: "marked", message: "`marked` of `\(f)` names `\(c)`, which is not a value of column `\(x)`")
        }
        var chart = try BarIntervals.chart(table: table, x: x, y: y, group: group, run: run, interval: interval,
                                           error: error, low: low, high: high, valueLabels: valueLabels)
        let order = try options.ordered(chart.series.map(\.name), function: f)
        let slots = try options.slots(order, function: f)
        chart.series = try order.compactMap { name in
            guard var s = chart.series.first(where: { $0.name == name }) else { return nil }
            s.name = try options.display(name, function: f)
            if let slot = slots?[name] { s.color = PlotOptions.color(slot: slot) }
            return s
        }
        let symbol = mark
        chart.categories = chart.categories.map { marked.contains($0) ? $0 + symbol : $0 }
        chart.baseline = baseline == 0 ? nil : baseline
        var panel = labels.panel(x: x, y: y).bars(chart)
        try options.apply(to: &panel, function: f)
        var notes: [String] = []
        if let note = errorNote ?? run.map({ "mean over \($0.hasSuffix("s") ? $0 : $0 + "s"); error bars: \(interval.legendText)" }) { notes.append(note) }
        if let markNote { notes.append(symbol + " " + markNote) }
        if !notes.isEmpty { panel.legendNotes = notes }
        return .figure(try Figure(panel).validated())
    }
}

/// `plot.lines`
struct PlotLines: Binding {
    static let description = BindingDescription("plot.lines", returns: .figure, version: 2,
        doc: "Line chart from a table, optionally with a band over runs.\nWith `run`, rows with the same group and x are averaged over runs and the min-max (or ±std) band is shaded.")
    /// The bands `spread` names.
    enum Spread: String, CaseIterable, ArgumentValue {
        case minmax, std
        var band: LineSeries.Spread { self == .std ? .std : .minMax }
    }
    @Parameter var table: Table
    @Parameter var x: String
    @Parameter var y: String
    @Parameter(default: "", doc: "column whose values become separate lines") var group: String?
    @Parameter(default: "", doc: "column identifying repeated runs (seeds): draws their mean with a band") var run: String?
    @Parameter(default: .minmax, doc: "band of the runs: minmax or std") var spread: Spread
    @Parameter(default: false, doc: "logarithmic y axis") var logY: Bool
    @Parameter(default: false, doc: "logarithmic x axis") var logX: Bool
    @ParameterGroup var labels: PanelLabels
    @ParameterGroup var options: PlotOptions

    func call(_ context: any CallContext) throws -> Value {
        let xs = try table.numberColumn(x), ys = try table.numberColumn(y)
        let gs = try group.map(table.texts), rs = try run.map(table.texts)
        var panel = labels.panel(x: x, y: y, logY: logY)
        if logX { panel.x.scale = .log }
        try options.apply(to: &panel, function: "plot.lines")
        let groups = try options.ordered(group.map({ try table.distinct($0) }) ?? [y], function: "plot.lines")
        let slots = try options.slots(groups, function: "plot.lines")
        for g in groups {
            let name = try options.display(g, function: "plot.lines")
            func styled(_ series: LineSeries) -> LineSeries {
                guard let slot = slots?[g] else { return series }
                var s = series
                (s.color, s.marker) = (PlotOptions.color(slot: slot), PlotOptions.marker(slot: slot))
                return s
            }
            let rowsOfGroup = (0..<table.rowCount).filter { gs == nil || gs![$0] == g }
            let uniqueX = Array(Set(rowsOfGroup.map { xs[$0] })).sorted()
            if let rs {
                let runs = Array(Set(rowsOfGroup.map { rs[$0] })).sorted()
                let values = runs.map { r in uniqueX.map { xv in rowsOfGroup.first { rs[$0] == r && xs[$0] == xv }.map { ys[$0] } ?? .nan } }
                panel.add(.line(styled(LineSeries(name, x: uniqueX, runs: values, band: spread.band))))
            } else {
                let sorted = rowsOfGroup.sorted { xs[$0] < xs[$1] }
                panel.add(.line(styled(LineSeries(name, x: sorted.map { xs[$0] }, y: sorted.map { ys[$0] }))))
            }
        }
        return .figure(try Figure(panel).validated())
    }
}

/// `plot.heatmap`
struct PlotHeatmap: Binding {
    static let description = BindingDescription("plot.heatmap", returns: .figure,
        doc: "Heatmap with the value printed in every cell.\nRows and columns keep their first-seen order; a missing cell is left blank.")
    @Parameter var table: Table
    @Parameter var row: String
    @Parameter var column: String
    @Parameter var value: String
    @Parameter(default: "") var title: String?
    @Parameter(default: "", doc: "colour-bar label") var colorbar: String?
    @Parameter(default: "") var xlabel: String?
    @Parameter(default: "") var ylabel: String?
    @Parameter(default: [], doc: "[low, high] of the colour scale, e.g. to share it between panels (default: the data range)") var range: [Double]
    @Parameter(default: -1, .integers(-1...8), doc: "decimal places of the printed values (-1: chosen from the data)") var decimals: Int

    func call(_ context: any CallContext) throws -> Value {
        guard range.isEmpty || (range.count == 2 && range[0] < range[1]) else {
            throw ArgumentError(parameter: "range", message: "`range` of `plot.heatmap` is [low, high] with low < high, not \(range)")
        }
        let map = Heatmap(row: try table.texts(row), column: try table.texts(column), value: try table.numberColumn(value),
                          colorbarLabel: colorbar ?? value, valueDecimals: decimals < 0 ? nil : decimals,
                          range: range.isEmpty ? nil : range[0]...range[1])
        let panel = Panel(title: title, x: Axis(xlabel ?? column), y: Axis(ylabel ?? row), grid: false).heatmap(map)
        return .figure(try Figure(panel).validated())
    }
}

/// `plot.grid`
struct PlotGrid: Binding {
    static let description = BindingDescription("plot.grid", returns: .figure, doc: "A grid of panels lettered (a), (b), … from several figures.")
    @Parameter(doc: "figures whose (first) panels become the grid's panels, in order") var figures: [Value]
    @Parameter(default: 2, .integers(1...12), doc: "panels per row") var columns: Int
    @Parameter(default: "") var title: String?
    @Parameter(default: false) var sharedX: Bool
    @Parameter(default: false) var sharedY: Bool
    @Parameter(default: false, doc: "one legend below the grid (from the first panel) instead of one per panel, for panels with the same series") var sharedLegend: Bool

    func call(_ context: any CallContext) throws -> Value {
        let panels = try figures.flatMap { v -> [Panel] in
            guard case .figure(let f) = v else { throw ArgumentError(parameter: "figures", message: "`plot.grid` takes a list of figures, not \(v.type)") }
            return f.panels
        }
        let rows = (panels.count + columns - 1) / columns
        var figure = Figure(title: title, width: 300 * Double(columns), height: 220 * Double(rows) + 20 + (sharedLegend ? 30 : 0),
                            columns: columns, panels: panels, sharedX: sharedX, sharedY: sharedY)
        if sharedLegend { figure.sharedLegend = true }
        return .figure(try figure.validated())
    }
}

/// `plot.series`
struct PlotSeries: Binding {
    static let description = BindingDescription("plot.series", returns: .figure, doc: "Line chart of metric series (e.g. training loss) against step.")
    @Parameter(doc: "metric series to draw, one line each") var series: [Value]
    @Parameter(default: false) var logY: Bool
    @ParameterGroup var labels: PanelLabels

    func call(_ context: any CallContext) throws -> Value {
        var panel = labels.panel(x: "Step", y: nil, logY: logY)
        for v in series {
            guard case .series(let s) = v else { throw ArgumentError(parameter: "series", message: "`plot.series` takes a list of series, not \(v.type)") }
            panel.add(.line(LineSeries(s.name, x: s.steps.map(Double.init), y: s.values)))
        }
        return .figure(try Figure(panel).validated())
    }
}

extension Figure {
    /// The figure after its checks (a figure that cannot be drawn is an error, not a blank file).
    func validated() throws -> Figure {
        try validate()
        return self
    }
}
