import LabCore

/// A NumPy `.npz` archive: a zip file of `.npy` members, stored uncompressed (what `numpy.savez`
/// writes), and its reader.
///
/// Members are written in the given order with fixed timestamps (1980-01-01 00:00), so the same
/// arrays give the same bytes. Archives and members are limited to 4 GiB (no zip64).
public struct NPZArchive: Sendable, Hashable {
    /// The arrays by name (member `name.npy`), in archive order.
    public var arrays: [(name: String, array: NPYArray)]

    /// An archive of named arrays.
    public init(_ arrays: [(name: String, array: NPYArray)]) { self.arrays = arrays }

    public static func == (a: NPZArchive, b: NPZArchive) -> Bool { a.arrays.elementsEqual(b.arrays) { $0.name == $1.name && $0.array == $1.array } }
    public func hash(into h: inout Hasher) { for (n, a) in arrays { h.combine(n); h.combine(a) } }

    /// The array named `name`, if any.
    public subscript(name: String) -> NPYArray? { arrays.first { $0.name == name }?.array }

    /// The zip bytes.
    ///
    /// - Throws: `.invalidInput` when the archive would exceed 4 GiB.
    public func encoded() throws -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        for (name, array) in arrays {
            let file = Array((name + ".npy").utf8), data = array.encoded(), crc = CRC32.checksum(data)
            guard out.count + data.count + 100 < Int(UInt32.max) else {
                throw LabError(.invalidInput, "the .npz archive would exceed 4 GiB (no zip64 support); export fewer episodes")
            }
            let offset = UInt32(out.count)
            func common(_ b: inout [UInt8]) {
                b.appendLE(UInt16(20)); b.appendLE(UInt16(0)); b.appendLE(UInt16(0))  // version needed, flags, stored
                b.appendLE(UInt16(0)); b.appendLE(UInt16(0x21))                        // 00:00, 1980-01-01
                b.appendLE(crc); b.appendLE(UInt32(data.count)); b.appendLE(UInt32(data.count))
                b.appendLE(UInt16(file.count)); b.appendLE(UInt16(0))                  // name length, extra length
            }
            out.appendLE(UInt32(0x0403_4b50))
            common(&out)
            out += file
            out += data
            central.appendLE(UInt32(0x0201_4b50))
            central.appendLE(UInt16(20))                                               // version made by
            common(&central)
            central.appendLE(UInt16(0)); central.appendLE(UInt16(0)); central.appendLE(UInt16(0))  // comment, disk, internal
            central.appendLE(UInt32(0)); central.appendLE(offset)                     // external attributes, header offset
            central += file
        }
        let start = UInt32(out.count)
        out += central
        out.appendLE(UInt32(0x0605_4b50))
        out.appendLE(UInt16(0)); out.appendLE(UInt16(0))
        out.appendLE(UInt16(arrays.count)); out.appendLE(UInt16(arrays.count))
        out.appendLE(UInt32(central.count)); out.appendLE(start); out.appendLE(UInt16(0))
        return out
    }

    /// Reads an archive of stored (uncompressed) `.npy` members through its central directory.
    ///
    /// - Throws: `.corrupt` for compressed members, bad checksums or anything malformed.
    public static func decode(_ bytes: [UInt8]) throws -> NPZArchive {
        var end = MECByteReader(bytes, what: ".npz archive")
        guard bytes.count >= 22 else { throw end.fail("too short for a zip file") }
        _ = try end.take(bytes.count - 22)
        guard try end.read(UInt32.self) == 0x0605_4b50 else { throw end.fail("no end-of-central-directory record (archive comments are not supported)") }
        _ = try end.take(4)
        let entries = Int(try end.read(UInt16.self))
        _ = try end.take(6)
        var dir = MECByteReader(bytes, what: ".npz archive")
        _ = try dir.take(Int(try end.read(UInt32.self)))
        var arrays: [(name: String, array: NPYArray)] = []
        for _ in 0..<entries {
            guard try dir.read(UInt32.self) == 0x0201_4b50 else { throw dir.fail("bad central directory entry") }
            _ = try dir.take(6)
            let method = try dir.read(UInt16.self)
            _ = try dir.take(4)
            let crc = try dir.read(UInt32.self), size = Int(try dir.read(UInt32.self))
            _ = try dir.take(4)
            let nameLength = Int(try dir.read(UInt16.self)), extra = Int(try dir.read(UInt16.self)), comment = Int(try dir.read(UInt16.self))
            _ = try dir.take(8)
            let offset = Int(try dir.read(UInt32.self))
            let name = String(decoding: try dir.take(nameLength), as: UTF8.self)
            _ = try dir.take(extra + comment)
            guard method == 0 else { throw dir.fail("member \(name) is compressed (only stored members are read)") }
            var local = MECByteReader(bytes, what: ".npz member \(name)")
            _ = try local.take(offset)
            guard try local.read(UInt32.self) == 0x0403_4b50 else { throw local.fail("bad local header") }
            _ = try local.take(22)
            let skip = Int(try local.read(UInt16.self)) + Int(try local.read(UInt16.self))
            _ = try local.take(skip)
            let data = Array(try local.take(size))
            guard CRC32.checksum(data) == crc else { throw local.fail("checksum mismatch") }
            arrays.append((name.hasSuffix(".npy") ? String(name.dropLast(4)) : name, try NPYArray.decode(data)))
        }
        return NPZArchive(arrays)
    }
}

/// CRC-32 (ISO 3309 / zip, reflected polynomial 0xEDB88320).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
