import LabCore
import Notebook

extension Catalog {
    /// `list.*`: the few list helpers comprehensions need to pair per-scale results.
    mutating func registerLists() {
        register(CatalogFunction(FunctionSignature(
            name: "list.range", parameters: [.init("count", .int, doc: "how many indices")],
            returns: .list, version: 1, doc: "The indices 0, 1, …, count − 1."
        )) { args, _ in
            let n = try args.int("count")
            guard n >= 0, n <= 10_000_000 else { throw LabError(.invalidInput, "`count` must be between 0 and 10000000, not \(n)") }
            return .list((0..<n).map { .int($0) })
        })
        register(CatalogFunction(FunctionSignature(
            name: "list.len", parameters: [.init("items", .list)], returns: .int, version: 1, doc: "The number of items in a list."
        )) { args, _ in .int(try args.list("items").count) })
        register(CatalogFunction(FunctionSignature(
            name: "list.zip", parameters: [.init("first", .list), .init("second", .list)], returns: .list, version: 1,
            doc: "Pairs items at the same position: [[a0, b0], [a1, b1], …].\nThe lists must have the same length (a mismatch is an error, not a silent truncation)."
        )) { args, _ in
            let a = try args.list("first"), b = try args.list("second")
            guard a.count == b.count else { throw LabError(.invalidInput, "`list.zip` needs lists of equal length, got \(a.count) and \(b.count)") }
            return .list(zip(a, b).map { .list([$0, $1]) })
        })
        register(CatalogFunction(FunctionSignature(
            name: "list.product", parameters: [.init("lists", .list, doc: "the lists to combine, e.g. [profiles, scales, seeds]")],
            returns: .list, version: 1,
            doc: "Every combination of one item from each list, as [a, b, …], the last list varying fastest.\nFor sweeping an experiment over profiles × scales × seeds with one comprehension; item k of a combination is `c[k]`."
        )) { args, _ in
            let lists = try args.list("lists").map { v -> [Value] in
                guard case .list(let items) = v else { throw LabError(.invalidInput, "`list.product` takes a list of lists, not a list holding \(v.type)") }
                return items
            }
            let total = lists.reduce(1) { $0 * $1.count }
            guard !lists.isEmpty, total <= 1_000_000 else {
                throw LabError(.invalidInput, lists.isEmpty ? "`list.product` needs at least one list" : "`list.product` would make \(total) combinations (limit 1000000)")
            }
            var combos: [[Value]] = [[]]
            for items in lists { combos = combos.flatMap { prefix in items.map { prefix + [$0] } } }
            return .list(combos.map { .list($0) })
        })
        register(CatalogFunction(FunctionSignature(
            name: "list.index_of", parameters: [.init("items", .list), .init("item", .any, doc: "the value to look for")],
            returns: .int, version: 1,
            doc: "The position of the first item equal to `item` (same type and value: 1 and 1.0 differ).\nAn item that is absent is an error naming the items, not −1, so a typo cannot silently pick the wrong row."
        )) { args, _ in
            let items = try args.list("items"), wanted = try args.value("item")
            let key = wanted.encoded()
            guard let i = items.firstIndex(where: { $0.encoded() == key }) else {
                let shown = items.prefix(8).map(\.summary).joined(separator: ", ")
                throw LabError(.invalidInput, "`list.index_of`: \(wanted.summary) is not among the \(items.count) items [\(shown)\(items.count > 8 ? ", …" : "")]")
            }
            return .int(i)
        })
    }
}
