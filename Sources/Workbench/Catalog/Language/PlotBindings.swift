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
    static let description = BindingDescription("plot.bars", returns: .figure,
        doc: "Grouped bar chart from a table.\nCategories keep their first-seen order; a missing (category, group) pair is drawn as no bar.")
    @Parameter var table: Table
    @Parameter(doc: "category column (one bar group each)") var x: String
    @Parameter(doc: "numeric column: bar heights") var y: String
    @Parameter(default: "", doc: "column whose values become the bars of a group (one colour each)") var group: String?
    @Parameter(default: "", doc: "numeric column of error-bar half-widths") var error: String?
    @Parameter(default: false, doc: "print each bar's value above it") var valueLabels: Bool
    @ParameterGroup var labels: PanelLabels

    func call(_ context: any CallContext) throws -> Value {
        let chart = BarChart(category: try table.texts(x), group: try group.map(table.texts), height: try table.numberColumn(y),
                             error: try error.map(table.numberColumn), valueLabels: valueLabels)
        return .figure(try Figure(labels.panel(x: x, y: y).bars(chart)).validated())
    }
}

/// `plot.lines`
struct PlotLines: Binding {
    static let description = BindingDescription("plot.lines", returns: .figure,
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
    @ParameterGroup var labels: PanelLabels

    func call(_ context: any CallContext) throws -> Value {
        let xs = try table.numberColumn(x), ys = try table.numberColumn(y)
        let gs = try group.map(table.texts), rs = try run.map(table.texts)
        var panel = labels.panel(x: x, y: y, logY: logY)
        for g in try group.map({ try table.distinct($0) }) ?? [y] {
            let rowsOfGroup = (0..<table.rowCount).filter { gs == nil || gs![$0] == g }
            let uniqueX = Array(Set(rowsOfGroup.map { xs[$0] })).sorted()
            if let rs {
                let runs = Array(Set(rowsOfGroup.map { rs[$0] })).sorted()
                let values = runs.map { r in uniqueX.map { xv in rowsOfGroup.first { rs[$0] == r && xs[$0] == xv }.map { ys[$0] } ?? .nan } }
                panel.add(.line(LineSeries(g, x: uniqueX, runs: values, band: spread.band)))
            } else {
                let sorted = rowsOfGroup.sorted { xs[$0] < xs[$1] }
                panel.add(.line(LineSeries(g, x: sorted.map { xs[$0] }, y: sorted.map { ys[$0] })))
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

    func call(_ context: any CallContext) throws -> Value {
        let panels = try figures.flatMap { v -> [Panel] in
            guard case .figure(let f) = v else { throw ArgumentError(parameter: "figures", message: "`plot.grid` takes a list of figures, not \(v.type)") }
            return f.panels
        }
        let rows = (panels.count + columns - 1) / columns
        let figure = Figure(title: title, width: 300 * Double(columns), height: 220 * Double(rows) + 20,
                            columns: columns, panels: panels, sharedX: sharedX, sharedY: sharedY)
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
