import LabCore
import Notebook
import Plots

extension Catalog {
    /// `plot.*`: figures from tables and series (bars, lines, bands over seeds, heatmaps, grids).
    mutating func registerPlots() {
        let labels: [FunctionSignature.Parameter] = [
            .init("title", .string, default: .string(""), doc: "panel title"),
            .init("xlabel", .string, default: .string(""), doc: "x-axis label with units (default: the x column)"),
            .init("ylabel", .string, default: .string(""), doc: "y-axis label with units (default: the y column)"),
        ]

        register(CatalogFunction(FunctionSignature(
            name: "plot.bars", parameters: [
                .init("table", .table), .init("x", .string, doc: "category column (one bar group each)"),
                .init("y", .string, doc: "numeric column: bar heights"),
                .init("group", .string, default: .string(""), doc: "column whose values become the bars of a group (one colour each)"),
                .init("error", .string, default: .string(""), doc: "numeric column of error-bar half-widths"),
                .init("value_labels", .bool, default: .bool(false), doc: "print each bar's value above it"),
            ] + labels, returns: .figure, version: 1,
            doc: "Grouped bar chart from a table.\nCategories keep their first-seen order; a missing (category, group) pair is drawn as no bar."
        )) { args, _ in
            let t = try args.table("table")
            let (x, y) = (try args.string("x"), try args.string("y"))
            let (group, error) = (try args.optionalString("group"), try args.optionalString("error"))
            let categories = try Catalog.distinct(t, x)
            let groups = try group.map { try Catalog.distinct(t, $0) } ?? [y]
            let heights = try tableOperation { () throws(TableError) in try t.numbers(y) }
            let errors = try error.map { e in try tableOperation { () throws(TableError) in try t.numbers(e) } }
            let xs = try Catalog.texts(t, x), gs = try group.map { try Catalog.texts(t, $0) }
            var series: [BarChart.Series] = []
            for g in groups {
                var values = [Double](repeating: .nan, count: categories.count), errs = values
                for r in 0..<t.rowCount where gs == nil || gs![r] == g {
                    let c = categories.firstIndex(of: xs[r])!
                    values[c] = heights[r]
                    errs[c] = errors?[r] ?? .nan
                }
                // A single unnamed group needs no legend entry.
                series.append(BarChart.Series(group == nil ? "" : g, values: values, errors: errors == nil ? nil : errs))
            }
            let chart = BarChart(categories: categories, series: series, valueLabels: try args.bool("value_labels"))
            let panel = Panel(title: try args.optionalString("title"), x: Axis(try args.optionalString("xlabel") ?? x),
                              y: Axis(try args.optionalString("ylabel") ?? y)).bars(chart)
            return .figure(try Catalog.validated(Figure(panel)))
        })

        register(CatalogFunction(FunctionSignature(
            name: "plot.lines", parameters: [
                .init("table", .table), .init("x", .string), .init("y", .string),
                .init("group", .string, default: .string(""), doc: "column whose values become separate lines"),
                .init("run", .string, default: .string(""), doc: "column identifying repeated runs (seeds): draws their mean with a band"),
                .init("spread", .string, default: .string("minmax"), doc: "band of the runs: minmax or std"),
                .init("log_y", .bool, default: .bool(false), doc: "logarithmic y axis"),
            ] + labels, returns: .figure, version: 1,
            doc: "Line chart from a table, optionally with a band over runs.\nWith `run`, rows with the same group and x are averaged over runs and the min-max (or ±std) band is shaded."
        )) { args, _ in
            .figure(try Catalog.validated(Figure(try Catalog.linePanel(args))))
        })

        register(CatalogFunction(FunctionSignature(
            name: "plot.heatmap", parameters: [
                .init("table", .table), .init("row", .string), .init("column", .string), .init("value", .string),
                .init("title", .string, default: .string("")), .init("colorbar", .string, default: .string(""), doc: "colour-bar label"),
                .init("xlabel", .string, default: .string("")), .init("ylabel", .string, default: .string("")),
                .init("range", .list, default: .list([]), doc: "[low, high] of the colour scale, e.g. to share it between panels (default: the data range)"),
                .init("decimals", .int, default: .int(-1), doc: "decimal places of the printed values (-1: chosen from the data)"),
            ], returns: .figure, version: 1,
            doc: "Heatmap with the value printed in every cell.\nRows and columns keep their first-seen order; a missing cell is left blank."
        )) { args, _ in
            let t = try args.table("table")
            let (rowName, colName, valueName) = (try args.string("row"), try args.string("column"), try args.string("value"))
            let rows = try Catalog.distinct(t, rowName), cols = try Catalog.distinct(t, colName)
            let rs = try Catalog.texts(t, rowName), cs = try Catalog.texts(t, colName)
            let vs = try tableOperation { () throws(TableError) in try t.numbers(valueName) }
            var grid = Array(repeating: Array(repeating: Double.nan, count: cols.count), count: rows.count)
            for r in 0..<t.rowCount { grid[rows.firstIndex(of: rs[r])!][cols.firstIndex(of: cs[r])!] = vs[r] }
            let limits = try args.list("range").map { v -> Double in
                guard let d = v.asDouble, d.isFinite else { throw LabError(.invalidInput, "`range` of `plot.heatmap` holds finite numbers, not \(v.summary)") }
                return d
            }
            guard limits.isEmpty || (limits.count == 2 && limits[0] < limits[1]) else {
                throw LabError(.invalidInput, "`range` of `plot.heatmap` is [low, high] with low < high, not \(limits)")
            }
            let decimals = try args.int("decimals")
            guard (-1...8).contains(decimals) else { throw LabError(.invalidInput, "`decimals` of `plot.heatmap` must be -1 (automatic) or 0…8, not \(decimals)") }
            let map = Heatmap(rows: rows, columns: cols, values: grid, colorbarLabel: try args.optionalString("colorbar") ?? valueName,
                              valueDecimals: decimals < 0 ? nil : decimals, range: limits.isEmpty ? nil : limits[0]...limits[1])
            let panel = Panel(title: try args.optionalString("title"), x: Axis(try args.optionalString("xlabel") ?? colName),
                              y: Axis(try args.optionalString("ylabel") ?? rowName), grid: false).heatmap(map)
            return .figure(try Catalog.validated(Figure(panel)))
        })

        register(CatalogFunction(FunctionSignature(
            name: "plot.grid", parameters: [
                .init("figures", .list, doc: "figures whose (first) panels become the grid's panels, in order"),
                .init("columns", .int, default: .int(2)),
                .init("title", .string, default: .string("")),
                .init("shared_x", .bool, default: .bool(false)), .init("shared_y", .bool, default: .bool(false)),
            ], returns: .figure, version: 1,
            doc: "A grid of panels lettered (a), (b), … from several figures."
        )) { args, _ in
            let panels = try args.list("figures").flatMap { v -> [Panel] in
                guard case .figure(let f) = v else { throw LabError(.invalidInput, "`plot.grid` takes a list of figures, not \(v.type)") }
                return f.panels
            }
            let columns = max(1, try args.int("columns"))
            let rows = (panels.count + columns - 1) / columns
            let figure = Figure(title: try args.optionalString("title"), width: 300 * Double(columns), height: 220 * Double(rows) + 20,
                                columns: columns, panels: panels, sharedX: try args.bool("shared_x"), sharedY: try args.bool("shared_y"))
            return .figure(try Catalog.validated(figure))
        })

        register(CatalogFunction(FunctionSignature(
            name: "plot.series", parameters: [
                .init("series", .list, doc: "metric series to draw, one line each"),
                .init("log_y", .bool, default: .bool(false)),
            ] + labels, returns: .figure, version: 1, doc: "Line chart of metric series (e.g. training loss) against step."
        )) { args, _ in
            var panel = Panel(title: try args.optionalString("title"), x: Axis(try args.optionalString("xlabel") ?? "Step"),
                              y: try args.bool("log_y") ? .log(try args.optionalString("ylabel")) : Axis(try args.optionalString("ylabel")))
            for v in try args.list("series") {
                guard case .series(let s) = v else { throw LabError(.invalidInput, "`plot.series` takes a list of series, not \(v.type)") }
                panel.add(.line(LineSeries(s.name, x: s.steps.map(Double.init), y: s.values)))
            }
            return .figure(try Catalog.validated(Figure(panel)))
        })
    }

