import LabCore
import Tensors

/// A named set of tensors saved as one digest-stamped blob (codec `params/1`).
///
/// Layout, little-endian: `"OLPS"` · UInt16 version (1) · UInt32 count · for each entry in name
/// order: UInt32 name length · UTF-8 name · UInt64 tensor length · `tensor/1` bytes. The
/// ``digest`` is SHA-256 of that encoding, so two models with the same names and bits have the
/// same digest (the determinism tests compare these).
public struct ParameterSet: Sendable, Equatable {
    /// The codec name stored next to encoded parameter sets.
    public static let codec = "params/1"

    /// Tensors by dotted name.
    public var tensors: [String: Tensor]

    /// Wraps a dictionary of tensors.
    public init(_ tensors: [String: Tensor]) { self.tensors = tensors }

    /// The current values of a module's parameters.
    public init(of module: any Module) {
        tensors = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.parameter.value.detached()) })
    }

    public static func == (a: ParameterSet, b: ParameterSet) -> Bool { a.digest == b.digest }

    /// The `params/1` encoding.
    public func encoded() -> [UInt8] {
        var out = Array("OLPS".utf8)
        out.appendLittleEndian(UInt16(1))
        out.appendLittleEndian(UInt32(tensors.count))
        for name in tensors.keys.sorted() {
            out.appendName(name)
            let t = tensors[name]!.encoded()
            out.appendLittleEndian(UInt64(t.count))
            out += t
        }
        return out
    }

    /// SHA-256 of ``encoded()``.
    public var digest: SHA256.Digest { SHA256.hash(encoded()) }

    /// Decodes a `params/1` blob.
    public static func decode(_ bytes: [UInt8]) throws -> ParameterSet {
        var reader = ByteReader(bytes: bytes, what: "parameter set",
                                recovery: "Run `lab cache verify` and retrain or restore the checkpoint.")
        try reader.header(magic: "OLPS", version: 1)
        let count = try reader.read(UInt32.self)
        var tensors: [String: Tensor] = [:]
        for _ in 0..<count {
            let name = try reader.readName()
            let length = try reader.read(UInt64.self)
            guard length < UInt64(bytes.count) else { throw reader.fail("tensor length \(length) exceeds the blob") }
            tensors[name] = try Tensor.decode(Array(try reader.take(Int(length))))
        }
        guard reader.remaining == 0 else { throw reader.fail("\(reader.remaining) trailing bytes") }
        return ParameterSet(tensors)
    }
}

extension Module {
    /// Loads values saved from a module with the same structure.
    ///
    /// - Throws: `.invalidInput` naming the first missing, extra or mis-shaped parameter.
    public func load(_ set: ParameterSet) throws {
        let named = namedParameters()
        let mine = Set(named.map(\.name)), theirs = Set(set.tensors.keys)
        if let missing = mine.subtracting(theirs).sorted().first {
            throw LabError(.invalidInput, "saved parameters lack `\(missing)`: they come from a different model; retrain or load the matching checkpoint.")
        }
        if let extra = theirs.subtracting(mine).sorted().first {
            throw LabError(.invalidInput, "saved parameters have `\(extra)`, which this model does not: they come from a different model.")
        }
        for (name, p) in named {
            let t = set.tensors[name]!
            guard t.shape == p.value.shape else {
                throw LabError(.invalidInput, "saved `\(name)` has shape \(t.shape) but the model expects \(p.value.shape): the model was configured differently.")
            }
            p.assign(t)
        }
    }
}
