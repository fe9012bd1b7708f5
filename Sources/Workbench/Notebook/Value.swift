import Plots
import Tensors

/// A value of the cell language.
///
/// Plain data (numbers, strings, lists, records), the engine's tensors, tables, metric series,
/// figures, and opaque library values (datasets, trained models) that encode, decode, digest and
/// summarise themselves through ``LibraryValue``.
public indirect enum Value: Sendable {
    case int(Int)
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Value])
    case record([Field])
    case tensor(Tensor)
    case table(Table)
    case series(Series)
    case figure(Figure)
    case library(any LibraryValue)

    /// One named entry of a record.
    public struct Field: Sendable {
        /// The key.
        public var key: String
        /// The value.
        public var value: Value
        /// Creates a field.
        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The static type this value has.
    public var type: ValueType {
        switch self {
        case .int: .int
        case .number: .number
        case .string: .string
        case .bool: .bool
        case .list: .list
        case .record: .record
        case .tensor: .tensor
        case .table: .table
        case .series: .series
        case .figure: .figure
        case .library(let v): .library(Swift.type(of: v).typeName)
        }
    }

    /// The number held by an `int` or `number`, else nil.
    public var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    /// The field of a record, the column of a table (as a list), or a library value's member.
    public func member(_ name: String) -> Value? {
        switch self {
        case .record(let fields): return fields.first { $0.key == name }?.value
        case .table(let t):
            guard let c = try? t.column(name) else { return nil }
            switch c.data {
            case .numbers(let v): return .list(v.map { .number($0) })
            case .strings(let v): return .list(v.map { .string($0) })
            }
        case .library(let v): return v.member(name)
        default: return nil
        }
    }

    /// A one-line (or, for tables, a short multi-line) description for terminals and reports.
    public var summary: String {
        switch self {
        case .int(let i): return "\(i)"
        case .number(let d): return Table.format(d)
        case .string(let s): return Expr.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .list(let items):
            let head = items.prefix(8).map(\.summary).joined(separator: ", ")
            return "[\(head)\(items.count > 8 ? ", … (\(items.count) items)" : "")]"
        case .record(let fields):
            return "{" + fields.prefix(8).map { "\($0.key): \($0.value.summary)" }.joined(separator: ", ") + (fields.count > 8 ? ", …" : "") + "}"
        case .tensor(let t): return "tensor \(t.shape)"
        case .table(let t): return t.rendered()
        case .series(let s): return "series `\(s.name)`: \(s.steps.count) points" + (s.values.last.map { ", last \(Table.format($0))" } ?? "")
        case .figure(let f): return "figure \(f.title.map { "“\($0)” " } ?? "")with \(f.panels.count) panel\(f.panels.count == 1 ? "" : "s")"
        case .library(let v): return v.summary
        }
    }
}

/// A metric series: values by training step (loss, validation cost ratio, …).
public struct Series: Sendable, Hashable, Codable {
    /// The metric name.
    public var name: String
    /// Steps, increasing.
    public var steps: [Int]
    /// One value per step.
    public var values: [Double]

    /// Creates a series; steps and values must have equal lengths.
    public init(name: String, steps: [Int], values: [Double]) {
        precondition(steps.count == values.count, "a series needs one value per step")
        self.name = name
        self.steps = steps
        self.values = values
    }
}

/// An opaque value produced by a library function (an instance set, a trained model, …).
///
/// The notebook never looks inside except through ``member(_:)``; the store keeps its
/// ``encoded()`` bytes under the codec `typeName/codecVersion`.
public protocol LibraryValue: Sendable {
    /// Dotted type name, e.g. `laenet.dataset`; also the static type in signatures.
    static var typeName: String { get }
    /// Bumped whenever the encoding changes.
    static var codecVersion: Int { get }
    /// A canonical encoding: equal values give equal bytes.
    func encoded() -> [UInt8]
    /// Decodes what ``encoded()`` wrote.
    static func decode(_ bytes: [UInt8]) throws -> Self
    /// A short human-readable description.
    var summary: String { get }
    /// A named part visible to cells (e.g. `dataset.count`), or nil.
    func member(_ name: String) -> Value?
}

extension LibraryValue {
    public func member(_ name: String) -> Value? { nil }
}
