/// An n-dimensional array of Float32 values with value semantics and reverse-mode autodiff.
///
/// Storage is contiguous and row-major. Operations return new tensors; a tensor that
/// ``requiresGrad`` (or is computed from one, outside ``Tensor/withoutGrad(_:)``) remembers how
/// it was made, so ``backward()`` can propagate gradients to the leaves.
///
/// ```swift
/// let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]).requiringGrad()
/// let y = (x * x).sum()
/// y.backward()
/// x.grad!.scalars   // [2, 4, 6, 8]
/// ```
public struct Tensor: @unchecked Sendable {
    /// The extent of each axis, outermost first. A scalar has shape `[]`.
    public let shape: [Int]
    var storage: TensorStorage
    /// How this tensor was computed (nil for constants and for anything made without grad).
    var node: Node?

    init(shape: [Int], storage: TensorStorage, node: Node? = nil) {
        precondition(storage.count == shape.reduce(1, *), "storage of \(storage.count) does not fit shape \(shape)")
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor with the given shape and row-major values.
    ///
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *), "\(scalars.count) values do not fill shape \(shape)")
        self.init(shape: shape, storage: TensorStorage(scalars))
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// A rank-0 tensor holding one value.
    public init(_ value: Float) { self.init(shape: [], scalars: [value]) }

    /// A rank-1 tensor holding `values`.
    public init(_ values: [Float]) { self.init(shape: [values.count], scalars: values) }

    /// `[0, 1, …, n-1]` as floats.
    public static func arange(_ n: Int) -> Tensor { Tensor((0..<n).map(Float.init)) }

    /// A tensor whose storage is filled by `body` (uninitialised before it runs).
    ///
    /// Every kernel goes through here; with `OFFLOADLAB_PROFILE` set, ``KernelProfiler`` times
    /// it against the calling file and line. Always inlined, so that inside this module each
    /// kernel's body (and the element function of `map`/`zipMap`) compiles into its caller's
    /// loop instead of being called through a closure per element.
    @inline(__always)
    public init(shape: [Int], site: StaticString = #fileID, line: UInt = #line,
                filling body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let storage = TensorStorage(uninitializedCount: shape.reduce(1, *))
        if KernelProfiler.isEnabled {
            let start = KernelProfiler.now()
            body(storage.buffer)
            KernelProfiler.record("\(site):\(line)", KernelProfiler.now() - start)
        } else {
            body(storage.buffer)
        }
        self.init(shape: shape, storage: storage)
    }

    /// Number of axes.
    public var rank: Int { shape.count }

    /// Number of elements.
    public var count: Int { storage.count }

    /// The values in row-major order.
    public var scalars: [Float] { Array(storage.buffer) }

    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item needs a one-element tensor, not shape \(shape)")
        return storage.base[0]
    }

    /// Read-only access to the contiguous values.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(storage.buffer))
    }

    /// Mutable access to the values; copies first if the storage is shared. Drops autodiff history.
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        node = nil
        return try body(storage.buffer)
    }

    /// Element access by full index (slow path, for tests and small tensors).
    public subscript(_ index: Int...) -> Float {
        get { storage.base[flatIndex(index)] }
        set {
            let i = flatIndex(index)
            withUnsafeMutableBufferPointer { $0[i] = newValue }
        }
    }

    func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == rank, "index \(index) does not match rank \(rank)")
        var flat = 0
        for (i, extent) in zip(index, shape) {
            precondition(i >= 0 && i < extent, "index \(index) out of range for shape \(shape)")
            flat = flat * extent + i
        }
        return flat
    }
}

extension Tensor: CustomStringConvertible {
    /// Shape and (up to 16) leading values.
    public var description: String {
        let head = storage.buffer.prefix(16).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 16 ? ", …" : "")])"
    }
}
