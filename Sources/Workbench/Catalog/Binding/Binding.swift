import LabCore
import Notebook

/// A library function callable from cells, declared once as a type.
///
/// Each parameter is an ``Parameter`` property (name, type, default, documentation and the
/// values it accepts, in one declaration); shared parameter sets are ``ParameterGroup``s.
/// `lab functions` prints the signature read off those declarations, `lab lint` checks literal
/// arguments against them, and ``call(_:)`` runs on an instance whose properties hold the
/// arguments, already converted and checked:
///
/// ```
/// struct Range: Binding {
///     static let description = BindingDescription("list.range", returns: .list, doc: "The indices 0, 1, …, count − 1.")
///     @Parameter(.integers(0...10_000_000), doc: "how many indices") var count: Int
///     func call(_ context: any CallContext) throws -> Value { .list((0..<count).map { .int($0) }) }
/// }
/// ```
///
/// A property's notebook name is its Swift name in snake case (`batchSize` is `batch_size`).
/// Every stored property of a binding must be an ``Parameter`` or an ``ParameterGroup``.
public protocol Binding: ParameterGroupContent {
    /// The function's dotted name, result type, version, memoisation and documentation.
    static var description: BindingDescription { get }
    /// Runs the function on the bound arguments.
    func call(_ context: any CallContext) throws -> Value
}

/// What a ``Binding`` declares besides its parameters.
public struct BindingDescription: Sendable {
    /// Dotted name, e.g. `laenet.dataset`.
    public var name: String
    /// The result type.
    public var returns: ValueType
    /// Bumped on any semantic change; part of every cache key that calls the function.
    public var version: Int
    /// True when calls are memoised in the store by (name, version, arguments).
    public var memoised: Bool
    /// One-line summary, then details.
    public var doc: String
    /// The parameter naming the files the function reads (see ``FunctionSignature/filesParameter``).
    public var filesParameter: String?

    /// Creates a description.
    public init(_ name: String, returns: ValueType, version: Int = 1, memoised: Bool = false, doc: String, filesParameter: String? = nil) {
        (self.name, self.returns, self.version, self.memoised, self.doc) = (name, returns, version, memoised, doc)
        self.filesParameter = filesParameter
    }
}

extension Binding {
    /// The signature read off the declarations.
    public static var signature: FunctionSignature {
        var signature = FunctionSignature(name: description.name, parameters: declarations.map(\.parameter), returns: description.returns,
                                          version: description.version, memoised: description.memoised, doc: description.doc)
        signature.filesParameter = description.filesParameter
        return signature
    }

    /// Binds arguments (bound by name, defaults filled in) to a new instance: each is converted to
    /// its property's type and checked against its declaration, or an ``ArgumentError`` names it.
    ///
    /// With a `log`, every property the body reads is recorded in it (for the test that checks
    /// that declarations and bodies agree).
    public static func bind(_ arguments: [(name: String, value: Value)], log: ArgumentReadLog? = nil) throws -> Self {
        var values: [String: any Sendable] = [:]
        for d in declarations {
            guard let value = arguments.first(where: { $0.name == d.name })?.value ?? d.parameter.defaultValue else {
                throw ArgumentError(parameter: d.name, message: "`\(description.name)` needs argument `\(d.name)`")
            }
            do { values[d.name] = try d.convert(value) } catch let reason as ArgumentReason {
                throw ArgumentError(parameter: d.name, message: "argument `\(d.name)` of `\(description.name)` \(reason.text)")
            }
        }
        return try Self(from: BindingDecoder(values: values, log: log))
    }
}
