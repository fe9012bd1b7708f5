import LabCore
import Notebook

/// A library function callable from notebook cells: its signature and its implementation.
public struct CatalogFunction: Sendable {
    /// Name, typed parameters with defaults and docs, return type, version, memoisation.
    public var signature: FunctionSignature
    /// The implementation; arguments arrive bound and defaulted, in parameter order.
    public var implementation: @Sendable (Arguments, any CallContext) throws -> Value

    /// Creates a function.
    public init(_ signature: FunctionSignature, implementation: @escaping @Sendable (Arguments, any CallContext) throws -> Value) {
        self.signature = signature
        self.implementation = implementation
    }
}

/// Bound arguments with typed accessors that fail with the parameter's name.
public struct Arguments: Sendable {
    /// The function being called (for messages).
    public var function: String
    /// Values by parameter name, in parameter order.
    public var values: [(name: String, value: Value)]

    /// Creates an argument list.
    public init(function: String, values: [(name: String, value: Value)]) {
        self.function = function
        self.values = values
    }

    /// The raw value of a parameter.
    public func value(_ name: String) throws -> Value {
        guard let v = values.first(where: { $0.name == name })?.value else {
            throw LabError(.invalidInput, "`\(function)` needs argument `\(name)`")
        }
        return v
    }

    func mismatch(_ name: String, _ expected: String, _ got: Value) -> LabError {
        LabError(.invalidInput, "argument `\(name)` of `\(function)` must be \(expected), but it is \(got.type) \(got.summary.prefix(40))")
    }

    /// A whole number (an `int`, or a `number` with no fraction).
    public func int(_ name: String) throws -> Int {
        let v = try value(name)
        if case .int(let i) = v { return i }
        if case .number(let d) = v, d == d.rounded(), Swift.abs(d) < 9e15 { return Int(d) }
        throw mismatch(name, "a whole number", v)
    }

    /// A number.
    public func number(_ name: String) throws -> Double {
        let v = try value(name)
        guard let d = v.asDouble else { throw mismatch(name, "a number", v) }
        return d
    }

    /// A string.
    public func string(_ name: String) throws -> String {
        let v = try value(name)
        guard case .string(let s) = v else { throw mismatch(name, "a string", v) }
        return s
    }

    /// A string, or nil when the argument is the empty string (the convention for "none").
    public func optionalString(_ name: String) throws -> String? {
        let s = try string(name)
        return s.isEmpty ? nil : s
    }

    /// A bool.
    public func bool(_ name: String) throws -> Bool {
        let v = try value(name)
        guard case .bool(let b) = v else { throw mismatch(name, "true or false", v) }
        return b
    }

    /// A list.
    public func list(_ name: String) throws -> [Value] {
        let v = try value(name)
        guard case .list(let items) = v else { throw mismatch(name, "a list", v) }
        return items
    }

    /// A list of strings.
    public func strings(_ name: String) throws -> [String] {
        try list(name).map { item in
            guard case .string(let s) = item else { throw mismatch(name, "a list of strings", item) }
            return s
        }
    }

    /// A table.
    public func table(_ name: String) throws -> Table {
        let v = try value(name)
        guard case .table(let t) = v else { throw mismatch(name, "a table", v) }
        return t
    }

    /// A library value of a given type.
    public func library<T: LibraryValue>(_ name: String, as _: T.Type) throws -> T {
        let v = try value(name)
        guard case .library(let l) = v, let t = l as? T else { throw mismatch(name, "a \(T.typeName)", v) }
        return t
    }
}

extension TableError {
    /// This error as a user-facing ``LabError``.
    var labError: LabError { LabError(.invalidInput, message) }
}

/// Runs a table operation, turning its error into a ``LabError``.
func tableOperation<T>(_ body: () throws(TableError) -> T) throws -> T {
    do { return try body() } catch { throw error.labError }
}
