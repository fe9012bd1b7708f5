import LabCore
import Notebook

extension Catalog {
    /// `table.*`: build tables from records and select, filter, summarise and join them.
    mutating func registerTables() {
        register(CatalogFunction(FunctionSignature(
            name: "table.from_records", parameters: [.init("records", .list, doc: "records with the same keys; numbers become numeric columns")],
            returns: .table, version: 1,
            doc: "A table with one row per record.\nColumns follow the first record's key order; every record must have the same keys, each holding numbers (or bools, as 0/1) or strings throughout."
        )) { args, _ in .table(try Catalog.table(fromRecords: try args.list("records"))) })

        register(CatalogFunction(FunctionSignature(
            name: "table.select", parameters: [.init("table", .table), .init("columns", .list, doc: "column names, in the order wanted")],
            returns: .table, version: 1, doc: "The given columns of a table, in the given order."
        )) { args, _ in
            let t = try args.table("table"), cols = try args.strings("columns")
            return .table(try tableOperation { () throws(TableError) in try t.selecting(cols) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.where", parameters: [.init("table", .table), .init("column", .string), .init("equals", .any, doc: "a string or a number")],
            returns: .table, version: 1, doc: "The rows whose `column` equals a value."
        )) { args, _ in
            let t = try args.table("table"), column = try args.string("column")
            let target: String
            switch try args.value("equals") {
            case .string(let s): target = s
            case let v where v.asDouble != nil: target = "\(v.asDouble!)"
            case let v: throw LabError(.invalidInput, "`table.where` compares with a string or a number, not \(v.type)")
            }
            return .table(try tableOperation { () throws(TableError) in try t.filtering(column, equals: target) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.between", parameters: [.init("table", .table), .init("column", .string), .init("low", .number), .init("high", .number)],
            returns: .table, version: 1, doc: "The rows whose numeric `column` lies in [low, high]."
        )) { args, _ in
            let t = try args.table("table"), column = try args.string("column")
            let (low, high) = (try args.number("low"), try args.number("high"))
            return .table(try tableOperation { () throws(TableError) in try t.filtering(column, from: low, to: high) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.mean_std", parameters: [
                .init("table", .table), .init("by", .list, doc: "key columns"), .init("values", .list, doc: "numeric columns to summarise"),
            ], returns: .table, version: 2,
            doc: "Group by key columns and summarise numeric columns.\nOne row per distinct key combination (first-seen order; no keys: one row) with NAME_mean, NAME_std (sample, n−1; 0 for a single row), NAME_min, NAME_max and n."
        )) { args, _ in
            let t = try args.table("table"), by = try args.strings("by"), values = try args.strings("values")
            return .table(try tableOperation { () throws(TableError) in try t.groupedMeanStd(by: by, of: values) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.with", parameters: [
                .init("table", .table), .init("column", .string, doc: "name of the new column"),
                .init("value", .any, doc: "a string or a number, repeated on every row"),
            ], returns: .table, version: 1,
            doc: "The table with one more column holding the same value on every row.\nFor labelling per-scale or per-seed results before `table.concat`; the name must be new."
        )) { args, _ in
            let t = try args.table("table"), name = try args.string("column")
            let data = try Catalog.constantColumn(try args.value("value"), rows: t.rowCount, function: "table.with")
            return .table(try tableOperation { () throws(TableError) in try Table(t.columns + [Table.Column(name, data)]) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.concat", parameters: [.init("tables", .list, doc: "tables with the same columns")],
            returns: .table, version: 1, doc: "The rows of several tables with the same columns, one after another."
        )) { args, _ in
            let tables = try args.list("tables").map { v -> Table in
                guard case .table(let t) = v else { throw LabError(.invalidInput, "`table.concat` takes a list of tables, not \(v.type)") }
                return t
            }
            return .table(try tableOperation { () throws(TableError) in try Table.concatenating(tables) })
        })

        register(CatalogFunction(FunctionSignature(
            name: "table.join", parameters: [.init("left", .table), .init("right", .table), .init("on", .list, doc: "key columns present in both")],
            returns: .table, version: 1,
            doc: "Inner join on equal key values.\nThe right table's other columns are appended; a clashing name gets the suffix `_right`."
        )) { args, _ in
            let l = try args.table("left"), r = try args.table("right"), on = try args.strings("on")
            return .table(try tableOperation { () throws(TableError) in try l.joined(with: r, on: on) })
        })
    }

    /// Builds a table from records with identical keys.
    static func table(fromRecords records: [Value]) throws -> Table {
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
}
