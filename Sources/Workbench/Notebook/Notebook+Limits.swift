extension Notebook {
    /// The deepest expression a cell may hold: 200 levels of brackets, operators, calls, members
    /// and indexing together.
    ///
    /// The parser, the static checks and the evaluator walk expressions recursively, so the
    /// depth of a syntax tree is bounded before any of them sees it; a deeper expression is a
    /// notebook error (exit 2) at the place where the limit is crossed. Real cells stay below 20.
    public static let maximumExpressionDepth = 200

    /// The most items one cell's evaluation may build with list comprehensions, list literals and
    /// `+` on lists or strings (a string counts its characters): 10,000,000.
    ///
    /// Checked as items are produced, before the memory is taken, so that `[x for x in xs]` over a
    /// huge list or a chain of `xs = ys + ys` doublings fails at its location (exit 2) instead of
    /// exhausting memory. Library functions have their own documented limits.
    public static let maximumItems = 10_000_000
}
