import LabCore
import Notebook

/// `table.from_records`
struct TableFromRecords: Binding {
    static let description = BindingDescription("table.from_records", returns: .table,
        doc: "A table with one row per record.\nColumns follow the first record's key order; every record must have the same keys, each holding numbers (or bools, as 0/1) or strings throughout.")
    @Parameter(doc: "records with the same keys; numbers become numeric columns") var records: [Value]

    func call(_ context: any CallContext) throws -> Value { .table(try Table.fromRecords(records)) }
}

/// `table.select`
struct TableSelect: Binding {
    static let description = BindingDescription("table.select", returns: .table, doc: "The given columns of a table, in the given order.")
    @Parameter var table: Table
    @Parameter(doc: "column names, in the order wanted") var columns: [String]

    func call(_ context: any CallContext) throws -> Value {
        .table(try tableOperation { () throws(TableError) in try table.selecting(columns) })
    }
}

/// `table.where`
struct TableWhere: Binding {
    static let description = BindingDescription("table.where", returns: .table, doc: "The rows whose `column` equals a value.")
    @Parameter var table: Table
    @Parameter var column: String
    @Parameter(doc: "a string or a number") var equals: Value

    func call(_ context: any CallContext) throws -> Value {
        let target: String
        switch equals {
        case .string(let s): target = s
        case let v where v.asDouble != nil: target = "\(v.asDouble!)"
        case let v: throw ArgumentError(parameter: "equals", message: "`table.where` compares with a string or a number, not \(v.type)")
        }
        return .table(try tableOperation { () throws(TableError) in try table.filtering(column, equals: target) })
    }
}

/// `table.between`
struct TableBetween: Binding {
    static let description = BindingDescription("table.between", returns: .table, doc: "The rows whose numeric `column` lies in [low, high].")
    @Parameter var table: Table
    @Parameter var column: String
    @Parameter var low: Double
    @Parameter var high: Double

    func call(_ context: any CallContext) throws -> Value {
        .table(try tableOperation { () throws(TableError) in try table.filtering(column, from: low, to: high) })
    }
}

/// `table.mean_std`
struct TableMeanStd: Binding {
    static let description = BindingDescription("table.mean_std", returns: .table, version: 2,
        doc: "Group by key columns and summarise numeric columns.\nOne row per distinct key combination (first-seen order; no keys: one row) with NAME_mean, NAME_std (sample, n−1; 0 for a single row), NAME_min, NAME_max and n.")
    @Parameter var table: Table
    @Parameter(doc: "key columns") var by: [String]
    @Parameter(doc: "numeric columns to summarise") var values: [String]

    func call(_ context: any CallContext) throws -> Value {
        .table(try tableOperation { () throws(TableError) in try table.groupedMeanStd(by: by, of: values) })
    }
}

/// `table.with`
struct TableWith: Binding {
    static let description = BindingDescription("table.with", returns: .table,
        doc: "The table with one more column holding the same value on every row.\nFor labelling per-scale or per-seed results before `table.concat`; the name must be new.")
    @Parameter var table: Table
    @Parameter(doc: "name of the new column") var column: String
    @Parameter(doc: "a string or a number, repeated on every row") var value: Value

    func call(_ context: any CallContext) throws -> Value {
        let data = try Table.constantColumn(value, rows: table.rowCount, function: "table.with")
        return .table(try tableOperation { () throws(TableError) in try Table(table.columns + [Table.Column(column, data)]) })
    }
}

/// `table.concat`
struct TableConcat: Binding {
    static let description = BindingDescription("table.concat", returns: .table,
        doc: "The rows of several tables, one after another.\nThe tables must have the same columns, unless `fill_missing: true`: then the result has every column of any table (in first-seen order) and a row's missing cells are empty: an empty string in a text column, NaN in a numeric one (`nan` in CSV, which pandas reads as missing).")
    @Parameter(doc: "tables with the same columns") var tables: [Value]
    @Parameter(default: false, doc: "allow different columns, leaving missing cells empty") var fillMissing: Bool

    func call(_ context: any CallContext) throws -> Value {
        let all = try tables.map { v -> Table in
            guard case .table(let t) = v else { throw ArgumentError(parameter: "tables", message: "`table.concat` takes a list of tables, not \(v.type)") }
            return t
        }
        return .table(try tableOperation { () throws(TableError) in try Table.concatenating(all, fillMissing: fillMissing) })
    }
}

/// `table.join`
struct TableJoin: Binding {
    static let description = BindingDescription("table.join", returns: .table,
        doc: "Inner join on equal key values.\nThe right table's other columns are appended; a clashing name gets the suffix `_right`.")
    @Parameter var left: Table
    @Parameter var right: Table
    @Parameter(doc: "key columns present in both") var on: [String]

    func call(_ context: any CallContext) throws -> Value {
        .table(try tableOperation { () throws(TableError) in try left.joined(with: right, on: on) })
    }
}
