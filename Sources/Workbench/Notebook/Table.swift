import Foundation

/// A column-oriented table of numbers and strings: what evaluations produce and plots consume.
///
/// Columns have equal lengths; each holds either numbers or strings. Tables are values: every
/// operation returns a new table.
public struct Table: Sendable, Hashable, Codable {
    /// One named column.
    public struct Column: Sendable, Hashable, Codable {
        /// The column's values.
        public enum Data: Sendable, Hashable, Codable {
            case numbers([Double])
            case strings([String])

            /// Number of rows.
            public var count: Int {
                switch self {
                case .numbers(let v): v.count
                case .strings(let v): v.count
                }
            }

            /// The values at the given rows, in that order.
            public func picking(_ rows: [Int]) -> Data {
                switch self {
                case .numbers(let v): .numbers(rows.map { v[$0] })
                case .strings(let v): .strings(rows.map { v[$0] })
                }
            }

            /// The text of one cell: the string, or the number in the table's display format.
            public func cellText(_ row: Int) -> String {
                switch self {
                case .numbers(let v): Table.format(v[row])
                case .strings(let v): v[row]
                }
            }
        }

        /// The column name.
        public var name: String
        /// The values.
        public var data: Data

        /// Creates a column.
        public init(_ name: String, _ data: Data) {
            self.name = name
            self.data = data
        }
    }

    /// The columns, in display order.
    public private(set) var columns: [Column]

    /// Creates a table; all columns must have the same length and distinct names.
    public init(_ columns: [Column]) throws(TableError) {
        let counts = Set(columns.map(\.data.count))
        guard counts.count <= 1 else { throw TableError("columns have different lengths: \(columns.map { "\($0.name)=\($0.data.count)" }.joined(separator: ", "))") }
        var seen = Set<String>()
        for c in columns where !seen.insert(c.name).inserted { throw TableError("column `\(c.name)` appears twice") }
        self.columns = columns
    }

    /// Number of rows.
    public var rowCount: Int { columns.first?.data.count ?? 0 }

    /// Column names.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this name.
    public func column(_ name: String) throws(TableError) -> Column {
        guard let c = columns.first(where: { $0.name == name }) else {
            throw TableError("no column `\(name)`; the columns are \(columnNames.map { "`\($0)`" }.joined(separator: ", "))\(Suggest.hint(for: name, in: columnNames))")
        }
        return c
    }

    /// The numbers of a numeric column.
    public func numbers(_ name: String) throws(TableError) -> [Double] {
        guard case .numbers(let v) = try column(name).data else { throw TableError("column `\(name)` holds text, not numbers") }
        return v
    }

    /// The given columns, in the given order.
    public func selecting(_ names: [String]) throws(TableError) -> Table {
        var out: [Column] = []
        for n in names { out.append(try column(n)) }
        return try Table(out)
    }

    /// The rows at the given indices.
    public func rows(_ indices: [Int]) -> Table {
        var t = self
        t.columns = columns.map { Column($0.name, $0.data.picking(indices)) }
        return t
    }

    /// Rows where `column` equals `value` (a number or a string).
    public func filtering(_ name: String, equals value: String) throws(TableError) -> Table {
        let c = try column(name)
        let keep: [Int]
        switch c.data {
        case .strings(let v): keep = v.indices.filter { v[$0] == value }
        case .numbers(let v):
            guard let x = Double(value) else { throw TableError("column `\(name)` holds numbers; compare it with a number") }
            keep = v.indices.filter { v[$0] == x }
        }
        return rows(keep)
    }

    /// Rows where the numeric `column` lies in [low, high].
    public func filtering(_ name: String, from low: Double, to high: Double) throws(TableError) -> Table {
        let v = try numbers(name)
        return rows(v.indices.filter { v[$0] >= low && v[$0] <= high })
    }

    /// One row per distinct combination of `keys` (in first-seen order; no keys: one row) with
    /// the mean, the sample standard deviation (n−1; 0 for one row), the minimum and the maximum
    /// of each of `values`, as `NAME_mean`, `NAME_std`, `NAME_min`, `NAME_max`, plus `n`.
    public func groupedMeanStd(by keys: [String], of values: [String]) throws(TableError) -> Table {
        let keyColumns = try keys.map { (k: String) throws(TableError) -> Column in try column(k) }
        let valueColumns = try values.map { (v: String) throws(TableError) -> [Double] in try numbers(v) }
        var order: [[String]] = []
        var groups: [[String]: [Int]] = [:]
        for r in 0..<rowCount {
            let key = keyColumns.map { $0.data.cellText(r) }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        var out: [Column] = []
        let firstRows = order.map { groups[$0]![0] }
        for kc in keyColumns { out.append(Column(kc.name, kc.data.picking(firstRows))) }
        for (name, v) in zip(values, valueColumns) {
            var means: [Double] = [], stds: [Double] = [], mins: [Double] = [], maxs: [Double] = []
            for key in order {
                let xs = groups[key]!.map { v[$0] }
                let m = xs.reduce(0, +) / Double(xs.count)
                means.append(m)
                stds.append(xs.count > 1 ? (xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count - 1)).squareRoot() : 0)
                mins.append(xs.min()!)
                maxs.append(xs.max()!)
            }
            out.append(Column("\(name)_mean", .numbers(means)))
            out.append(Column("\(name)_std", .numbers(stds)))
            out.append(Column("\(name)_min", .numbers(mins)))
            out.append(Column("\(name)_max", .numbers(maxs)))
        }
        out.append(Column("n", .numbers(order.map { Double(groups[$0]!.count) })))
        return try Table(out)
    }

