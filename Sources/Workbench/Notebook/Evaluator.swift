import Foundation
import LabCore

/// Evaluates a cell's statements given its inputs, the parameters and a way to call functions.
///
/// Pure apart from `call`: the runner decides how library calls run (memoised, with a progress
/// and checkpoint context). Errors carry the notebook position of the expression that failed.
public struct Evaluator {
    /// Calls a library function with fully bound arguments (defaults filled in).
    public typealias Call = (_ signature: FunctionSignature, _ arguments: [(name: String, value: Value)], _ range: SourceRange) throws -> Value

    let notebook: Notebook
    let catalog: any FunctionLookup
    let params: [String: Value]
    let call: Call
    /// Told the length of every comprehension's list (by the comprehension's range) before its
    /// items are evaluated, so the runner can count the calls a cell will make.
    public var comprehensionStarted: ((SourceRange, Int) -> Void)?

    /// Creates an evaluator.
    public init(notebook: Notebook, catalog: any FunctionLookup, params: [String: Value], call: @escaping Call) {
        self.notebook = notebook
        self.catalog = catalog
        self.params = params
        self.call = call
    }

    /// What a cell produced: its bindings in order and the value of a final bare expression.
    public struct Outcome: Sendable {
        /// Names bound by the cell, in order.
        public var bindings: [(name: String, value: Value)]
        /// The shown output: the last statement's value if it is a bare expression.
        public var output: Value?
    }

    /// Runs `cell` with `inputs` (the values of the names it reads from other cells).
    ///
    /// Integer arithmetic that overflows, division or a power of zero by zero, and building more
    /// than ``Notebook/maximumItems`` items are errors at the expression's location.
    public func run(_ cell: Cell, inputs: [String: Value]) throws -> Outcome {
        var env = inputs
        var budget = Notebook.maximumItems
        var bindings: [(name: String, value: Value)] = []
        var output: Value?
        for (i, statement) in cell.program.statements.enumerated() {
            let v = try eval(statement.value, env, &budget)
            switch statement {
            case .binding(let name, _, _):
                env[name] = v
                bindings.append((name, v))
                output = nil
            case .expression:
                output = i == cell.program.statements.count - 1 ? v : nil
            }
        }
        return Outcome(bindings: bindings, output: output)
    }

    func fail(_ message: String, _ range: SourceRange) -> LabError {
        notebook.diagnostic(message, at: range).labError.with(code: .failure)
    }

    /// Takes `count` items from the cell's budget, failing at `range` when it runs out.
    func spend(_ count: Int, _ budget: inout Int, _ range: SourceRange) throws {
        guard count <= budget else {
            throw fail("this cell builds more than \(Notebook.maximumItems) list items or string characters (the limit of list comprehensions, list literals and `+`); work on a smaller list or let a library function do it", range)
        }
        budget -= count
    }

