extension BarChart {
    /// Grouped bars from a long table: one bar per row, placed by the row's category and group.
    ///
    /// Categories and groups keep their first-seen order; a missing (category, group) pair is
    /// drawn as no bar; without groups there is one unnamed series (no legend entry). A later row
    /// of the same pair replaces an earlier one.
    public init(category: [String], group: [String]?, height: [Double], error: [Double]?, valueLabels: Bool = false) {
        let categories = BarChart.firstSeen(category)
        let index = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var series: [Series] = []
        for g in group.map(BarChart.firstSeen) ?? [""] {
            var values = [Double](repeating: .nan, count: categories.count), errors = values
            for r in category.indices where group == nil || group![r] == g {
                let c = index[category[r]]!
                values[c] = height[r]
                errors[c] = error?[r] ?? .nan
            }
            series.append(Series(g, values: values, errors: error == nil ? nil : errors))
        }
        self.init(categories: categories, series: series, valueLabels: valueLabels)
    }

    /// Distinct texts in first-seen order (the order categories and groups are drawn in).
    public static func distinctInOrder(_ texts: [String]) -> [String] { firstSeen(texts) }

    /// Distinct texts in first-seen order.
    static func firstSeen(_ texts: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for t in texts where seen.insert(t).inserted { out.append(t) }
        return out
    }
}

extension Heatmap {
    /// A heatmap from a long table: one cell per row, placed by the row's row and column names.
    ///
    /// Rows and columns keep their first-seen order; a missing cell is NaN (left blank); a later
    /// row of the same cell replaces an earlier one.
    public init(row: [String], column: [String], value: [Double], colorbarLabel: String?, valueDecimals: Int?, range: ClosedRange<Double>?) {
        let rows = BarChart.firstSeen(row), columns = BarChart.firstSeen(column)
        let r = Dictionary(rows.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let c = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var grid = Array(repeating: Array(repeating: Double.nan, count: columns.count), count: rows.count)
        for i in row.indices { grid[r[row[i]]!][c[column[i]]!] = value[i] }
        self.init(rows: rows, columns: columns, values: grid, colorbarLabel: colorbarLabel, valueDecimals: valueDecimals, range: range)
    }
}
