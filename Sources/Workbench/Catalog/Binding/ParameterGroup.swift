/// Parameters shared by several bindings (an architecture, a training schedule, plot labels),
/// declared once and embedded with ``ParameterGroup``.
public protocol ParameterGroupContent: Decodable, Sendable {
    /// The declaration: every ``Parameter`` with its declared default and constraint.
    init()
}

extension ParameterGroupContent {
    /// Every parameter declared by this type's properties, in declaration order.
    static var declarations: [ParameterDeclaration] {
        Mirror(reflecting: Self()).children.flatMap { child -> [ParameterDeclaration] in
            guard let label = child.label, let declaring = child.value as? any ParameterDeclaring else { return [] }
            return declaring.declarations(property: label.hasPrefix("_") ? String(label.dropFirst()) : label)
        }
    }
}

/// A group of parameters embedded in a ``Binding`` (like swift-argument-parser's `@OptionGroup`):
/// its arguments appear in the signature at the group's place, as if declared there.
@propertyWrapper
public struct ParameterGroup<G: ParameterGroupContent>: Decodable, Sendable, ParameterDeclaring {
    /// The group's bound arguments.
    public var wrappedValue: G

    /// Declares the group.
    public init() { wrappedValue = G() }

    public init(from decoder: any Decoder) throws {
        guard let d = decoder as? BindingDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "ParameterGroup is bound only by Binding.bind"))
        }
        wrappedValue = try G(from: BindingDecoder(values: d.values, log: d.log))
    }

    func declarations(property: String) -> [ParameterDeclaration] { G.declarations }
}