    /// Evaluates `e`; `budget` is what remains of the cell's ``Notebook/maximumItems``.
    func eval(_ e: Expr, _ env: [String: Value], _ budget: inout Int) throws -> Value {
        switch e.kind {
        case .integer(let v): return .int(v)
        case .number(let v): return .number(v)
        case .string(let v): return .string(v)
        case .bool(let v): return .bool(v)
        case .name(let n):
            guard let v = env[n] else { throw fail("`\(n)` has no value (its cell failed or did not run)", e.range) }
            return v
        case .list(let items):
            try spend(items.count, &budget, e.range)
            return .list(try items.map { try eval($0, env, &budget) })
        case .record(let fields): return .record(try fields.map { Value.Field($0.key, try eval($0.value, env, &budget)) })
        case .member(let base, let m):
            if case .name("params") = base.kind {
                guard let v = params[m] else { throw fail("parameter `\(m)` has no value", e.range) }
                return v
            }
            let b = try eval(base, env, &budget)
            guard let v = b.member(m) else { throw fail("\(b.type) value has no member `\(m)`", e.range) }
            return v
        case .index(let base, let index):
            return try subscriptValue(try eval(base, env, &budget), try eval(index, env, &budget), e.range)
        case .call(let callee, let args):
            guard let path = callee.dottedPath, let signature = catalog.signature(named: path) else {
                throw fail("unknown function", callee.range)
            }
            return try callFunction(signature, args, env, e.range, &budget)
        case .unary(.negate, let x):
            switch try eval(x, env, &budget) {
            case .int(let i):
                guard i != .min else { throw fail("integer overflow: -(\(i)) does not fit in a 64-bit integer", e.range) }
                return .int(-i)
            case .number(let d): return .number(-d)
            case let v: throw fail("cannot negate a \(v.type)", e.range)
            }
        case .unary(.not, let x):
            guard case .bool(let b) = try eval(x, env, &budget) else { throw fail("`not` needs a bool", x.range) }
            return .bool(!b)
        case .binary(.and, let a, let b):
            guard case .bool(let x) = try eval(a, env, &budget) else { throw fail("`and` needs bools", a.range) }
            if !x { return .bool(false) }
            guard case .bool(let y) = try eval(b, env, &budget) else { throw fail("`and` needs bools", b.range) }
            return .bool(y)
        case .binary(.or, let a, let b):
            guard case .bool(let x) = try eval(a, env, &budget) else { throw fail("`or` needs bools", a.range) }
            if x { return .bool(true) }
            guard case .bool(let y) = try eval(b, env, &budget) else { throw fail("`or` needs bools", b.range) }
            return .bool(y)
        case .binary(let op, let a, let b):
            let (x, y) = (try eval(a, env, &budget), try eval(b, env, &budget))
            if op == .add {
                switch (x, y) {
                case (.list(let l), .list(let r)): try spend(l.count + r.count, &budget, e.range)
                case (.string(let l), .string(let r)): try spend(l.utf8.count + r.utf8.count, &budget, e.range)
                default: break
                }
            }
            return try binary(op, x, y, e.range)
        case .comprehension(let element, let variable, let sequence, let condition):
            guard case .list(let items) = try eval(sequence, env, &budget) else { throw fail("a comprehension iterates over a list", sequence.range) }
            comprehensionStarted?(e.range, items.count)
            var out: [Value] = []
            var scope = env
            for item in items {
                try spend(1, &budget, e.range)
                scope[variable] = item
                if let condition {
                    guard case .bool(let keep) = try eval(condition, scope, &budget) else { throw fail("the `if` of a comprehension needs a bool", condition.range) }
                    if !keep { continue }
                }
                out.append(try eval(element, scope, &budget))
            }
            return .list(out)
        }
    }

    func callFunction(_ signature: FunctionSignature, _ args: [CallArgument], _ env: [String: Value], _ range: SourceRange,
                      _ budget: inout Int) throws -> Value {
        var given: [String: Value] = [:], places: [String: SourceRange] = [:]
        for (p, a) in zip(signature.parameters, args.filter { $0.label == nil }) { (given[p.name], places[p.name]) = (try eval(a.value, env, &budget), a.value.range) }
        for a in args where a.label != nil { (given[a.label!], places[a.label!]) = (try eval(a.value, env, &budget), a.value.range) }
        var bound: [(name: String, value: Value)] = []
        for p in signature.parameters {
            // An omitted cell-seeded parameter is bound by the caller (the runner knows the seed).
            if given[p.name] == nil && p.seedsFromCell { continue }
            guard let v = given[p.name] ?? p.defaultValue else { throw fail("`\(signature.name)` is missing argument `\(p.name)`", range) }
            guard v.type.conforms(to: p.type) else {
                throw fail("argument `\(p.name)` of `\(signature.name)` must be \(p.type), but this is \(v.type)", range)
            }
            bound.append((p.name, p.type == .number ? (v.asDouble.map { .number($0) } ?? v) : v))
        }
        do {
            return try call(signature, bound, range)
        } catch let error as ArgumentError {
            // Out of range: point at the argument, or at the call when the default was used.
            let place = (places[error.parameter] ?? range).start
            throw LabError(.invalidInput, error.message, at: SourceLocation(file: notebook.path, line: place.line, column: place.column))
        } catch var error as LabError {
            if error.location == nil {
                error.location = SourceLocation(file: notebook.path, line: range.start.line, column: range.start.column)
            }
            throw error
        }
    }

