import Foundation
import LabCore
import Notebook

extension Catalog {
    /// `table.label`, `table.rename`, `table.from_series`, `table.pivot`: reshaping results for
    /// paper-style tables and seed-band figures.
    mutating func registerTableShaping() {
        register(CatalogFunction(FunctionSignature(
            name: "table.label", parameters: [
                .init("table", .table),
                .init("labels", .record, doc: "one new column per field, e.g. {profile: \"paper\", seed: 1}"),
            ], returns: .table, version: 1,
            doc: "The table with one constant column per field of a record.\nFor tagging an evaluation with its profile, scale and seed before `table.concat`; every name must be new."
        )) { args, _ in
            let t = try args.table("table")
            guard case .record(let fields) = try args.value("labels") else { throw LabError(.invalidInput, "`table.label` takes a record of labels") }
            var columns = t.columns
            for f in fields { columns.append(Table.Column(f.key, try Catalog.constantColumn(f.value, rows: t.rowCount, function: "table.label"))) }
            return .table(try tableOperation { () throws(TableError) in try Table(columns) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.rename", parameters: [
                .init("table", .table),
                .init("columns", .record, doc: "old name: new name, e.g. {ratio_mean_mean: \"ratio\"}"),
            ], returns: .table, version: 1,
            doc: "The table with some columns renamed.\nEvery old name must exist; columns keep their order."
        )) { args, _ in
            let t = try args.table("table")
            guard case .record(let fields) = try args.value("columns") else { throw LabError(.invalidInput, "`table.rename` takes a record old: new") }
            var columns = t.columns
            for f in fields {
                guard case .string(let new) = f.value else { throw LabError(.invalidInput, "`table.rename`: the new name of `\(f.key)` must be a string") }
                guard let i = columns.firstIndex(where: { $0.name == f.key }) else {
                    throw LabError(.invalidInput, "`table.rename`: no column `\(f.key)`; the columns are \(t.columnNames.joined(separator: ", "))")
                }
                columns[i].name = new
            }
            return .table(try tableOperation { () throws(TableError) in try Table(columns) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.from_series", parameters: [
                .init("series", .series),
                .init("window", .int, default: .int(1), doc: "average consecutive points in windows of this many (1: every point)"),
            ], returns: .table, version: 1,
            doc: "A metric series as a table with columns step and value.\nWith a window, each row is the mean of `window` consecutive points at the window's last step (a last partial window is kept)."
        )) { args, _ in
            guard case .series(let s) = try args.value("series") else { throw LabError(.invalidInput, "`table.from_series` takes a series") }
            let window = try args.int("window")
            guard window >= 1 else { throw LabError(.invalidInput, "`window` must be at least 1, not \(window)") }
            var steps: [Double] = [], values: [Double] = []
            var start = 0
            while start < s.values.count {
                let end = min(start + window, s.values.count)
                steps.append(Double(s.steps[end - 1]))
                values.append(s.values[start..<end].reduce(0, +) / Double(end - start))
                start = end
            }
            return .table(try tableOperation { () throws(TableError) in try Table([.init("step", .numbers(steps)), .init("value", .numbers(values))]) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.pivot", parameters: [
                .init("table", .table),
                .init("rows", .list, doc: "key columns whose value combinations become the rows, e.g. [\"profile\", \"scale\"]"),
                .init("column", .string, doc: "column whose values become the columns"),
                .init("value", .string, doc: "numeric column shown in the cells"),
                .init("error", .string, default: .string(""), doc: "optional numeric column: cells become text \"mean ± error\""),
                .init("digits", .int, default: .int(3), doc: "decimals of text cells"),
            ], returns: .table, version: 1,
            doc: "A long table turned wide: one row per combination of the `rows` columns, one column per `column` value.\nRows and columns keep their first-seen order. Each (row, column) pair must occur at most once; a missing pair is NaN (or empty text)."
        )) { args, _ in
            let t = try args.table("table")
            let digits = try args.int("digits")
            guard (0...10).contains(digits) else { throw LabError(.invalidInput, "`digits` must be between 0 and 10, not \(digits)") }
            return .table(try Catalog.pivot(t, rows: try args.strings("rows"), column: try args.string("column"), value: try args.string("value"),
                                    error: try args.optionalString("error"), digits: digits))
        })
    }

    /// A column repeating one string or number (a bool becomes 0 or 1).
    static func constantColumn(_ value: Value, rows: Int, function: String) throws -> Table.Column.Data {
        switch value {
        case .string(let s): return .strings(Array(repeating: s, count: rows))
        case .bool(let b): return .numbers(Array(repeating: b ? 1 : 0, count: rows))
        case let v where v.asDouble != nil: return .numbers(Array(repeating: v.asDouble!, count: rows))
        case let v: throw LabError(.invalidInput, "`\(function)` labels are strings or numbers, not \(v.type)")
        }
    }

    /// The wide form of a long table (see `table.pivot`).
    static func pivot(_ t: Table, rows: [String], column: String, value: String, error: String?, digits: Int) throws -> Table {
        guard !rows.isEmpty else { throw LabError(.invalidInput, "`table.pivot` needs at least one row key column") }
        return try tableOperation { () throws(TableError) in
            let rowKeys = try rows.map { (r: String) throws(TableError) in try t.column(r) }
            let colKeys = try t.column(column)
            let values = try t.numbers(value), errors = try error.map { (e: String) throws(TableError) in try t.numbers(e) }
            var rowOrder: [[String]] = [], colOrder: [String] = [], firstRow: [Int] = []
            var cells: [[String]: [String: Int]] = [:]
            for r in 0..<t.rowCount {
                let rk = rowKeys.map { $0.data.cellText(r) }, ck = colKeys.data.cellText(r)
                if cells[rk] == nil { rowOrder.append(rk); firstRow.append(r); cells[rk] = [:] }
                if !colOrder.contains(ck) { colOrder.append(ck) }
                guard cells[rk]![ck] == nil else {
                    throw TableError("`table.pivot`: \(zip(rows, rk).map { "\($0) = \($1)" }.joined(separator: ", ")), \(column) = \(ck) occurs more than once; summarise first (table.mean_std)")
                }
                cells[rk]![ck] = r
            }
            var columns = rowKeys.map { Table.Column($0.name, $0.data.picking(firstRow)) }
            for ck in colOrder {
                let picks = rowOrder.map { cells[$0]![ck] }
                if let errors {
                    columns.append(.init(ck, .strings(picks.map { i in
                        i.map { String(format: "%.\(digits)f ± %.\(digits)f", values[$0], errors[$0]) } ?? ""
                    })))
                } else {
                    columns.append(.init(ck, .numbers(picks.map { i in i.map { values[$0] } ?? .nan })))
                }
            }
            return try Table(columns)
        }
    }
}
