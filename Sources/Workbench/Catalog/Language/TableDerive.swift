import LabCore
import Notebook

/// `table.derive`
struct TableDerive: Binding {
    static let description = BindingDescription("table.derive", returns: .table,
        doc: "The table with one more column computed row by row from an expression over its columns.\n`table.derive(t, name: \"gap\", expr: \"gadsg_ratio - mcmf_ratio\")`: the expression is the cell language's (parsed by its parser, checked by `lab lint` when literal), each column a name holding that row's value; it may call pure functions such as `round`, `str`, `min`. Every row must give a number (or bool, as 0/1) or every row a string. Errors name the row and the column of the expression.")
    @Parameter var table: Table
    @Parameter(doc: "name of the new column (must be new)") var name: String
    @Parameter(.expression, doc: "the expression, e.g. \"gadsg_ratio - mcmf_ratio\"") var expr: String

    func call(_ context: any CallContext) throws -> Value {
        let expression: StandaloneExpression
        do {
            expression = try StandaloneExpression(expr, label: "expr")
        } catch {
            throw ArgumentError(parameter: "expr", message: "`table.derive`: \(error.items.first.map { "column \($0.range.start.column) of `expr`: \($0.message)" } ?? "`expr` is not an expression")")
        }
        let columns = table.columnNames
        for n in expression.freeNames where !columns.contains(n) {
            throw ArgumentError(parameter: "expr", message: "`table.derive`: `expr` reads `\(n)`, which is not a column\(Suggest.hint(for: n, in: columns)); the columns are \(columns.map { "`\($0)`" }.joined(separator: ", "))")
        }
        let used = try expression.freeNames.map { n in (n, try tableOperation { () throws(TableError) in try table.column(n) }) }
        var numbers: [Double] = [], strings: [String] = []
        for row in 0..<table.rowCount {
            var env: [String: Value] = [:]
            for (n, c) in used {
                switch c.data {
                case .numbers(let v): env[n] = .number(v[row])
                case .strings(let v): env[n] = .string(v[row])
                }
            }
            let value: Value
            do {
                value = try expression.evaluate(env, catalog: Catalog.standard) { signature, arguments, _ in
                    guard !signature.memoised, !signature.parameters.contains(where: \.seedsFromCell) else {
                        throw LabError(.invalidInput, "`\(signature.name)` cannot run inside `table.derive` (it is memoised or draws random numbers); call it in a cell")
                    }
                    return try Catalog.standard.call(signature.name, arguments, context: context)
                }
            } catch let error as LabError {
                let place = error.location.map { "column \($0.column) of `expr`" } ?? "`expr`"
                throw ArgumentError(parameter: "expr", message: "`table.derive`, row \(row), \(place): \(error.message)")
            } catch let error as ArgumentError {
                throw ArgumentError(parameter: "expr", message: "`table.derive`, row \(row): \(error.message)")
            }
            switch value {
            case .int, .number, .bool:
                guard strings.isEmpty else { throw mixed(row) }
                if case .bool(let b) = value { numbers.append(b ? 1 : 0) } else { numbers.append(value.asDouble!) }
            case .string(let s):
                guard numbers.isEmpty else { throw mixed(row) }
                strings.append(s)
            default:
                throw ArgumentError(parameter: "expr", message: "`table.derive`, row \(row): `expr` gives \(value.type), but a column holds numbers or strings")
            }
        }
        let data: Table.Column.Data = strings.isEmpty ? .numbers(numbers) : .strings(strings)
        return .table(try tableOperation { () throws(TableError) in try Table(table.columns + [Table.Column(name, data)]) })
    }

    func mixed(_ row: Int) -> ArgumentError {
        ArgumentError(parameter: "expr", message: "`table.derive`, row \(row): `expr` gives a number on some rows and a string on others; a column holds one kind")
    }
}
