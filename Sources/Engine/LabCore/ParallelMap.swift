import Dispatch

/// Order-preserving parallel map over `0..<count` with `DispatchQueue.concurrentPerform`.
///
/// Each index writes its own preallocated slot, so the result equals a serial map whenever
/// `body` depends only on its index.
public enum ParallelMap {
    /// Returns `[body(0), body(1), …, body(count-1)]`, computed on all cores.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values()
    }

    /// Preallocated result slots written from several threads, each slot by exactly one.
    private final class Slots<T>: @unchecked Sendable {
        private let buffer: UnsafeMutablePointer<T?>
        private let count: Int

        init(_ count: Int) {
            self.count = count
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil, count: count)
        }

        deinit {
            buffer.deinitialize(count: count)
            buffer.deallocate()
        }

        func set(_ i: Int, _ value: T) { buffer[i] = value }

        func values() -> [T] { (0..<count).map { buffer[$0]! } }
    }
}
