/// The static type check of operators, for `lab lint`: a combination of operand types that fails
/// at run time for every value of those types is an error before anything runs.
///
/// Conservative: an operand of unknown type (`any`) never fails, so only combinations the
/// evaluator always rejects are reported (`"GADSG, " + k` with `k` an int, `-"a"`, `"a" < 1`).
enum OperandCheck {
    /// Why `a op b` always fails for operands of types `a` and `b`, or nil when it may work.
    static func problem(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType) -> String? {
        guard a != .any, b != .any else { return nil }
        let numeric: Set<ValueType> = [.int, .number]
        switch op {
        case .equal, .notEqual: return nil
        case .and, .or:
            // Only the left operand always runs (`false and x` never looks at `x`).
            return a == .bool ? nil : "`\(op.rawValue)` needs bools, but its left side is \(article(a))"
        case .less, .lessEqual, .greater, .greaterEqual:
            if numeric.contains(a) && numeric.contains(b) || a == .string && b == .string { return nil }
            return "cannot compare \(article(a)) with \(article(b)) using `\(op.rawValue)`"
        case .add, .subtract, .multiply, .divide, .remainder, .power:
            if numeric.contains(a) && numeric.contains(b) { return nil }
            if op == .add && (a == b && (a == .string || a == .list)) { return nil }
            var message = "`\(op.rawValue)` cannot combine \(article(a)) and \(article(b))"
            if op == .add, a == .string, numeric.contains(b) || b == .bool { message += "; write `… + str(…)` to join its text" }
            if op == .add, b == .string, numeric.contains(a) || a == .bool { message += "; write `str(…) + …` to join its text" }
            return message
        }
    }

    /// Why `-x` or `not x` always fails for an operand of type `t`, or nil.
    static func problem(_ op: UnaryOperator, _ t: ValueType) -> String? {
        guard t != .any else { return nil }
        switch op {
        case .negate: return t == .int || t == .number ? nil : "cannot negate \(article(t))"
        case .not: return t == .bool ? nil : "`not` needs a bool, but this is \(t)"
        }
    }

    /// "an int", "a string", ….
    static func article(_ t: ValueType) -> String {
        let name = "\(t)"
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }
}
