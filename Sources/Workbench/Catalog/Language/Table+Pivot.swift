import Foundation
import LabCore
import Notebook

extension Table {
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
