import LabCore
import Notebook

/// `list.range`
struct ListRange: Binding {
    /// The most indices one call may make.
    static let maximumCount = 10_000_000
    static let description = BindingDescription("list.range", returns: .list, doc: "The indices 0, 1, …, count − 1.")
    @Parameter(.integers(0...maximumCount), doc: "how many indices") var count: Int

    func call(_ context: any CallContext) throws -> Value { .list((0..<count).map { .int($0) }) }
}

/// `list.len`
struct ListLen: Binding {
    static let description = BindingDescription("list.len", returns: .int, doc: "The number of items in a list.")
    @Parameter var items: [Value]

    func call(_ context: any CallContext) throws -> Value { .int(items.count) }
}

/// `list.zip`
struct ListZip: Binding {
    static let description = BindingDescription("list.zip", returns: .list,
        doc: "Pairs items at the same position: [[a0, b0], [a1, b1], …].\nThe lists must have the same length (a mismatch is an error, not a silent truncation).")
    @Parameter var first: [Value]
    @Parameter var second: [Value]

    func call(_ context: any CallContext) throws -> Value {
        guard first.count == second.count else { throw LabError(.invalidInput, "`list.zip` needs lists of equal length, got \(first.count) and \(second.count)") }
        return .list(zip(first, second).map { .list([$0, $1]) })
    }
}

/// `list.product`
struct ListProduct: Binding {
    /// The most combinations one call may make.
    static let maximumCombinations = 1_000_000
    static let description = BindingDescription("list.product", returns: .list,
        doc: "Every combination of one item from each list, as [a, b, …], the last list varying fastest.\nFor sweeping an experiment over profiles × scales × seeds with one comprehension; item k of a combination is `c[k]`; at most 1000000 combinations.")
    @Parameter(doc: "the lists to combine, e.g. [profiles, scales, seeds]") var lists: [Value]

    func call(_ context: any CallContext) throws -> Value {
        let all = try lists.map { v -> [Value] in
            guard case .list(let items) = v else { throw ArgumentError(parameter: "lists", message: "`list.product` takes a list of lists, not a list holding \(v.type)") }
            return items
        }
        guard !all.isEmpty else { throw ArgumentError(parameter: "lists", message: "`list.product` needs at least one list") }
        var total = 1
        for items in all {
            let (t, overflow) = total.multipliedReportingOverflow(by: items.count)
            guard !overflow, t <= Self.maximumCombinations else {
                throw ArgumentError(parameter: "lists", message: "`list.product` would make more than \(Self.maximumCombinations) combinations")
            }
            total = t
        }
        var combos: [[Value]] = [[]]
        for items in all { combos = combos.flatMap { prefix in items.map { prefix + [$0] } } }
        return .list(combos.map { .list($0) })
    }
}

/// `list.index_of`
struct ListIndexOf: Binding {
    static let description = BindingDescription("list.index_of", returns: .int,
        doc: "The position of the first item equal to `item` (same type and value: 1 and 1.0 differ).\nAn item that is absent is an error naming the items, not −1, so a typo cannot silently pick the wrong row.")
    @Parameter var items: [Value]
    @Parameter(doc: "the value to look for") var item: Value

    func call(_ context: any CallContext) throws -> Value {
        let key = item.encoded()
        guard let i = items.firstIndex(where: { $0.encoded() == key }) else {
            let shown = items.prefix(8).map(\.summary).joined(separator: ", ")
            throw LabError(.invalidInput, "`list.index_of`: \(item.summary) is not among the \(items.count) items [\(shown)\(items.count > 8 ? ", …" : "")]")
        }
        return .int(i)
    }
}
