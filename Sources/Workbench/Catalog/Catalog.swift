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
    /// A registered function: its binding type and the signature read off its declarations.
    public struct Function: Sendable {
        /// The binding.
        public var binding: any Binding.Type
        /// Its signature (computed once).
        public var signature: FunctionSignature
    }

    /// Functions by dotted name.
    public private(set) var functions: [String: Function] = [:]
    /// Decoders of library value types by type name.
    public private(set) var libraryTypes: [String: any LibraryValue.Type] = [:]

    /// An empty catalog.
    public init() {}

    /// A catalog of whole systems.
    public init(systems: [any CatalogSystem.Type]) {
        for system in systems {
            system.valueTypes.forEach { register($0) }
            system.bindings.forEach { register($0) }
        }
    }

    /// Every binding OffloadLab ships, one line per system.
    public static let standard = Catalog(systems: [
        LanguageBindings.self,
        LearningBindings.self,
        LAENetBindings.self,
        GraphDiffusionBindings.self,
        AIGCBindings.self,
        VehicularBindings.self,
        MultiMECBindings.self,
    ])

    /// Adds a function (replacing one of the same name).
    public mutating func register(_ binding: any Binding.Type) {
        let signature = binding.signature
        functions[signature.name] = Function(binding: binding, signature: signature)
    }

    /// Adds a library value type so stored values of it can be decoded.
    public mutating func register(_ type: any LibraryValue.Type) { libraryTypes[type.typeName] = type }

    public func signature(named name: String) -> FunctionSignature? { functions[name]?.signature }

    public var functionNames: [String] { functions.keys.sorted() }

    /// Calls a function with bound arguments: binds and checks them, then runs the body.
    public func call(_ name: String, _ arguments: [(name: String, value: Value)], context: any CallContext) throws -> Value {
        guard let f = functions[name] else { throw LabError(.invalidInput, "unknown function `\(name)`\(Suggest.hint(for: name, in: functionNames))") }
        return try f.binding.bind(arguments).call(context)
    }

    /// Documentation text: the one-line list, or one function in full.
    public func documentation(for name: String? = nil) throws -> String {
        guard let name else {
            let width = functionNames.map(\.count).max() ?? 0
            return functionNames.compactMap { n in
                guard let f = functions[n]?.signature else { return nil }
                let summary = f.doc.split(separator: "\n").first.map(String.init) ?? ""
                return n.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + summary
            }.joined(separator: "\n")
        }
        guard let f = functions[name]?.signature else {
            throw LabError(.invalidInput, "no function `\(name)`\(Suggest.hint(for: name, in: functionNames)); `lab functions` lists them all")
        }
        func defaultText(_ p: FunctionSignature.Parameter) -> String? {
            p.seedsFromCell ? "the call's seed (from the notebook seed and the cell)" : p.defaultValue.map(\.summary)
        }
        let params = f.parameters.map { p in
            "\(p.name): \(p.type)" + (defaultText(p).map { " = \(p.seedsFromCell ? "cell seed" : $0)" } ?? "")
        }.joined(separator: ", ")
        var lines = ["\(f.name)(\(params)) -> \(f.returns)", "", f.doc, ""]
        // Names are never cut: the column is as wide as the longest (at least 12).
        let nameWidth = max(12, f.parameters.map(\.name.count).max() ?? 0)
        for p in f.parameters {
            let accepted = p.constraint.map { "; \($0)" } ?? ""
            lines.append("  \(p.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)) \(p.type)\(accepted)\(defaultText(p).map { ", default \($0)" } ?? ", required")\(p.doc.isEmpty ? "" : ": \(p.doc)")")
        }
        lines.append("")
        lines.append("version \(f.version)\(f.memoised ? ", memoised in the store by (name, version, arguments)" : "")")
        return lines.joined(separator: "\n")
    }
}