    /// The rows of several tables, one after another.
    ///
    /// The tables must have the same columns, unless `fillMissing`: then the result has every
    /// column of any table, in first-seen order, and the cells a table lacks are empty (`""` in a
    /// text column, NaN in a numeric one). A column holding numbers in one table and text in
    /// another is an error either way.
    public static func concatenating(_ tables: [Table], fillMissing: Bool = false) throws(TableError) -> Table {
        guard let first = tables.first else { throw TableError("nothing to concatenate") }
        var names = first.columnNames
        for t in tables.dropFirst() where t.columnNames != first.columnNames {
            guard fillMissing else {
                throw TableError("tables to concatenate need the same columns: \(first.columnNames) vs \(t.columnNames); pass `fill_missing: true` to keep every column and leave missing cells empty")
            }
            for n in t.columnNames where !names.contains(n) { names.append(n) }
        }
        var columns: [Column] = []
        for name in names {
            var data: Column.Data?
            for t in tables {
                let piece = t.columns.first { $0.name == name }?.data
                switch (data, piece) {
                case (nil, let p?): data = p
                case (.numbers(let a)?, .numbers(let b)?): data = .numbers(a + b)
                case (.strings(let a)?, .strings(let b)?): data = .strings(a + b)
                case (_?, _?): throw TableError("column `\(name)` holds numbers in one table and text in another")
                case (_, nil): break
                }
            }
            columns.append(Column(name, data ?? .numbers([])))
        }
        // Second pass: place each table's rows, filling the columns it lacks.
        if names != first.columnNames || tables.contains(where: { $0.columnNames != first.columnNames }) {
            for i in columns.indices {
                let name = columns[i].name
                switch columns[i].data {
                case .numbers:
                    columns[i].data = .numbers(tables.flatMap { t -> [Double] in
                        if case .numbers(let v)? = t.columns.first(where: { $0.name == name })?.data { return v }
                        return Array(repeating: .nan, count: t.rowCount)
                    })
                case .strings:
                    columns[i].data = .strings(tables.flatMap { t -> [String] in
                        if case .strings(let v)? = t.columns.first(where: { $0.name == name })?.data { return v }
                        return Array(repeating: "", count: t.rowCount)
                    })
                }
            }
        }
        return try Table(columns)
    }

    /// CSV text: a header line, then one line per row — what `lab run` writes to `Results/` and
    /// `lab cache export` to a `.csv`, byte for byte.
    ///
    /// Text is quoted when it holds a comma, a quote or a line break. Whole numbers below 2^53
    /// are written as integers (`200`, not `200.0`: the table stores every number as a double, and
    /// a reader should get back the integer it was); other numbers in Swift's shortest
    /// round-trip form, so a reader gets the exact values back; NaN and infinities as `nan`,
    /// `inf` and `-inf` (what pandas and numpy read).
    public var csv: String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [columnNames.map(quote).joined(separator: ",")]
        for r in 0..<rowCount {
            lines.append(columns.map { c -> String in
                switch c.data {
                case .numbers(let v): return Table.csvNumber(v[r])
                case .strings(let v): return quote(v[r])
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One number as a CSV cell: an integer when it is whole (below 2^53), else the shortest
    /// round-trip form; `nan`, `inf`, `-inf`.
    public static func csvNumber(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d == d.rounded() && Swift.abs(d) < 0x1p53 ? "\(Int64(d))" : "\(d)"
    }

    /// Inner join on equal values of the `on` columns; other columns of `other` are appended
    /// (a name clash gets the suffix `_right`).
    public func joined(with other: Table, on keys: [String]) throws(TableError) -> Table {
        let left = try keys.map { (k: String) throws(TableError) -> Column in try column(k) }
        let right = try keys.map { (k: String) throws(TableError) -> Column in try other.column(k) }
        var index: [[String]: [Int]] = [:]
        for r in 0..<other.rowCount { index[right.map { $0.data.cellText(r) }, default: []].append(r) }
        var leftRows: [Int] = [], rightRows: [Int] = []
        for r in 0..<rowCount {
            for match in index[left.map { $0.data.cellText(r) }] ?? [] {
                leftRows.append(r)
                rightRows.append(match)
            }
        }
        var out = rows(leftRows).columns
        for c in other.columns where !keys.contains(c.name) {
            let name = out.contains { $0.name == c.name } ? "\(c.name)_right" : c.name
            out.append(Column(name, c.data.picking(rightRows)))
        }
        return try Table(out)
    }

    /// A fixed-width text rendering (at most `limit` rows), for terminals.
    public func rendered(limit: Int = 20) -> String {
        let shown = min(rowCount, limit)
        let cells = columns.map { c in [c.name] + (0..<shown).map { c.data.cellText($0) } }
        let widths = cells.map { $0.map(\.count).max() ?? 0 }
        var lines: [String] = []
        for r in 0...shown {
            let row = zip(cells, widths).map { col, w in
                let text = col[r]
                return r == 0 ? text.padding(toLength: w, withPad: " ", startingAt: 0) : String(repeating: " ", count: w - text.count) + text
            }
            lines.append(row.joined(separator: "  "))
            if r == 0 { lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")) }
        }
        if rowCount > shown { lines.append("… \(rowCount - shown) more rows") }
        return lines.joined(separator: "\n")
    }

    /// Compact number text: integers without decimals, others with 4 significant digits.
    public static func formatted(_ x: Double) -> String { format(x) }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x == x.rounded(), Swift.abs(x) < 1e12 { return String(Int(x)) }
        return String(format: "%.4g", x)
    }
}

/// A table operation that cannot be done, with the reason.
public struct TableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

