import LabCore

/// Little-endian reading of MultiMEC's binary values, failing with `.corrupt` at the byte where
/// the blob stops making sense.
struct MECByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0
    let what: String

    init(_ bytes: [UInt8], what: String) { (self.bytes, self.what) = (bytes, what) }

    func fail(_ why: String) -> LabError {
        LabError(.corrupt, "corrupt \(what) at byte \(offset): \(why). Run `lab cache verify`, or recompute the value.")
    }

    var remaining: Int { bytes.count - offset }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else { throw fail("truncated") }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        var v = T(0)
        for (i, b) in try take(MemoryLayout<T>.size).enumerated() { v |= T(b) << (8 * i) }
        return v
    }

    mutating func count(_ limit: Int, _ name: String) throws -> Int {
        let n = Int(try read(UInt32.self))
        guard n <= limit else { throw fail("\(name) \(n) exceeds \(limit)") }
        return n
    }

    mutating func double() throws -> Double { Double(bitPattern: try read(UInt64.self)) }

    mutating func floats(_ n: Int) throws -> [Float] {
        guard n >= 0, n <= remaining / 4 else { throw fail("truncated") }
        let slice = try take(4 * n)
        return slice.withUnsafeBytes { raw in (0..<n).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) } }
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE<T: FixedWidthInteger>(_ v: T) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(_ v: Double) { appendLE(v.bitPattern) }
    mutating func appendFloats(_ values: [Float]) {
        reserveCapacity(count + 4 * values.count)
        for v in values { appendLE(v.bitPattern) }
    }
}
