import LabCore
import Notebook

/// `table.label`
struct TableLabel: Binding {
    static let description = BindingDescription("table.label", returns: .table,
        doc: "The table with one constant column per field of a record.\nFor tagging an evaluation with its profile, scale and seed before `table.concat`; every name must be new.")
    @Parameter var table: Table
    @Parameter(doc: "one new column per field, e.g. {profile: \"paper\", seed: 1}") var labels: RecordFields

    func call(_ context: any CallContext) throws -> Value {
        var columns = table.columns
        for f in labels.fields { columns.append(Table.Column(f.key, try Table.constantColumn(f.value, rows: table.rowCount, function: "table.label"))) }
        return .table(try tableOperation { () throws(TableError) in try Table(columns) })
    }
}

/// `table.rename`
struct TableRename: Binding {
    static let description = BindingDescription("table.rename", returns: .table,
        doc: "The table with some columns renamed.\nEvery old name must exist; columns keep their order.")
    @Parameter var table: Table
    @Parameter(doc: "old name: new name, e.g. {ratio_mean_mean: \"ratio\"}") var columns: RecordFields

    func call(_ context: any CallContext) throws -> Value {
        var renamed = table.columns
        for f in columns.fields {
            guard case .string(let new) = f.value else { throw ArgumentError(parameter: "columns", message: "`table.rename`: the new name of `\(f.key)` must be a string") }
            guard let i = renamed.firstIndex(where: { $0.name == f.key }) else {
                throw ArgumentError(parameter: "columns", message: "`table.rename`: no column `\(f.key)`; the columns are \(table.columnNames.joined(separator: ", "))")
            }
            renamed[i].name = new
        }
        return .table(try tableOperation { () throws(TableError) in try Table(renamed) })
    }
}

/// `table.from_series`
struct TableFromSeries: Binding {
    static let description = BindingDescription("table.from_series", returns: .table,
        doc: "A metric series as a table with columns step and value.\nWith a window, each row is the mean of `window` consecutive points at the window's last step (a last partial window is kept).")
    @Parameter var series: Series
    @Parameter(default: 1, .integers(1...Int.max), doc: "average consecutive points in windows of this many (1: every point)") var window: Int

    func call(_ context: any CallContext) throws -> Value {
        var steps: [Double] = [], values: [Double] = []
        var start = 0
        while start < series.values.count {
            let end = start + min(window, series.values.count - start)
            steps.append(Double(series.steps[end - 1]))
            values.append(series.values[start..<end].reduce(0, +) / Double(end - start))
            start = end
        }
        return .table(try tableOperation { () throws(TableError) in try Table([.init("step", .numbers(steps)), .init("value", .numbers(values))]) })
    }
}

/// `table.pivot`
struct TablePivot: Binding {
    static let description = BindingDescription("table.pivot", returns: .table,
        doc: "A long table turned wide: one row per combination of the `rows` columns, one column per `column` value.\nRows and columns keep their first-seen order. Each (row, column) pair must occur at most once; a missing pair is NaN (or empty text).")
    @Parameter var table: Table
    @Parameter(doc: "key columns whose value combinations become the rows, e.g. [\"profile\", \"scale\"]") var rows: [String]
    @Parameter(doc: "column whose values become the columns") var column: String
    @Parameter(doc: "numeric column shown in the cells") var value: String
    @Parameter(default: "", doc: "optional numeric column: cells become text \"mean ± error\"") var error: String?
    @Parameter(default: 3, .integers(0...10), doc: "decimals of text cells") var digits: Int

    func call(_ context: any CallContext) throws -> Value {
        .table(try Table.pivot(table, rows: rows, column: column, value: value, error: error, digits: digits))
    }
}
