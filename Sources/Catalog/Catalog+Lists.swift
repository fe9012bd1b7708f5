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
    }
}
