import LabCore
import Tensors

/// Everything a resumed training run needs, as one digest-stampable blob (codec `checkpoint/1`;
/// docs/gadsg.md §8.3 "resumable training").
///
/// A checkpoint holds the global step (steps completed), named tensors (model parameters,
/// optimiser moments, replay-buffer rows) and named words (`UInt64` lists: random-generator
/// states, the data order of the epoch in progress, counters). Trainers fill it through the
/// `save`/`restore` pairs of ``Checkpointable`` parts and modules, each under its own name, so
/// a trainer with several networks and optimisers saves each under a prefix of its choosing.
///
/// Layout, little-endian: `"OLCK"` · UInt16 version (1) · UInt64 step · UInt32 word-list count ·
/// for each list in name order: UInt32 name length · UTF-8 name · UInt32 count · UInt64 words ·
/// then the tensors as one ``ParameterSet`` (`params/1`) to the end.
public struct TrainingCheckpoint: Sendable, Equatable {
    /// The codec name of encoded checkpoints.
    public static let codec = "checkpoint/1"

    /// Steps completed when the checkpoint was taken (the metric axis of the run).
    public var step: Int
    /// Tensors by dotted name.
    public var tensors: [String: Tensor]
    /// Word lists by dotted name.
    public var words: [String: [UInt64]]

    /// An empty checkpoint at `step`.
    public init(step: Int, tensors: [String: Tensor] = [:], words: [String: [UInt64]] = [:]) {
        (self.step, self.tensors, self.words) = (step, tensors, words)
    }

    public static func == (a: TrainingCheckpoint, b: TrainingCheckpoint) -> Bool { a.encoded() == b.encoded() }

    /// The `checkpoint/1` encoding.
    public func encoded() -> [UInt8] {
        var out = Array("OLCK".utf8)
        out.appendLittleEndian(UInt16(1))
        out.appendLittleEndian(UInt64(max(0, step)))
        out.appendLittleEndian(UInt32(words.count))
        for name in words.keys.sorted() {
            let list = words[name] ?? []
            out.appendName(name)
            out.appendLittleEndian(UInt32(list.count))
            for w in list { out.appendLittleEndian(w) }
        }
        return out + ParameterSet(tensors).encoded()
    }

    /// Decodes a `checkpoint/1` blob.
    ///
    /// Also reads the checkpoints that OffloadLab's trainers wrote before this format, so that a
    /// run interrupted under an older version still resumes: a `params/1` blob of `model.*` and
    /// `adam.*` tensors (and `trainer.epochs`, dropped), taken at `legacyStep`, the step the
    /// store recorded with it. Such a checkpoint has no word lists; ``EpochPlan`` then derives
    /// its root and data order from the seed, as those trainers did.
    /// - Throws: `.corrupt` naming the byte where the blob stops making sense.
    public static func decode(_ bytes: [UInt8], legacyStep: Int? = nil) throws -> TrainingCheckpoint {
        if let legacyStep, bytes.starts(with: Array("OLPS".utf8)) {
            var tensors = try ParameterSet.decode(bytes).tensors
            tensors["trainer.epochs"] = nil
            return TrainingCheckpoint(step: legacyStep, tensors: tensors)
        }
        var reader = ByteReader(bytes: bytes, what: "training checkpoint",
                                recovery: "Run `lab cache verify`, or train from the start with a fresh store (`--store`).")
        try reader.header(magic: "OLCK", version: 1)
        let step = try reader.read(UInt64.self)
        guard step <= UInt64(Int.max) else { throw reader.fail("step \(step) out of range") }
        var words: [String: [UInt64]] = [:]
        for _ in 0..<(try reader.read(UInt32.self)) {
            let name = try reader.readName()
            let count = Int(try reader.read(UInt32.self))
            guard count <= reader.remaining / 8 else { throw reader.fail("word list `\(name)` exceeds the blob") }
            words[name] = try (0..<count).map { _ in try reader.read(UInt64.self) }
        }
        let set = try ParameterSet.decode(Array(try reader.take(reader.remaining)))
        return TrainingCheckpoint(step: Int(step), tensors: set.tensors, words: words)
    }

    /// The word list `name`.
    ///
    /// - Throws: `.corrupt` when the checkpoint lacks it or it has another length.
    public func words(_ name: String, count: Int? = nil) throws -> [UInt64] {
        guard let list = words[name] else {
            throw LabError(.corrupt, "training checkpoint has no `\(name)`: it was written by another trainer; train from the start with a fresh store (`--store`).")
        }
        if let count, list.count != count {
            throw LabError(.corrupt, "training checkpoint's `\(name)` has \(list.count) words, expected \(count).")
        }
        return list
    }

    /// The tensors saved under `prefix.`, with the prefix removed.
    public func tensors(under prefix: String) -> [String: Tensor] {
        let p = prefix + "."
        return Dictionary(uniqueKeysWithValues: tensors.filter { $0.key.hasPrefix(p) }.map { (String($0.key.dropFirst(p.count)), $0.value) })
    }

    /// Saves a module's parameters under `name.`.
    public mutating func save(_ module: any Module, as name: String) {
        for (parameter, t) in ParameterSet(of: module).tensors { tensors["\(name).\(parameter)"] = t }
    }

    /// Loads the parameters saved under `name.` into `module`.
    ///
    /// - Throws: `.invalidInput` naming the first parameter that does not fit the module.
    public func restore(_ module: any Module, from name: String) throws {
        try module.load(ParameterSet(tensors(under: name)))
    }

    /// Saves a part (optimiser, random generator, data order, replay buffer) under `name`.
    public mutating func save(_ part: some Checkpointable, as name: String) { part.save(into: &self, as: name) }

    /// Restores a part saved under `name`.
    public func restore<Part: Checkpointable>(_ part: inout Part, from name: String) throws { try part.restore(from: self, as: name) }
}

/// A piece of trainer state that a ``TrainingCheckpoint`` can carry.
public protocol Checkpointable {
    /// Writes this part's state under `name` (tensors `name.…`, words `name` or `name.…`).
    func save(into checkpoint: inout TrainingCheckpoint, as name: String)
    /// Replaces this part's state with the one saved under `name`.
    mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws
}

extension Adam: Checkpointable {
    /// Saves the moments and step count as tensors `name.m.i`, `name.v.i`, `name.step`.
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        for (key, t) in state { checkpoint.tensors["\(name).\(key)"] = t }
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        try restore(checkpoint.tensors(under: name))
    }
}

extension RandomSource: Checkpointable {
    /// Saves the generator's four state words as the word list `name`.
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) { checkpoint.words[name] = state }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        guard let saved = RandomSource(state: try checkpoint.words(name, count: 4)) else {
            throw LabError(.corrupt, "training checkpoint's random state `\(name)` is invalid (all zero).")
        }
        self = saved
    }
}
