/// An ordered list of series colours; series without an explicit colour take them in turn.
///
/// The default is the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
/// distinguishable for the common forms of colour-vision deficiency. The order puts the colours
/// that read best on white first and yellow last.
public struct Palette: Codable, Sendable, Hashable {
    /// The colours, used in order and cycled when there are more series than colours.
    public var colors: [Color]

    /// Creates a palette; an empty list falls back to ``okabeIto``.
    public init(_ colors: [Color]) {
        self.colors = colors.isEmpty ? Palette.okabeIto.colors : colors
    }

    /// The colour for the series at `index` (cycling).
    ///
    /// An empty list (possible through decoding or assignment, not through ``init(_:)``) cycles
    /// the Okabe-Ito colours instead.
    public func color(at index: Int) -> Color {
        let list = colors.isEmpty ? Palette.okabeIto.colors : colors
        return list[((index % list.count) + list.count) % list.count]
    }

    /// Okabe-Ito: blue, vermillion, bluish green, orange, sky blue, reddish purple, black, yellow.
    public static let okabeIto = Palette([
        Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xE69F00),
        Color(hex: 0x56B4E9), Color(hex: 0xCC79A7), Color(hex: 0x000000), Color(hex: 0xF0E442),
    ])

    /// Paul Tol's "bright" qualitative scheme (also colour-blind safe).
    public static let tolBright = Palette([
        Color(hex: 0x4477AA), Color(hex: 0xEE6677), Color(hex: 0x228833), Color(hex: 0xCCBB44),
        Color(hex: 0x66CCEE), Color(hex: 0xAA3377), Color(hex: 0xBBBBBB),
    ])
}