    static func linePanel(_ args: Arguments) throws -> Panel {
        let t = try args.table("table")
        let (x, y) = (try args.string("x"), try args.string("y"))
        let (group, run) = (try args.optionalString("group"), try args.optionalString("run"))
        let spread: LineSeries.Spread
        switch try args.string("spread") {
        case "minmax": spread = .minMax
        case "std": spread = .std
        case let s: throw LabError(.invalidInput, "`spread` must be minmax or std, not \(s)")
        }
        let xs = try tableOperation { () throws(TableError) in try t.numbers(x) }
        let ys = try tableOperation { () throws(TableError) in try t.numbers(y) }
        let gs = try group.map { try texts(t, $0) }, rs = try run.map { try texts(t, $0) }
        var panel = Panel(title: try args.optionalString("title"), x: Axis(try args.optionalString("xlabel") ?? x),
                          y: try args.bool("log_y") ? .log(try args.optionalString("ylabel") ?? y) : Axis(try args.optionalString("ylabel") ?? y))
        for g in try group.map({ try distinct(t, $0) }) ?? [y] {
            let rowsOfGroup = (0..<t.rowCount).filter { gs == nil || gs![$0] == g }
            let uniqueX = Array(Set(rowsOfGroup.map { xs[$0] })).sorted()
            if let rs {
                let runs = Array(Set(rowsOfGroup.map { rs[$0] })).sorted()
                let values = runs.map { r in uniqueX.map { xv in rowsOfGroup.first { rs[$0] == r && xs[$0] == xv }.map { ys[$0] } ?? .nan } }
                panel.add(.line(LineSeries(g, x: uniqueX, runs: values, band: spread)))
            } else {
                let sorted = rowsOfGroup.sorted { xs[$0] < xs[$1] }
                panel.add(.line(LineSeries(g, x: sorted.map { xs[$0] }, y: sorted.map { ys[$0] })))
            }
        }
        return panel
    }

    /// Distinct values of a column as text, in first-seen order.
    static func distinct(_ t: Table, _ column: String) throws -> [String] {
        var seen = Set<String>(), out: [String] = []
        for v in try texts(t, column) where seen.insert(v).inserted { out.append(v) }
        return out
    }

    /// A column's cells as text (numbers in compact form).
    static func texts(_ t: Table, _ column: String) throws -> [String] {
        let c = try tableOperation { () throws(TableError) in try t.column(column) }
        switch c.data {
        case .strings(let v): return v
        case .numbers(let v): return v.map { $0 == $0.rounded() && Swift.abs($0) < 1e12 ? String(Int($0)) : "\($0)" }
        }
    }

    static func validated(_ f: Figure) throws -> Figure {
        try f.validate()
        return f
    }
}
