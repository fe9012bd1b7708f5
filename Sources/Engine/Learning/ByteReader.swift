import LabCore

/// Reads the little-endian fields of a blob in order, failing with `.corrupt` at the byte where
/// the blob stops making sense (the `params/1` and `checkpoint/1` decoders share it).
struct ByteReader {
    /// The blob.
    let bytes: [UInt8]
    /// Bytes consumed so far.
    private(set) var offset = 0
    /// What the blob is and how to recover, for error messages: `corrupt <what> at byte n: why. <recovery>`.
    let what: String, recovery: String

    /// The error for a problem at the current byte.
    func fail(_ why: String) -> LabError { LabError(.corrupt, "corrupt \(what) at byte \(offset): \(why). \(recovery)") }

    /// Bytes not yet consumed.
    var remaining: Int { bytes.count - offset }

    /// The next `n` bytes.
    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else { throw fail("truncated") }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    /// The next little-endian integer.
    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try take(MemoryLayout<T>.size).reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }

    /// Consumes a 4-byte magic and a UInt16 version, which must be `magic` and at most `version`.
    mutating func header(magic: String, version: UInt16) throws {
        guard try Array(take(4)) == Array(magic.utf8) else { throw fail("bad magic (expected `\(magic)`)") }
        let found = try read(UInt16.self)
        guard found <= version, found > 0 else { throw fail("unsupported version \(found) (this OffloadLab reads 1 to \(version))") }
    }

    /// The next UInt32-length-prefixed UTF-8 string.
    mutating func readName() throws -> String { String(decoding: try take(Int(try read(UInt32.self))), as: UTF8.self) }
}

extension Array where Element == UInt8 {
    /// Appends an integer's little-endian bytes.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }

    /// Appends a UInt32 length and the UTF-8 bytes of `name`.
    mutating func appendName(_ name: String) {
        let n = Array(name.utf8)
        appendLittleEndian(UInt32(n.count))
        append(contentsOf: n)
    }
}
