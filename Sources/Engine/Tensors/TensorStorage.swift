import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The contiguous, 64-byte aligned Float32 buffer behind a ``Tensor``.
///
/// Buffers come from ``BufferPool``, which keeps freed buffers by size so a training loop that
/// allocates the same shapes every step stops calling `malloc` (and stops page-faulting fresh
/// memory) after its first step. Storage is mutated only while uniquely referenced (copy on
/// write in ``Tensor``), so sharing it between tensors and threads is safe.
final class TensorStorage: @unchecked Sendable {
    let count: Int
    let base: UnsafeMutablePointer<Float>

    /// Uninitialised storage for `count` floats.
    init(uninitializedCount count: Int) {
        self.count = count
        self.base = BufferPool.shared.take(count)
    }

    /// Storage filled with `value`.
    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        base.update(repeating: value, count: count)
    }

    /// Storage holding a copy of `scalars`.
    convenience init(_ scalars: [Float]) {
        self.init(uninitializedCount: scalars.count)
        scalars.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: scalars.count) }
    }

    deinit { BufferPool.shared.give(base, count) }

    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// A fresh copy of this storage.
    func copy() -> TensorStorage {
        let out = TensorStorage(uninitializedCount: count)
        out.base.update(from: base, count: count)
        return out
    }
}

/// A size-bucketed free list of aligned Float buffers, shared by all tensors.
///
/// Exact-size buckets suit training loops, where the same shapes recur every step. The pool
/// holds at most ``capacityBytes`` of idle memory; beyond that, buffers go back to the system.
public final class BufferPool: Sendable {
    /// The process-wide pool.
    public static let shared = BufferPool()

    /// Upper bound on idle bytes kept for reuse.
    public let capacityBytes: Int

    private struct State: ~Copyable {
        var free: [Int: [UInt]] = [:]  // addresses, so the state is Sendable
        var idleBytes = 0
    }

    private let state = Mutex(State())

    init(capacityBytes: Int = 1 << 30) { self.capacityBytes = capacityBytes }

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let reused: UInt? = state.withLock { s in
            guard let p = s.free[count]?.popLast() else { return nil }
            s.idleBytes -= count * 4
            return p
        }
        if let reused, let p = UnsafeMutablePointer<Float>(bitPattern: reused) { return p }
        var raw: UnsafeMutableRawPointer?
        let bytes = max(64, (count * 4 + 63) & ~63)
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else { fatalError("out of memory allocating \(bytes) bytes") }
        return raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
        let address = UInt(bitPattern: pointer)
        let kept = state.withLock { s -> Bool in
            guard s.idleBytes + count * 4 <= capacityBytes else { return false }
            s.free[count, default: []].append(address)
            s.idleBytes += count * 4
            return true
        }
        if !kept { free(pointer) }
    }

    /// Returns all idle buffers to the system.
    public func drain() {
        let all = state.withLock { s -> [UInt] in
            let addresses = s.free.values.flatMap { $0 }
            s.free = [:]
            s.idleBytes = 0
            return addresses
        }
        for a in all { free(UnsafeMutableRawPointer(bitPattern: a)) }
    }
}
