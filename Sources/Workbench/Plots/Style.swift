/// Fonts, sizes and colours shared by every panel of a figure.
///
/// Sizes are in points (1/72 inch) at the figure's physical size, chosen to stay legible when a
/// figure is printed at column width: 8 pt tick labels, 9 pt axis labels, 10 pt titles.
public struct Style: Codable, Sendable, Hashable {
    /// Font family name, resolved through fontconfig; rendering fails if it is not installed.
    public var fontFamily: String
    /// Tick labels, legend entries and bar value labels.
    public var tickFontSize: Double
    /// Axis labels and colour-bar labels.
    public var labelFontSize: Double
    /// Panel titles and panel letters.
    public var titleFontSize: Double
    /// The figure's overall title.
    public var figureTitleFontSize: Double
    /// Default line width of series.
    public var lineWidth: Double
    /// Default marker diameter.
    public var markerSize: Double
    /// Series colours.
    public var palette: Palette

    /// Creates a style; the defaults are the house style.
    public init(
        fontFamily: String = "DejaVu Sans", tickFontSize: Double = 8, labelFontSize: Double = 9,
        titleFontSize: Double = 10, figureTitleFontSize: Double = 11, lineWidth: Double = 1.5,
        markerSize: Double = 4.5, palette: Palette = .okabeIto
    ) {
        self.fontFamily = fontFamily
        self.tickFontSize = tickFontSize
        self.labelFontSize = labelFontSize
        self.titleFontSize = titleFontSize
        self.figureTitleFontSize = figureTitleFontSize
        self.lineWidth = lineWidth
        self.markerSize = markerSize
        self.palette = palette
    }

    /// The house style.
    public static let standard = Style()
}
