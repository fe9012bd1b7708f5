@testable import Notebook

/// A small fixed function table with the shapes of the real catalog's first bindings.
struct TestCatalog: FunctionLookup {
    let signatures: [FunctionSignature] = [
        FunctionSignature(name: "laenet.dataset", parameters: [
            .init("scale", .string), .init("count", .int, default: .int(200)), .init("profile", .string, default: .string("balanced")),
            .init("seed", .int, default: .int(0)),
        ], returns: .library("laenet.dataset"), version: 1, memoised: true),
        FunctionSignature(name: "laenet.solve", parameters: [
            .init("dataset", .library("laenet.dataset")), .init("method", .string),
        ], returns: .table, version: 1, memoised: true),
        FunctionSignature(name: "table.mean", parameters: [.init("table", .table), .init("by", .string)], returns: .table, version: 1),
        FunctionSignature(name: "plot.bars", parameters: [.init("table", .table), .init("x", .string), .init("y", .string)], returns: .figure, version: 1),
    ]

    func signature(named name: String) -> FunctionSignature? { signatures.first { $0.name == name } }
    var functionNames: [String] { signatures.map(\.name) }
}

/// Parses and analyses; returns the rendered diagnostics or nil when the notebook is clean.
func diagnose(_ text: String, path: String = "nb.md") -> String? {
    do {
        let notebook = try Notebook.parse(text, path: path)
        let analysis = Analysis(notebook, catalog: TestCatalog())
        try analysis.validate()
        return nil
    } catch {
        return error.description
    }
}
