extension CellProgram {
    /// How many times a run of this program calls `function`, counted from its call sites; nil
    /// when a call sits inside a comprehension, whose count is known only at run time.
    ///
    /// The progress line shows it as the total of "gadsg.train 2/6".
    public func callCount(of function: String) -> Int? {
        var count = 0
        var inLoop = false
        func walk(_ e: Expr, looping: Bool) {
            if case .call(let callee, _) = e.kind, callee.dottedPath == function {
                count += 1
                if looping { inLoop = true }
            }
            if case .comprehension(let element, _, let sequence, let condition) = e.kind {
                walk(sequence, looping: looping)
                walk(element, looping: true)
                if let condition { walk(condition, looping: true) }
                return
            }
            for child in e.children { walk(child, looping: looping) }
        }
        for statement in statements { walk(statement.value, looping: false) }
        return inLoop ? nil : count
    }

    /// How many times the program calls `function`, given the lengths of the comprehensions
    /// evaluated so far (`lengths`, keyed by the comprehension's range): nil while a comprehension
    /// around a call has not started, or filters its items with an `if`.
    ///
    /// A comprehension's length is known once its list is evaluated, so a cell
    /// `[gadsg.train(d) for d in sets]` counts its calls as soon as the first one starts. A nested
    /// comprehension counts with the length of its latest evaluation (the same list each time in
    /// the usual `[[f(d, s) for s in seeds] for d in sets]`).
    public func expectedCallCount(of function: String, lengths: [SourceRange: Int]) -> Int? {
        func count(_ e: Expr) -> Int? {
            if case .comprehension(let element, _, let sequence, let condition) = e.kind {
                guard let outside = count(sequence), let inside = count(element) else { return nil }
                let filtered = condition.map { count($0) } ?? 0
                guard let filtered else { return nil }
                if inside + filtered == 0 { return outside }
                guard condition == nil || inside == 0, let n = lengths[e.range] else { return nil }
                return outside + n * (inside + filtered)
            }
            var total = 0
            if case .call(let callee, _) = e.kind, callee.dottedPath == function { total = 1 }
            for child in e.children {
                guard let c = count(child) else { return nil }
                total += c
            }
            return total
        }
        var total = 0
        for statement in statements {
            guard let c = count(statement.value) else { return nil }
            total += c
        }
        return total
    }
}
