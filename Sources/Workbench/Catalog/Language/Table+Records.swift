import LabCore
import Notebook

extension Table {
    /// Builds a table from records with identical keys (see `table.from_records`).
    static func fromRecords(_ records: [Value]) throws -> Table {
        guard case .record(let first)? = records.first else {
            throw LabError(.invalidInput, "`table.from_records` needs a non-empty list of records")
        }
        let keys = first.map(\.key)
        var numbers: [[Double]] = Array(repeating: [], count: keys.count)
        var strings: [[String]] = Array(repeating: [], count: keys.count)
        var isText: [Bool?] = Array(repeating: nil, count: keys.count)
        for (row, r) in records.enumerated() {
            guard case .record(let fields) = r, fields.map(\.key) == keys else {
                throw LabError(.invalidInput, "record \(row) of `table.from_records` does not have the keys \(keys) of the first record")
            }
            for (i, f) in fields.enumerated() {
                let text: Bool
                switch f.value {
                case .string(let s): strings[i].append(s); text = true
                case .bool(let b): numbers[i].append(b ? 1 : 0); text = false
                case let v where v.asDouble != nil: numbers[i].append(v.asDouble!); text = false
                case let v: throw LabError(.invalidInput, "field `\(f.key)` of record \(row) is a \(v.type); table cells hold numbers or strings")
                }
                if let known = isText[i], known != text {
                    throw LabError(.invalidInput, "column `\(f.key)` mixes numbers and strings (record \(row))")
                }
                isText[i] = text
            }
        }
        let columns = keys.enumerated().map { i, k in
            Table.Column(k, isText[i] == true ? .strings(strings[i]) : .numbers(numbers[i]))
        }
        return try tableOperation { () throws(TableError) in try Table(columns) }
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

    /// A column's cells as text (numbers in compact form).
    func texts(_ column: String) throws -> [String] {
        let c = try tableOperation { () throws(TableError) in try self.column(column) }
        switch c.data {
        case .strings(let v): return v
        case .numbers(let v): return v.map { $0 == $0.rounded() && Swift.abs($0) < 1e12 ? String(Int($0)) : "\($0)" }
        }
    }

    /// Distinct values of a column as text, in first-seen order.
    func distinct(_ column: String) throws -> [String] {
        var seen = Set<String>(), out: [String] = []
        for v in try texts(column) where seen.insert(v).inserted { out.append(v) }
        return out
    }

    /// A numeric column.
    func numberColumn(_ name: String) throws -> [Double] {
        try tableOperation { () throws(TableError) in try numbers(name) }
    }
}
