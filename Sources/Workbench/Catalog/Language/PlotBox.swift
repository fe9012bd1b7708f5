import LabCore
import Notebook
import Plots

extension BoxStats.Whiskers: ArgumentValue {}

/// `plot.box`
struct PlotBox: Binding {
    static let description = BindingDescription("plot.box", returns: .figure,
        doc: "Box plots of a numeric column: one box per x category (and per group, side by side).\nThe box spans the quartiles (linear interpolation, NumPy's default), the line is the median; whiskers reach the most extreme values within 1.5 IQR of the box (`tukey`, values beyond are drawn as outliers) or the minimum and maximum (`minmax`). Non-finite values are left out.")
    @Parameter var table: Table
    @Parameter(doc: "numeric column whose distribution each box shows") var y: String
    @Parameter(default: "", doc: "category column (one box, or group of boxes, each); default: one box") var x: String?
    @Parameter(default: "", doc: "column whose values become side-by-side boxes in each category (one colour each)") var group: String?
    @Parameter(default: .tukey, doc: "whisker ends: tukey (1.5 IQR, outliers beyond) or minmax") var whiskers: BoxStats.Whiskers
    @Parameter(default: false, doc: "mark each box's mean with a white diamond") var showMean: Bool
    @Parameter(default: false, doc: "logarithmic y axis") var logY: Bool
    @ParameterGroup var labels: PanelLabels
    @ParameterGroup var options: PlotOptions

    func call(_ context: any CallContext) throws -> Value {
        let f = "plot.box"
        guard options.vline.isEmpty else { throw ArgumentError(parameter: "vline", message: "`vline` of `\(f)` needs a numeric x axis; boxes have categories") }
        /// A column lookup whose failure names the argument that gave the column.
        func column<T>(_ parameter: String, _ read: () throws -> T) throws -> T {
            do { return try read() } catch let e as LabError {
                throw ArgumentError(parameter: parameter, message: "`\(parameter)` of `\(f)`: \(e.message)")
            }
        }
        let values = try column("y") { try table.numberColumn(y) }
        guard values.contains(where: \.isFinite) else {
            throw ArgumentError(parameter: "y", message: "`y` of `\(f)`: column `\(y)` has no finite values (\(table.rowCount) rows); a box needs at least one number")
        }
        let categories = try x.map { name in try column("x") { try table.texts(name) } } ?? Array(repeating: y, count: table.rowCount)
        let groups = try group.map { name in try column("group") { try table.texts(name) } }
        let order = BarChart.distinctInOrder(categories)
        var series: [BoxChart.Series] = []
        for g in try options.ordered(groups.map(BarChart.distinctInOrder) ?? [""], function: f) {
            let samples = order.map { c in values.indices.filter { categories[$0] == c && (groups == nil || groups![$0] == g) }.map { values[$0] } }
            series.append(BoxChart.Series(groups == nil ? "" : try options.display(g, function: f), samples: samples, whiskers: whiskers))
        }
        var panel = labels.panel(x: x, y: y, logY: logY).boxes(BoxChart(categories: order, series: series, showMeans: showMean))
        try options.apply(to: &panel, function: f)
        var notes = [whiskers == .tukey ? "whiskers: 1.5 IQR, ○ outliers" : "whiskers: min–max"]
        if showMean { notes.append("◇ mean") }
        panel.legendNotes = [notes.joined(separator: "; ")]
        return .figure(try Figure(panel).validated())
    }
}
