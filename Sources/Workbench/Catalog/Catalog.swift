import Foundation
import LabCore
import Notebook

/// The registry of functions cells can call, and of library value types the store can decode.
///
/// ```
/// lab functions                 # every function, one line each
/// lab functions laenet.solve    # one function's full documentation
/// ```
public struct Catalog: FunctionCatalog, Sendable {
    /// Functions by dotted name.
    public private(set) var functions: [String: CatalogFunction] = [:]
    /// Decoders of library value types by type name.
    public private(set) var libraryTypes: [String: any LibraryValue.Type] = [:]

    /// An empty catalog.
    public init() {}

    /// Every binding OffloadLab ships: tables, plots, the LAENet and AIGC systems, the learning demo.
    public static let standard: Catalog = {
        var c = Catalog()
        c.registerTables()
        c.registerLists()
        c.registerTableShaping()
        c.registerPlots()
        c.registerLAENet()
        c.registerLearning()
        c.registerAIGC()
        c.registerAIGCDrops()
        c.registerDiffusion()
        c.registerBaselines()
        return c
    }()

    /// Adds a function (replacing one of the same name).
    public mutating func register(_ function: CatalogFunction) { functions[function.signature.name] = function }

    /// Adds a library value type so stored values of it can be decoded.
    public mutating func register(_ type: any LibraryValue.Type) { libraryTypes[type.typeName] = type }

    public func signature(named name: String) -> FunctionSignature? { functions[name]?.signature }

    public var functionNames: [String] { functions.keys.sorted() }

    /// Calls a function with bound arguments.
    public func call(_ name: String, _ arguments: [(name: String, value: Value)], context: any CallContext) throws -> Value {
        guard let f = functions[name] else { throw LabError(.invalidInput, "unknown function `\(name)`\(Suggest.hint(for: name, in: functionNames))") }
        return try f.implementation(Arguments(function: name, values: arguments), context)
    }

    /// Documentation text: the one-line list, or one function in full.
    public func documentation(for name: String? = nil) throws -> String {
        guard let name else {
            let width = functionNames.map(\.count).max() ?? 0
            return functionNames.map { n in
                let f = functions[n]!.signature
                let summary = f.doc.split(separator: "\n").first.map(String.init) ?? ""
                return n.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + summary
            }.joined(separator: "\n")
        }
        guard let f = functions[name]?.signature else {
            throw LabError(.invalidInput, "no function `\(name)`\(Suggest.hint(for: name, in: functionNames)); `lab functions` lists them all")
        }
        let params = f.parameters.map { p in
            "\(p.name): \(p.type)" + (p.defaultValue.map { " = \($0.summary)" } ?? "")
        }.joined(separator: ", ")
        var lines = ["\(f.name)(\(params)) -> \(f.returns)", "", f.doc, ""]
        for p in f.parameters {
            lines.append("  \(p.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(p.type)\(p.defaultValue.map { ", default \($0.summary)" } ?? ", required")\(p.doc.isEmpty ? "" : ": \(p.doc)")")
        }
        lines.append("")
        lines.append("version \(f.version)\(f.memoised ? ", memoised in the store by (name, version, arguments)" : "")")
        return lines.joined(separator: "\n")
    }
}
