import LabCore
import Notebook

/// A Swift type a notebook value converts to for an ``Parameter``.
///
/// Enumerations of strings (`CaseIterable`, raw value `String`) conform with an empty extension
/// and are then checked against their cases, at lint time for literals and at the call for
/// every value.
public protocol ArgumentValue: Sendable {
    /// The notebook type a signature shows and `lab lint` checks.
    static var valueType: ValueType { get }
    /// What a mismatching value is told it must be, e.g. "a whole number".
    static var expectation: String { get }
    /// The strings the type accepts, if it is a closed set.
    static var choices: [String]? { get }
    /// Converts a notebook value; nil when it does not fit.
    init?(argument: Value)
    /// The notebook form (used for declared defaults).
    var argument: Value { get }
}

extension ArgumentValue {
    public static var choices: [String]? { nil }
    public static var expectation: String { "\(valueType)" }
}

extension Int: ArgumentValue {
    public static var valueType: ValueType { .int }
    public static var expectation: String { "a whole number" }
    public init?(argument: Value) {
        switch argument {
        case .int(let i): self = i
        case .number(let d) where d == d.rounded() && Swift.abs(d) < 9e15: self = Int(d)
        default: return nil
        }
    }
    public var argument: Value { .int(self) }
}

extension UInt64: ArgumentValue {
    public static var valueType: ValueType { .int }
    public static var expectation: String { "a non-negative whole number" }
    public init?(argument: Value) {
        guard let i = Int(argument: argument), i >= 0 else { return nil }
        self = UInt64(i)
    }
    public var argument: Value { .int(Int(truncatingIfNeeded: self)) }
}

extension Double: ArgumentValue {
    public static var valueType: ValueType { .number }
    public static var expectation: String { "a finite number" }
    public init?(argument: Value) {
        guard let d = argument.asDouble, d.isFinite else { return nil }
        self = d
    }
    public var argument: Value { .number(self) }
}

extension String: ArgumentValue {
    public static var valueType: ValueType { .string }
    public static var expectation: String { "a string" }
    public init?(argument: Value) {
        guard case .string(let s) = argument else { return nil }
        self = s
    }
    public var argument: Value { .string(self) }
}

/// An optional string: the empty string (the notebook's convention for "none") is nil.
extension Optional: ArgumentValue where Wrapped == String {
    public static var valueType: ValueType { .string }
    public static var expectation: String { "a string" }
    public init?(argument: Value) {
        guard case .string(let s) = argument else { return nil }
        self = s.isEmpty ? nil : s
    }
    public var argument: Value { .string(self ?? "") }
}

extension Bool: ArgumentValue {
    public static var valueType: ValueType { .bool }
    public static var expectation: String { "true or false" }
    public init?(argument: Value) {
        guard case .bool(let b) = argument else { return nil }
        self = b
    }
    public var argument: Value { .bool(self) }
}

/// Any value (the function inspects it).
extension Value: ArgumentValue {
    public static var valueType: ValueType { .any }
    public init?(argument: Value) { self = argument }
    public var argument: Value { self }
}

extension Array: ArgumentValue where Element: ArgumentValue {
    public static var valueType: ValueType { .list }
    public static var expectation: String { Element.self == Value.self ? "a list" : "a list of \(Element.valueType)s" }
    public static var choices: [String]? { Element.choices }
    public init?(argument: Value) {
        guard case .list(let items) = argument else { return nil }
        var out: [Element] = []
        for item in items {
            guard let e = Element(argument: item) else { return nil }
            out.append(e)
        }
        self = out
    }
    public var argument: Value { .list(map(\.argument)) }
}

extension Table: ArgumentValue {
    public static var valueType: ValueType { .table }
    public static var expectation: String { "a table" }
    public init?(argument: Value) {
        guard case .table(let t) = argument else { return nil }
        self = t
    }
    public var argument: Value { .table(self) }
}

extension Series: ArgumentValue {
    public static var valueType: ValueType { .series }
    public static var expectation: String { "a series" }
    public init?(argument: Value) {
        guard case .series(let s) = argument else { return nil }
        self = s
    }
    public var argument: Value { .series(self) }
}

/// The fields of a record, in order.
public struct RecordFields: ArgumentValue {
    /// The fields.
    public var fields: [Value.Field]
    public static var valueType: ValueType { .record }
    public static var expectation: String { "a record" }
    public init?(argument: Value) {
        guard case .record(let f) = argument else { return nil }
        fields = f
    }
    public var argument: Value { .record(fields) }
}

extension ArgumentValue where Self: LibraryValue {
    public static var valueType: ValueType { .library(typeName) }
    public static var expectation: String { "a \(typeName)" }
    public init?(argument: Value) {
        guard case .library(let l) = argument, let v = l as? Self else { return nil }
        self = v
    }
    public var argument: Value { .library(self) }
}

extension ArgumentValue where Self: CaseIterable & RawRepresentable, RawValue == String {
    public static var valueType: ValueType { .string }
    public static var expectation: String { "a string" }
    public static var choices: [String]? { allCases.map(\.rawValue) }
    public init?(argument: Value) {
        guard case .string(let s) = argument else { return nil }
        self.init(rawValue: s)
    }
    public var argument: Value { .string(rawValue) }
}
