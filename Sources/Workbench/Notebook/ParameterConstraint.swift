import LabCore

/// The values a function parameter accepts beyond its type: a range of numbers, a set of
/// strings, or the keys (and values) of a record.
///
/// Declared once with the parameter (see ``FunctionSignature/Parameter``): `lab functions`
/// prints it, `lab lint` checks literal arguments against it before anything runs, and the
/// catalog checks every argument against it before the function's body sees it. A list argument
/// is checked item by item. Sizes (counts, samples, steps, …) declare their maximum here, so an
/// oversized request is an input error before anything is allocated.
public enum ParameterConstraint: Sendable, Hashable, CustomStringConvertible {
    /// Whole numbers from `lower` to `upper`, inclusive.
    case integers(ClosedRange<Int>)
    /// Finite numbers from `lower` to `upper`, inclusive.
    case numbers(ClosedRange<Double>)
    /// Finite numbers above zero, up to `upper` inclusive.
    case positive(upTo: Double)
    /// One of these strings.
    case strings([String])
    /// A record whose keys are among `names`, each value meeting `values` when given (e.g.
    /// overrides of named model constants). `lab lint` checks the keys of a record literal, and
    /// the values that are literals, at each field.
    indirect case fields([String], values: ParameterConstraint?)
    /// A string holding one expression of the cell language (see ``StandaloneExpression``);
    /// `lab lint` reports a literal's syntax errors.
    case expression

    public var description: String {
        switch self {
        case .integers(let r): "\(r.lowerBound)…\(r.upperBound)"
        case .numbers(let r): "\(Table.formatted(r.lowerBound))…\(Table.formatted(r.upperBound))"
        case .positive(let upper): "above 0, at most \(Table.formatted(upper))"
        case .strings(let s): s.joined(separator: " | ")
        case .fields(let names, let values): "a record of \(names.joined(separator: ", "))" + (values.map { " (each \($0))" } ?? "")
        case .expression: "an expression of the cell language"
        }
    }

    /// Why `value` is not accepted (`"must be …, not …"`), or nil when it is.
    public func violation(_ value: Value) -> String? {
        if case .list(let items) = value {
            for item in items { if let v = violation(item) { return v } }
            return nil
        }
        if case .fields = self {
            guard case .record(let fields) = value else { return nil }
            for field in fields { if let v = violation(field: field.key, value: field.value) { return v } }
            return nil
        }
        switch self {
        case .integers(let r):
            guard let d = value.asDouble else { return nil }
            guard d == d.rounded(), d >= Double(r.lowerBound), d <= Double(r.upperBound) else {
                return "must be a whole number from \(r.lowerBound) to \(r.upperBound), not \(value.summary)"
            }
        case .numbers(let r):
            guard let d = value.asDouble else { return nil }
            guard d.isFinite, r.contains(d) else {
                return "must be a finite number from \(Table.formatted(r.lowerBound)) to \(Table.formatted(r.upperBound)), not \(value.summary)"
            }
        case .positive(let upper):
            guard let d = value.asDouble else { return nil }
            guard d.isFinite, d > 0, d <= upper else {
                return "must be a finite number above 0 and at most \(Table.formatted(upper)), not \(value.summary)"
            }
        case .strings(let allowed):
            guard case .string(let s) = value, !allowed.contains(s) else { return nil }
            return "must be one of \(allowed.joined(separator: ", ")), not \(Expr.quote(s))\(Suggest.hint(for: s, in: allowed))"
        case .fields:
            break
        case .expression:
            guard case .string(let s) = value, let problem = StandaloneExpression.syntaxProblem(s) else { return nil }
            return "must be an expression of the cell language, but \(Expr.quote(s)) is not (\(problem))"
        }
        return nil
    }

    /// Why the record field `key` (with `value`, when known) is not accepted by ``fields(_:values:)``,
    /// or nil when it is (or when this is another kind of constraint).
    public func violation(field key: String, value: Value?) -> String? {
        guard case .fields(let names, let values) = self else { return nil }
        guard names.contains(key) else {
            let hint = Suggest.hint(for: key, in: names)
            return "has no field `\(key)`" + (hint.isEmpty ? "; the fields are \(names.joined(separator: ", "))" : hint)
        }
        guard let value, let values, let why = values.violation(value) else { return nil }
        return "field `\(key)` \(why)"
    }
}

/// An argument the function refuses, naming the parameter so the evaluator can point at the
/// argument's place in the notebook (or at the call, when the argument was left to its default).
public struct ArgumentError: Error, Sendable, Hashable {
    /// The parameter's name.
    public var parameter: String
    /// The whole message, e.g. "argument `epochs` of `gadsg.train` must be …".
    public var message: String

    /// Creates an error.
    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }
}
