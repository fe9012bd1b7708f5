import LabCore
import Tensors

/// A fixed-capacity store of transitions for off-policy learning, overwritten oldest first,
/// sampled uniformly with its own seeded generator.
///
/// Each transition is a row of `width` floats that the trainer packs and unpacks (state, action,
/// reward, next state, done flag, for example). Rows live in slots `0..<capacity`; once full, a
/// new row overwrites the oldest. ``sample(_:)`` draws slots uniformly with replacement from the
/// rows stored, with the buffer's own generator, so sampling depends only on the seed and the
/// history of calls; a ``TrainingCheckpoint`` carries the rows, the write position and the
/// generator, so a resumed run samples exactly what the interrupted one would have.
public struct ReplayBuffer: Sendable {
    /// The most rows kept.
    public let capacity: Int
    /// Floats per row.
    public let width: Int
    /// Rows stored (at most ``capacity``).
    public private(set) var count = 0
    /// The slot the next row is written to.
    public private(set) var nextSlot = 0
    /// Rows ever appended (including overwritten ones).
    public private(set) var appended = 0
    private var storage: [Float]
    private var sampler: RandomSource

    /// An empty buffer that samples with `sampler`.
    ///
    /// - Throws: `.invalidInput` when `capacity` or `width` is not positive.
    public init(capacity: Int, width: Int, sampler: RandomSource) throws {
        guard capacity > 0, width > 0 else {
            throw LabError(.invalidInput, "a replay buffer needs a positive capacity and row width (got \(capacity) and \(width))")
        }
        (self.capacity, self.width, self.sampler) = (capacity, width, sampler)
        storage = [Float](repeating: 0, count: capacity * width)
    }

    /// Stores a row, overwriting the oldest when full.
    ///
    /// - Throws: `.shape` when the row does not have ``width`` floats.
    public mutating func append(_ row: [Float]) throws {
        guard row.count == width else { throw LabError(.shape, "a replay row has \(row.count) floats; this buffer stores \(width)") }
        storage.replaceSubrange((nextSlot * width)..<((nextSlot + 1) * width), with: row)
        nextSlot = (nextSlot + 1) % capacity
        count = min(capacity, count + 1)
        appended += 1
    }

    /// The row in slot `slot` (`0..<count`).
    public func row(_ slot: Int) -> ArraySlice<Float> { storage[(slot * width)..<((slot + 1) * width)] }

    /// The stored rows, oldest first.
    public var rows: [[Float]] {
        let start = count < capacity ? 0 : nextSlot
        return (0..<count).map { Array(row((start + $0) % capacity)) }
    }

    /// Draws `n` slots uniformly with replacement from the rows stored.
    ///
    /// - Throws: `.invalidInput` when the buffer is empty or `n` is negative.
    public mutating func sample(_ n: Int) throws -> [Int] {
        guard count > 0, n >= 0 else { throw LabError(.invalidInput, "cannot sample \(n) rows from a replay buffer holding \(count)") }
        return (0..<n).map { _ in sampler.int(below: count) }
    }

    /// Draws `n` rows as one `[n, width]` tensor (see ``sample(_:)``).
    public mutating func sampleBatch(_ n: Int) throws -> Tensor {
        let slots = try sample(n)
        return Tensor(shape: [n, width], scalars: slots.flatMap { row($0) })
    }
}

extension ReplayBuffer: Checkpointable {
    /// Saves the stored rows (`name.rows`), the counters (`name.counters`) and the sampler (`name.sampler`).
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        checkpoint.tensors["\(name).rows"] = Tensor(shape: [count, width], scalars: Array(storage[0..<(count * width)]))
        checkpoint.words["\(name).counters"] = [UInt64(capacity), UInt64(width), UInt64(count), UInt64(nextSlot), UInt64(appended)]
        checkpoint.save(sampler, as: "\(name).sampler")
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        let c = try checkpoint.words("\(name).counters", count: 5).map { Int(truncatingIfNeeded: $0) }
        guard c[0] == capacity, c[1] == width, (0...capacity).contains(c[2]), (0..<capacity).contains(c[3]),
              let rows = checkpoint.tensors["\(name).rows"], rows.shape == [c[2], width] else {
            throw LabError(.invalidInput, "the checkpoint's replay buffer `\(name)` does not fit this one (capacity \(capacity), width \(width)): it comes from another configuration; train from the start with a fresh store (`--store`).")
        }
        try checkpoint.restore(&sampler, from: "\(name).sampler")
        storage = rows.scalars + [Float](repeating: 0, count: (capacity - c[2]) * width)
        (count, nextSlot, appended) = (c[2], c[3], c[4])
    }
}
