/// Makes Cairo's SVG output independent of how many surfaces the process created before.
///
/// Cairo 1.16 names the page group `surface<N>` after a process-wide surface counter, so the
/// same figure rendered second in a process would differ byte-wise from the first. Every other id
/// (glyphs, clips, patterns) counts per document. This rewrites `surface<N>` ids and their
/// references to `surface1`; the test suite checks byte identity across renders.
enum SVGNormaliser {
    static func normalise(_ svg: [UInt8]) -> [UInt8] {
        let text = String(decoding: svg, as: UTF8.self)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        let marker = "surface"
        while let range = rest.range(of: marker) {
            output += rest[..<range.lowerBound]
            output += marker
            var after = rest[range.upperBound...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            let before = output.dropLast(marker.count).last
            if !digits.isEmpty, before == "\"" || before == "#" {
                output += "1"
                after = after.dropFirst(digits.count)
            }
            rest = after
        }
        output += rest
        return Array(output.utf8)
    }
}
