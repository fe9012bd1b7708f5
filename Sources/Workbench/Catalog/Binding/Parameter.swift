import LabCore
import Notebook
import Synchronization

/// One parameter of a ``Binding``, declared once: type, default, accepted values, documentation.
///
/// ```
/// @Parameter(default: 50, .integers(1...100_000), doc: "passes over the training set") var epochs: Int
/// @Parameter(doc: "exact, mcmf, random, ao or local") var method: SolverMethod
/// @Parameter(.cellSeed, doc: "generator seed") var seed: UInt64
/// ```
///
/// A property without a default is required. A `String`-backed `CaseIterable` type accepts
/// exactly its cases. An argument outside the declared constraint is an error at the argument's
/// place in the notebook, never silently clamped.
@propertyWrapper
public struct Parameter<V: ArgumentValue>: Decodable, Sendable, ParameterDeclaring {
    enum State: Sendable {
        case declared(default: V?, constraint: ParameterConstraint?, seedsFromCell: Bool, doc: String)
        case bound(V, name: String, log: ArgumentReadLog?)
    }
    let state: State
    /// Whether the argument is part of the call key at its default (see ``FunctionSignature/Parameter/keyedAtDefault``).
    var keyedAtDefault = true
    /// Whether the argument is part of the call key at all (see ``FunctionSignature/Parameter/keyed``).
    var keyed = true

    /// Declares a parameter with an optional default and constraint.
    public init(default value: V? = nil, _ constraint: ParameterConstraint? = nil, doc: String = "") {
        state = .declared(default: value, constraint: constraint, seedsFromCell: false, doc: doc)
    }

    /// Declares a parameter added to a memoised function after results were stored: at its default
    /// it is left out of the call key, so calls that do not give it keep their stored results.
    public init(default value: V, _ constraint: ParameterConstraint? = nil, doc: String = "", keyedAtDefault: Bool) {
        self.init(default: value, constraint, doc: doc)
        self.keyedAtDefault = keyedAtDefault
    }

    /// Declares a parameter that cannot change the result (how many checkpoints to keep): never
    /// part of the call key, so changing it reuses the stored result.
    public init(default value: V, _ constraint: ParameterConstraint? = nil, doc: String = "", keyed: Bool) {
        self.init(default: value, constraint, doc: doc)
        self.keyed = keyed
    }

    /// Declares a seed that, when omitted, is the call's seed derived from the notebook seed, the
    /// cell id and the call's position in the cell.
    public init(_ seed: CellSeed, doc: String = "") where V == UInt64 {
        state = .declared(default: nil, constraint: .integers(0...Int.max), seedsFromCell: true, doc: doc)
    }

    /// The bound argument.
    ///
    /// Read only inside ``Binding/call(_:)`` of an instance made by ``Binding/bind(_:log:)``;
    /// a declaration has no value.
    public var wrappedValue: V {
        guard case .bound(let value, let name, let log) = state else {
            preconditionFailure("a Parameter was read on a declaration; bindings run only through Binding.bind")
        }
        log?.record(name)
        return value
    }

    public init(from decoder: any Decoder) throws {
        guard let d = decoder as? BindingDecoder, let name = d.key.map(BindingDecoder.notebookName), let value = d.values[name] as? V else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Parameter is bound only by Binding.bind"))
        }
        state = .bound(value, name: name, log: d.log)
    }

    func declarations(property: String) -> [ParameterDeclaration] {
        guard case .declared(let value, let declared, let seedsFromCell, let doc) = state else { return [] }
        let constraint = declared ?? V.choices.map(ParameterConstraint.strings)
        let name = BindingDecoder.notebookName(property)
        var parameter = FunctionSignature.Parameter(name, V.valueType, default: value?.argument, constraint: constraint,
                                                    seedsFromCell: seedsFromCell, doc: doc)
        parameter.keyedAtDefault = keyedAtDefault
        parameter.keyed = keyed
        return [ParameterDeclaration(name: name, parameter: parameter) { v in
            if let why = constraint?.violation(v) { throw ArgumentReason(text: why) }
            guard let converted = V(argument: v) else {
                throw ArgumentReason(text: "must be \(V.expectation), but it is \(v.type) \(v.summary.prefix(40))")
            }
            return converted
        }]
    }
}

/// The marker of a seed parameter that defaults to the call's derived seed: `@Parameter(.cellSeed)`.
public enum CellSeed: Sendable {
    /// Omitted ⇒ derived from the notebook seed, the cell id and the call's position.
    case cellSeed
}

/// Something that declares parameters: an ``Parameter`` or an ``ParameterGroup``.
protocol ParameterDeclaring {
    /// The parameters declared by the property named `property`.
    func declarations(property: String) -> [ParameterDeclaration]
}

/// One declared parameter: its signature entry and the conversion that checks a value against it.
struct ParameterDeclaration: Sendable {
    var name: String
    var parameter: FunctionSignature.Parameter
    var convert: @Sendable (Value) throws -> any Sendable
}

/// Why a value does not fit a declaration (the tail of an ``ArgumentError``'s message).
struct ArgumentReason: Error {
    var text: String
}

/// The parameters a binding's body read, by notebook name (for the declaration/body agreement test).
public final class ArgumentReadLog: Sendable {
    private let names = Mutex<Set<String>>([])

    /// An empty log.
    public init() {}

    /// The names read so far.
    public var read: Set<String> { names.withLock { $0 } }

    func record(_ name: String) { _ = names.withLock { $0.insert(name) } }
}
