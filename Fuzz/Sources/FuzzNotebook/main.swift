import FuzzSupport
import LabCore
import Notebook

/// A fixed function table shaped like the real catalog's (namespaces, keywords, defaults, types).
struct FuzzCatalog: FunctionLookup {
    let signatures: [FunctionSignature] = [
        FunctionSignature(name: "laenet.dataset", parameters: [
            .init("scale", .string), .init("count", .int, default: .int(200)), .init("seed", .int, default: .int(0)),
        ], returns: .library("laenet.dataset"), version: 1, memoised: true),
        FunctionSignature(name: "laenet.solve", parameters: [.init("dataset", .library("laenet.dataset")), .init("method", .string)],
                          returns: .table, version: 1, memoised: true),
        FunctionSignature(name: "table.mean", parameters: [.init("table", .table), .init("by", .string)], returns: .table, version: 1),
        FunctionSignature(name: "list.len", parameters: [.init("list", .list)], returns: .int, version: 1),
    ]
    func signature(named name: String) -> FunctionSignature? { signatures.first { $0.name == name } }
    var functionNames: [String] { signatures.map(\.name) }
}

/// Parses the input as a notebook, analyses it, renders every diagnostic and canonicalises every
/// cell (what `lab lint` and cache keys do): any input must give a notebook or diagnostics.
func fuzzNotebook(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    do {
        let notebook = try Notebook.parse(text, path: "fuzz.md")
        let analysis = Analysis(notebook, catalog: FuzzCatalog())
        for d in analysis.diagnostics { _ = d.description }
        for cell in notebook.cells { _ = cell.program.canonicalText }
        _ = try? notebook.parameterValues(overrides: [:])
    } catch {
        _ = error.description
    }
    return 0
}

runLibFuzzer { data, count in fuzzNotebook(data, count) }
