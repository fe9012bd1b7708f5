/// Fixed distances of the house layout, in points.
enum Metrics {
    static let figurePad = 6.0
    static let columnGap = 14.0
    static let rowGap = 10.0
    static let tickLength = 3.5
    static let minorTickLength = 2.0
    static let tickPad = 2.5
    static let labelPad = 4.0
    static let axisWidth = 0.8
    static let gridWidth = 0.6
    static let colorbarGap = 10.0
    static let colorbarWidth = 10.0
    static let legendInset = 5.0
    static let legendPad = 4.0
    static let legendSample = 18.0
    static let legendOutsideGap = 8.0
    static let sharedLegendGap = 6.0
}

/// The colour and marker a series is drawn with (resolved from the palette and marker cycle).
struct SeriesLook {
    var name: String
    var color: Color
    var marker: Marker
    var dash: LineDash
    var lineWidth: Double
    /// Legend sample kind.
    var kind: Kind

    enum Kind { case line, scatter, bar }
}
