import Foundation
import LabCore
import Notebook

/// `str`
struct BuiltinStr: Binding {
    static let description = BindingDescription("str", returns: .string,
        doc: "The text of a value, for labels and titles: `\"GADSG, \" + str(k)`.\nStrings are themselves (no quotes); whole numbers print without decimals (3, and 3.0 as 3); other numbers in their shortest exact form (0.1, 1e-05); bools as true/false; anything else as its one-line summary.")
    @Parameter(doc: "any value") var value: Value

    func call(_ context: any CallContext) throws -> Value { .string(BuiltinStr.text(value)) }

    /// The text `str` gives for `value`.
    static func text(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return "\(i)"
        case .number(let d):
            if d == d.rounded(), Swift.abs(d) < 1e15 { return "\(Int(d))" }
            return "\(d)"
        case .list(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
        default: return value.summary
        }
    }
}

/// `round`
struct BuiltinRound: Binding {
    static let description = BindingDescription("round", returns: .number,
        doc: "A number rounded to `digits` decimal places.\nThe exact binary value is rounded to the nearest decimal (ties to even), so round(2.675, digits: 2) is 2.67 as in Python; the result is a number (round(2.6) is 3, shown as 3 and written `3` by `str`).")
    @Parameter(doc: "the number to round") var value: Double
    @Parameter(default: 0, .integers(0...15), doc: "decimal places to keep") var digits: Int

    func call(_ context: any CallContext) throws -> Value {
        let text = String(format: "%.\(digits)f", value)
        guard let rounded = Double(text) else { return .number(value) }
        return .number(rounded == 0 ? 0 : rounded)  // no -0 from rounding a small negative number
    }
}

/// `min`
struct BuiltinMin: Binding {
    static let description = BindingDescription("min", returns: .any,
        doc: "The smallest item of a list of numbers or of strings.\nInts stay ints when every item is an int; an empty list, a NaN or a mix of numbers and strings is an error.")
    @Parameter(doc: "a non-empty list of numbers, or of strings") var items: [Value]

    func call(_ context: any CallContext) throws -> Value { try BuiltinOrder.extreme(items, largest: false, function: "min") }
}

/// `max`
struct BuiltinMax: Binding {
    static let description = BindingDescription("max", returns: .any,
        doc: "The largest item of a list of numbers or of strings.\nInts stay ints when every item is an int; an empty list, a NaN or a mix of numbers and strings is an error.")
    @Parameter(doc: "a non-empty list of numbers, or of strings") var items: [Value]

    func call(_ context: any CallContext) throws -> Value { try BuiltinOrder.extreme(items, largest: true, function: "max") }
}

/// `sorted`
struct BuiltinSorted: Binding {
    static let description = BindingDescription("sorted", returns: .any,
        doc: "The items of a list, or the rows of a table, in increasing order (stable).\nA list of numbers or strings sorts by value; a list of records by the field `by:`; a table by its column `by:`. `descending: true` reverses the order (equal items keep their order).")
    @Parameter(doc: "a list or a table") var items: Value
    @Parameter(default: "", doc: "the record field or table column to sort by (lists of numbers or strings: leave empty)") var by: String
    @Parameter(default: false, doc: "largest first") var descending: Bool

    func call(_ context: any CallContext) throws -> Value {
        switch items {
        case .list(let list):
            let keys = try list.enumerated().map { i, item -> Value in
                guard !by.isEmpty else { return item }
                guard case .record = item else {
                    throw ArgumentError(parameter: "by", message: "`sorted` with `by:` sorts records, but item \(i) is \(item.type); leave `by:` out to sort plain values")
                }
                guard let v = item.member(by) else {
                    throw ArgumentError(parameter: "by", message: "`sorted`: item \(i) has no field `\(by)`")
                }
                return v
            }
            return .list(try BuiltinOrder.order(keys, descending: descending, function: "sorted").map { list[$0] })
        case .table(let table):
            guard !by.isEmpty else { throw ArgumentError(parameter: "by", message: "`sorted` of a table needs `by:`, one of its columns: \(table.columnNames.joined(separator: ", "))") }
            let column = try tableOperation { () throws(TableError) in try table.column(by) }
            let keys: [Value]
            switch column.data {
            case .numbers(let v): keys = v.map { .number($0) }
            case .strings(let v): keys = v.map { .string($0) }
            }
            return .table(table.rows(try BuiltinOrder.order(keys, descending: descending, function: "sorted")))
        default:
            throw ArgumentError(parameter: "items", message: "`sorted` sorts a list or a table, not \(items.type)")
        }
    }
}

/// The ordering `min`, `max` and `sorted` share: numbers (ints and decimals together) by value,
/// strings by their characters; anything else, a NaN or a mix is an error, never a guess.
enum BuiltinOrder {
    /// Whether the keys are all numbers (true) or all strings (false); throws otherwise.
    static func numeric(_ keys: [Value], function: String) throws -> Bool {
        var sawNumber = false, sawString = false
        for (i, k) in keys.enumerated() {
            switch k {
            case .int: sawNumber = true
            case .number(let d):
                guard !d.isNaN else { throw LabError(.invalidInput, "`\(function)`: item \(i) is NaN, which has no order; filter it out first") }
                sawNumber = true
            case .string: sawString = true
            default: throw LabError(.invalidInput, "`\(function)` orders numbers or strings, but item \(i) is \(k.type)")
            }
        }
        guard !(sawNumber && sawString) else { throw LabError(.invalidInput, "`\(function)` cannot order numbers and strings together") }
        return sawNumber
    }

    /// `a < b` for two keys of the kind ``numeric(_:function:)`` checked.
    static func less(_ a: Value, _ b: Value) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x < y }
        if let x = a.asDouble, let y = b.asDouble { return x < y }
        if case .string(let x) = a, case .string(let y) = b { return x < y }
        return false
    }

    /// The positions of `keys` in sorted order (stable, also when descending).
    static func order(_ keys: [Value], descending: Bool, function: String) throws -> [Int] {
        _ = try numeric(keys, function: function)
        return keys.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if descending ? less(b, a) : less(a, b) { return true }
            if descending ? less(a, b) : less(b, a) { return false }
            return i < j
        }
    }

    /// The smallest or largest item.
    static func extreme(_ items: [Value], largest: Bool, function: String) throws -> Value {
        guard var best = items.first else { throw ArgumentError(parameter: "items", message: "`\(function)` of an empty list has no value") }
        _ = try numeric(items, function: function)
        for item in items.dropFirst() where largest ? less(best, item) : less(item, best) { best = item }
        return best
    }
}
