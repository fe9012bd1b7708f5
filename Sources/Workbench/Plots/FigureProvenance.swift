/// Where a figure file came from, embedded in the file itself.
///
/// The text (for notebook exports, a compact JSON object: notebook, cell, key, value digest,
/// parameters) goes into a PNG `iTXt` chunk with the keyword ``keyword``, the PDF's Keywords
/// entry and an SVG `<metadata>` element. Nothing else changes, so a figure with the same
/// provenance always has the same bytes.
public enum FigureProvenance {
    /// The PNG `iTXt` keyword and the SVG metadata element's id.
    public static let keyword = "OffloadLab-Provenance"

    /// `png` with an uncompressed UTF-8 `iTXt` chunk holding `text`, placed before the first `IDAT`.
    static func embedding(_ text: String, inPNG png: [UInt8]) -> [UInt8] {
        guard let idat = chunkOffset(of: "IDAT", in: png) else { return png }
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text.
        let data = Array(keyword.utf8) + [0, 0, 0, 0, 0] + Array(text.utf8)
        let type = Array("iTXt".utf8)
        let chunk = bigEndian(UInt32(data.count)) + type + data + bigEndian(CRC32.checksum(type + data))
        return Array(png[..<idat]) + chunk + Array(png[idat...])
    }

    /// The text of the provenance chunk of a PNG, if it has one.
    public static func text(inPNG png: [UInt8]) -> String? {
        var offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let start = offset + 8, end = start + length
            guard end + 4 <= png.count else { return nil }
            if type == "iTXt" {
                let data = Array(png[start..<end])
                let prefix = Array(keyword.utf8) + [0, 0, 0, 0, 0]
                if data.starts(with: prefix) { return String(decoding: data[prefix.count...], as: UTF8.self) }
            }
            offset = end + 4
        }
        return nil
    }

    /// `svg` with a `<metadata>` element holding `text` (escaped) right after the root element's start tag.
    static func embedding(_ text: String, inSVG svg: [UInt8]) -> [UInt8] {
        guard let root = find(Array("<svg".utf8), in: svg, from: 0), let close = svg[root...].firstIndex(of: UInt8(ascii: ">")) else { return svg }
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let element = Array("\n<metadata id=\"\(keyword)\">\(escaped)</metadata>".utf8)
        return Array(svg[...close]) + element + Array(svg[(close + 1)...])
    }

    private static func chunkOffset(of name: String, in png: [UInt8]) -> Int? {
        var offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            if png[offset + 4..<offset + 8].elementsEqual(Array(name.utf8)) { return offset }
            offset += 12 + length
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
