import Tensors

/// A trainable tensor: a leaf whose gradient ``Tensor/backward(seed:)`` accumulates.
///
/// Parameters are the one place OffloadLab uses reference semantics: a layer and an optimiser
/// both hold the same parameter, and the optimiser's update must be seen by the layer.
public final class Parameter: @unchecked Sendable {
    /// The current value (a gradient-tracking leaf).
    public private(set) var value: Tensor

    /// Wraps an initial value.
    public init(_ initial: Tensor) { value = initial.detached().requiringGrad() }

    /// The accumulated gradient, if a backward pass reached this parameter.
    public var grad: Tensor? { value.grad }

    /// Clears the accumulated gradient.
    public func zeroGrad() { value.zeroGrad() }

    /// Replaces the value (shape must match), starting a fresh leaf.
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == value.shape, "parameter shape \(value.shape) cannot take \(newValue.shape)")
        value = newValue.detached().requiringGrad()
    }

    /// Updates the values in place (optimiser steps), keeping the accumulated gradient slot.
    public func update(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        value.updateLeafValues(body)
    }
}

/// A node of a parameter tree: layers and models are modules.
///
/// A module lists its own parameters and its child modules by name; ``namedParameters()``
/// flattens the tree into dotted names (`encoder.layers.0.weight`), the keys of saved
/// parameter sets.
public protocol Module: AnyObject {
    /// Parameters owned directly by this module, by local name.
    var ownParameters: [(String, Parameter)] { get }
    /// Child modules, by local name.
    var children: [(String, any Module)] { get }
}

extension Module {
    public var ownParameters: [(String, Parameter)] { [] }
    public var children: [(String, any Module)] { [] }

    /// Every parameter in the tree with its dotted path, in a stable order.
    public func namedParameters() -> [(name: String, parameter: Parameter)] {
        var out: [(name: String, parameter: Parameter)] = ownParameters.map { ($0.0, $0.1) }
        for (childName, child) in children {
            out += child.namedParameters().map { ("\(childName).\($0.name)", $0.parameter) }
        }
        return out
    }

    /// Every parameter in the tree.
    public var parameters: [Parameter] { namedParameters().map(\.parameter) }

    /// Total number of trainable scalars.
    public var parameterCount: Int { parameters.map(\.value.count).reduce(0, +) }

    /// Clears every gradient in the tree.
    public func zeroGrad() { parameters.forEach { $0.zeroGrad() } }
}
