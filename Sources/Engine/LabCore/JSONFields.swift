
/// Typed access to the fields of a parsed JSON document, with errors naming the file and field.
///
/// Every failure is a ``LabError/Code/invalidInput`` error (exit code 2) of the form
/// `FILE: field users[3].workload_cycles: must be a positive number (got -1)`.
public struct JSONFields: Sendable {
    /// Name of the file the document came from (used in messages).
    public var file: String

    /// Creates a reader for documents of `file`.
    public init(file: String) { self.file = file }

    /// Parses text, turning a syntax error into an error with line and column.
    public func parse(_ text: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            let prefix = text.utf8.prefix(error.offset)
            let line = prefix.filter { $0 == 0x0A }.count + 1
            let column = prefix.count - (prefix.lastIndex(of: 0x0A).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
            throw LabError(.invalidInput, "not valid JSON: \(error.message).", at: SourceLocation(file: file, line: line, column: column))
        }
    }

    /// An error about one field.
    public func error(_ field: String, _ problem: String) -> LabError {
        LabError(.invalidInput, "\(file): field \(field): \(problem).")
    }

    /// A required member.
    public func member(_ object: JSONValue, _ key: String, path: String) throws -> JSONValue {
        guard case .object = object else { throw error(path.isEmpty ? "(top level)" : path, "must be an object") }
        guard let v = object[key] else { throw error(join(path, key), "is missing") }
        return v
    }

    /// A required finite number, optionally at least `minimum` (or above it when `strict`).
    public func number(_ value: JSONValue, _ field: String, minimum: Double? = nil, strict: Bool = false, maximum: Double? = nil) throws -> Double {
        guard let x = value.number else { throw error(field, "must be a number (got \(value.serialized()))") }
        if let minimum {
            if strict && !(x > minimum) { throw error(field, "must be greater than \(JSONValue.format(minimum)) (got \(JSONValue.format(x)))") }
            if !strict && !(x >= minimum) { throw error(field, "must not be \(minimum == 0 ? "negative" : "below \(JSONValue.format(minimum))") (got \(JSONValue.format(x)))") }
        }
        if let maximum, x > maximum { throw error(field, "must be at most \(JSONValue.format(maximum)) (got \(JSONValue.format(x)))") }
        return x
    }

    /// A required integer in `range`.
    public func integer(_ value: JSONValue, _ field: String, in range: Range<Int>) throws -> Int {
        guard let x = value.number, x == x.rounded(), abs(x) < 1e15 else { throw error(field, "must be an integer (got \(value.serialized()))") }
        guard range.contains(Int(x)) else {
            throw error(field, "must be in \(range.lowerBound)...\(range.upperBound - 1) (got \(Int(x)))")
        }
        return Int(x)
    }

    /// A required array, optionally of an exact length.
    public func array(_ value: JSONValue, _ field: String, count: Int? = nil) throws -> [JSONValue] {
        guard let a = value.array else { throw error(field, "must be an array (got \(value.serialized().prefix(40)))") }
        if let count, a.count != count { throw error(field, "must have \(count) entries (got \(a.count))") }
        return a
    }

    /// A required string among `allowed`.
    public func string(_ value: JSONValue, _ field: String, allowed: [String]) throws -> String {
        guard let s = value.string, allowed.contains(s) else {
            throw error(field, "must be one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")) (got \(value.serialized()))")
        }
        return s
    }

    /// `path.key` (or `key` at the top level).
    public func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
