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
        func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        append(UInt16(1))
        append(UInt32(tensors.count))
        for name in tensors.keys.sorted() {
            let n = Array(name.utf8)
            append(UInt32(n.count))
            out += n
            let t = tensors[name]!.encoded()
            append(UInt64(t.count))
            out += t
        }
        return out
    }

    /// SHA-256 of ``encoded()``.
    public var digest: SHA256.Digest { SHA256.hash(encoded()) }

    /// Decodes a `params/1` blob.
    public static func decode(_ bytes: [UInt8]) throws -> ParameterSet {
        var offset = 0
        func fail(_ why: String) -> LabError {
            LabError(.corrupt, "corrupt parameter set at byte \(offset): \(why). Run `lab cache verify` and retrain or restore the checkpoint.")
        }
        func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, offset + n <= bytes.count else { throw fail("truncated") }
            defer { offset += n }
            return bytes[offset..<offset + n]
        }
        func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
            try take(MemoryLayout<T>.size).reversed().reduce(T(0)) { $0 << 8 | T($1) }
        }
        guard try Array(take(4)) == Array("OLPS".utf8) else { throw fail("bad magic") }
        let version = try read(UInt16.self)
        guard version == 1 else { throw fail("version \(version) is newer than this OffloadLab reads (1)") }
        let count = try read(UInt32.self)
        var tensors: [String: Tensor] = [:]
        for _ in 0..<count {
            let nameLength = try read(UInt32.self)
            let name = String(decoding: try take(Int(nameLength)), as: UTF8.self)
            let length = try read(UInt64.self)
            guard length < UInt64(bytes.count) else { throw fail("tensor length \(length) exceeds the blob") }
            tensors[name] = try Tensor.decode(Array(try take(Int(length))))
        }
        guard offset == bytes.count else { throw fail("\(bytes.count - offset) trailing bytes") }
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
