import LabCore

/// Versioned binary encoding of tensors (codec `tensor/1`) with SHA-256 digests.
///
/// Layout, all integers little-endian:
/// `"OLTN"` magic · UInt16 version (1) · UInt16 element type (1 = Float32) · UInt32 rank ·
/// rank × UInt64 extents · count × Float32 values (IEEE-754 bits, little-endian).
/// The encoding of a given tensor is unique, so equal digests mean equal shapes and bits.
extension Tensor {
    /// The codec name stored next to encoded tensors.
    public static let codec = "tensor/1"

    /// The `tensor/1` encoding of this tensor.
    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.append(contentsOf: Array("OLTN".utf8))
        w.append(UInt16(1))
        w.append(UInt16(1))
        w.append(UInt32(rank))
        for d in shape { w.append(UInt64(d)) }
        withUnsafeBufferPointer { buf in
            for v in buf { w.append(v.bitPattern) }
        }
        return w.bytes
    }

    /// SHA-256 of ``encoded()``: identical for identical shapes and bits.
    public var digest: SHA256.Digest { SHA256.hash(encoded()) }

    /// Decodes a `tensor/1` encoding.
    ///
    /// - Throws: ``LabError`` with code `.corrupt` for a wrong magic, an unknown version or type,
    ///   or a length that does not match the header.
    public static func decode(_ bytes: [UInt8]) throws -> Tensor {
        var r = ByteReader(bytes, what: "tensor")
        let t = try decode(from: &r)
        try r.expectEnd()
        return t
    }

    static func decode(from r: inout ByteReader) throws -> Tensor {
        guard try r.bytes(4) == Array("OLTN".utf8) else { throw r.failure("not a tensor encoding (bad magic)") }
        let version: UInt16 = try r.read()
        guard version == 1 else { throw r.failure("tensor encoding version \(version) is newer than this OffloadLab reads (1)") }
        let type: UInt16 = try r.read()
        guard type == 1 else { throw r.failure("unknown element type \(type)") }
        let rank: UInt32 = try r.read()
        guard rank <= 32 else { throw r.failure("rank \(rank) is not plausible") }
        var shape: [Int] = []
        var count = 1
        for _ in 0..<rank {
            let d: UInt64 = try r.read()
            guard d < 1 << 40 else { throw r.failure("extent \(d) is not plausible") }
            shape.append(Int(d))
            count *= Int(d)
        }
        guard r.remaining >= count * 4 else { throw r.failure("truncated: \(count) values announced, \(r.remaining / 4) present") }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count { values[i] = Float(bitPattern: try r.read()) }
        return Tensor(shape: shape, scalars: values)
    }
}

/// Appends little-endian integers and raw bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(contentsOf b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func append<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        let u = Array(s.utf8)
        append(UInt32(u.count))
        bytes.append(contentsOf: u)
    }
}

/// Reads what ``ByteWriter`` wrote, failing with `.corrupt` errors.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
    let what: String

    init(_ bytes: [UInt8], what: String) {
        self.bytes = bytes
        self.what = what
    }

    var remaining: Int { bytes.count - offset }

    func failure(_ message: String) -> LabError {
        LabError(.corrupt, "corrupt \(what) at byte \(offset): \(message). The stored value is damaged; run `lab cache verify` and recompute it.")
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] {
        guard remaining >= n else { throw failure("truncated (wanted \(n) bytes, \(remaining) left)") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    mutating func read<T: FixedWidthInteger>() throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw failure("truncated (wanted \(size) bytes, \(remaining) left)") }
        var v: T = 0
        for i in 0..<size { v |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return v
    }

    mutating func readString() throws -> String {
        let n: UInt32 = try read()
        return String(decoding: try bytes(Int(n)), as: UTF8.self)
    }

    func expectEnd() throws {
        guard remaining == 0 else { throw failure("\(remaining) unexpected trailing bytes") }
    }
}
