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
}
