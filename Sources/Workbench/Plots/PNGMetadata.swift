/// Adds the physical resolution (`pHYs` chunk) to a PNG, so viewers and LaTeX size it correctly.
///
/// Cairo writes PNGs without a resolution; this inserts one chunk after `IHDR` and leaves
/// every other byte unchanged.
enum PNGMetadata {
    static func settingResolution(_ png: [UInt8], dpi: Double) -> [UInt8] {
        // Signature (8 bytes) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
        guard png.count > 33, png[12...15].elementsEqual(Array("IHDR".utf8)) else { return png }
        let perMetre = UInt32((dpi / 0.0254).rounded())
        var data: [UInt8] = []
        for _ in 0..<2 { data += bigEndian(perMetre) }
        data.append(1)  // unit: metre
        let type = Array("pHYs".utf8)
        let chunk = bigEndian(UInt32(data.count)) + type + data + bigEndian(CRC32.checksum(type + data))
        return Array(png[0..<33]) + chunk + Array(png[33...])
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}

/// The CRC-32 of PNG chunks (ISO 3309 polynomial 0xEDB88320, reflected).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