    func subscriptValue(_ base: Value, _ index: Value, _ range: SourceRange) throws -> Value {
        switch (base, index) {
        case (.list(let items), .int(let i)):
            let j = i < 0 ? items.count + i : i
            guard j >= 0 && j < items.count else { throw fail("index \(i) is out of range for a list of \(items.count)", range) }
            return items[j]
        case (.record, .string(let k)), (.table, .string(let k)), (.library, .string(let k)):
            guard let v = base.member(k) else { throw fail("\(base.type) value has no entry \(Expr.quote(k))", range) }
            return v
        default:
            throw fail("cannot index a \(base.type) with a \(index.type)", range)
        }
    }

    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Value {
        switch op {
        case .equal: return .bool(a.encoded() == b.encoded() || (a.asDouble != nil && a.asDouble == b.asDouble))
        case .notEqual: return .bool(!(a.encoded() == b.encoded() || (a.asDouble != nil && a.asDouble == b.asDouble)))
        case .less, .lessEqual, .greater, .greaterEqual:
            let order: Int
            if let x = a.asDouble, let y = b.asDouble {
                order = x < y ? -1 : (x > y ? 1 : 0)
            } else if case .string(let x) = a, case .string(let y) = b {
                order = x < y ? -1 : (x > y ? 1 : 0)
            } else {
                throw fail("cannot compare a \(a.type) with a \(b.type)", range)
            }
            switch op {
            case .less: return .bool(order < 0)
            case .lessEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        default: break
        }
        switch (a, b) {
        case (.int(let x), .int(let y)) where op != .divide && op != .power:
            let (r, overflow): (Int, Bool)
            switch op {
            case .add: (r, overflow) = x.addingReportingOverflow(y)
            case .subtract: (r, overflow) = x.subtractingReportingOverflow(y)
            case .multiply: (r, overflow) = x.multipliedReportingOverflow(by: y)
            default:
                guard y != 0 else { throw fail("remainder by zero", range) }
                (r, overflow) = x.remainderReportingOverflow(dividingBy: y)
            }
            guard !overflow else { throw fail("integer overflow: \(x) \(op.rawValue) \(y) does not fit in a 64-bit integer", range) }
            return .int(r)
        case (.string(let x), .string(let y)) where op == .add: return .string(x + y)
        case (.list(let x), .list(let y)) where op == .add: return .list(x + y)
        default: break
        }
        guard let x = a.asDouble, let y = b.asDouble else { throw fail("`\(op.rawValue)` cannot combine a \(a.type) and a \(b.type)", range) }
        switch op {
        case .add: return .number(x + y)
        case .subtract: return .number(x - y)
        case .multiply: return .number(x * y)
        case .divide:
            guard y != 0 else { throw fail("division by zero", range) }
            return .number(x / y)
        case .remainder:
            guard y != 0 else { throw fail("remainder by zero", range) }
            return .number(x.truncatingRemainder(dividingBy: y))
        case .power:
            // Like `/`: a negative power of zero divides by zero.
            guard !(x == 0 && y < 0) else { throw fail("division by zero: zero to a negative power", range) }
            if case .int(let base) = a, case .int(let exp) = b, exp >= 0 {
                guard let r = Evaluator.integerPower(base, exp) else {
                    throw fail("integer overflow: \(base) ** \(exp) does not fit in a 64-bit integer; write \(base).0 ** \(exp) for a decimal result", range)
                }
                return .int(r)
            }
            return .number(Foundation.pow(x, y))
        default: throw fail("unsupported operator", range)
        }
    }
}

extension Evaluator {
    /// `base ** exponent` by repeated squaring (at most 63 squarings), or nil on overflow.
    static func integerPower(_ base: Int, _ exponent: Int) -> Int? {
        var (result, square, e) = (1, base, exponent)
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: square)
                if o { return nil }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (q, o) = square.multipliedReportingOverflow(by: square)
                // A remaining bit would multiply the result by at least this square: it overflows too.
                if o { return nil }
                square = q
            }
        }
        return result
    }
}

extension LabError {
    /// The same error under another code.
    func with(code: Code) -> LabError {
        var e = self
        e.code = code
        return e
    }
}
