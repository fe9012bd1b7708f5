/// A JSON value with ordered object keys, a strict parser and a deterministic writer.
///
/// The exchange formats are written with a fixed key order and Swift's shortest round-trip
/// number formatting, so the same value always gives the same bytes on every machine.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// Any number (parsed with correct rounding).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in file order.
    case object([(String, JSONValue)])

    /// Values are equal when they serialise to the same text (object key order matters).
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    /// Hashes the serialised text, consistent with ``==``.
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// The member `key` of an object (nil if absent or not an object).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The number, if this is a number.
    public var number: Double? { if case .number(let x) = self { return x } else { return nil } }
    /// The string, if this is a string.
    public var string: String? { if case .string(let x) = self { return x } else { return nil } }
    /// The elements, if this is an array.
    public var array: [JSONValue]? { if case .array(let x) = self { return x } else { return nil } }
    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A finite number, or `null` for nil / non-finite values.
    public static func finite(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    /// Compact (`pretty == false`) or two-space-indented text; total for every value (a
    /// non-finite number becomes `null`).
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(&out, pretty: pretty, indent: 0)
        return out
    }

    private func write(_ out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.format(x)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            // Arrays of scalars stay on one line even when pretty.
            let flat = !pretty || items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += flat && pretty ? ", " : "," }
                if !flat { out += "\n" + String(repeating: " ", count: indent + 2) }
                item.write(&out, pretty: pretty, indent: indent + 2)
            }
            if !flat && !items.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                JSONValue.quote(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(&out, pretty: pretty, indent: indent + 2)
            }
            if pretty && !members.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// Integers without a fraction, everything else in Swift's shortest round-trip form.
    ///
    /// Total: JSON has no infinities or NaN, so a non-finite number is written as `null` (as
    /// ``finite(_:)`` would make it); readers that need a number then report the field.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
