import Synchronization

/// One recorded operation: how to turn the gradient of its output into gradients of its inputs.
///
/// Nodes are numbered in creation order; that number is the node's position on the tape, so
/// ``Tensor/backward(seed:)`` visits reachable nodes in decreasing order and every node is
/// complete (all its consumers have contributed) before it propagates.
final class Node: @unchecked Sendable {
    let position: UInt64
    let inputs: [Node]
    /// Given the output gradient, returns one gradient (or nil: no contribution) per input.
    let pullback: ((Tensor) -> [Tensor?])?
    var grad: Tensor?

    init(inputs: [Node], pullback: ((Tensor) -> [Tensor?])?) {
        self.position = Node.counter.add(1, ordering: .relaxed).newValue
        self.inputs = inputs
        self.pullback = pullback
    }

    var isLeaf: Bool { pullback == nil }

    func accumulate(_ g: Tensor) {
        if grad == nil {
            grad = g
        } else {
            grad!.addInPlaceOrCopy(g)
        }
    }

    private static let counter = Atomic<UInt64>(0)
}

extension Tensor {
    /// Whether operations record autodiff history in the current task (see ``withoutGrad(_:)``).
    @TaskLocal public static var isGradEnabled = true

    /// Runs `body` without recording autodiff history: for inference and optimiser updates.
    public static func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
        try $isGradEnabled.withValue(false, operation: body)
    }

    /// True when gradients flow to or through this tensor.
    public var requiresGrad: Bool { node != nil }

    /// This tensor as a new leaf whose gradient ``backward()`` accumulates into ``grad``.
    public func requiringGrad() -> Tensor {
        Tensor(shape: shape, storage: storage, node: Node(inputs: [], pullback: nil))
    }

    /// The same values with no autodiff history (gradients stop here).
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// The accumulated gradient of a leaf (nil before any ``backward()`` reached it).
    public var grad: Tensor? { node?.grad }

    /// Clears the accumulated gradient of a leaf.
    public func zeroGrad() { node?.grad = nil }

    /// Back-propagates from this tensor, accumulating into the ``grad`` of every reachable leaf.
    ///
    /// - Parameter seed: the gradient of the final objective with respect to this tensor;
    ///   defaults to ones (so a scalar loss gets d loss / d loss = 1).
    public func backward(seed: Tensor? = nil) {
        guard let root = node else { return }
        let seedGrad = seed ?? Tensor.ones(shape)
        precondition(seedGrad.shape == shape, "seed gradient shape \(seedGrad.shape) differs from \(shape)")
        // Collect the reachable interior of the graph once.
        var seen = Set<ObjectIdentifier>()
        var order: [Node] = []
        var stack = [root]
        while let n = stack.popLast() {
            guard seen.insert(ObjectIdentifier(n)).inserted else { continue }
            order.append(n)
            stack.append(contentsOf: n.inputs)
        }
        order.sort { $0.position > $1.position }
        Tensor.withoutGrad {
            root.accumulate(seedGrad.detached())
            for n in order {
                guard let pullback = n.pullback, let g = n.grad else { continue }
                n.grad = nil  // interior gradients are not kept
                let grads = pullback(g)
                for (input, gi) in zip(n.inputs, grads) {
                    if let gi { input.accumulate(gi) }
                }
            }
        }
    }

    /// Attaches autodiff history to a freshly computed result if any input needs gradients.
    ///
    /// `pullback` maps the output gradient to one gradient per entry of `inputs` (nil where an
    /// input needs none). It runs with grad disabled.
    func recording(_ inputs: [Tensor], _ pullback: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard Tensor.isGradEnabled else { return self }
        var nodes: [Node] = []
        var map: [Int] = []
        for (i, t) in inputs.enumerated() {
            if let n = t.node {
                nodes.append(n)
                map.append(i)
            }
        }
        guard !nodes.isEmpty else { return self }
        let node: Node
        if nodes.count == inputs.count {
            node = Node(inputs: nodes, pullback: pullback)
        } else {
            node = Node(inputs: nodes, pullback: { g in
                let all = pullback(g)
                return map.map { all[$0] }
            })
        }
        return Tensor(shape: shape, storage: storage, node: node)
    }
}

extension Tensor {
    /// Overwrites the values of a leaf in place, keeping it a leaf that gradients reach.
    ///
    /// For optimiser updates: copies first if the storage is shared (for instance, still held
    /// by the previous step's graph), so no other tensor observes the change.
    public mutating func updateLeafValues(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        precondition(node == nil || node!.isLeaf, "updateLeafValues is for leaves (parameters), not computed tensors")
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        body(storage.buffer)
    }
}

extension Tensor {
    /// Multiplies the accumulated gradient of a leaf by `factor` (gradient clipping).
    public func scaleGradient(by factor: Float) {
        guard let g = node?.grad else { return }
        node?.grad = Tensor.withoutGrad { g * factor }
    }
}
