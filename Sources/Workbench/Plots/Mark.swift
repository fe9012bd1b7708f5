/// One layer of data drawn in a panel.
///
/// Line and scatter marks share numeric axes and may be combined in one panel; a bar chart, a box
/// plot or a heatmap fills its panel alone (the renderer reports mixing them as invalid input).
public enum Mark: Codable, Sendable, Hashable {
    /// A line series (with optional band, markers and smoothing).
    case line(LineSeries)
    /// A scatter series.
    case scatter(ScatterSeries)
    /// A grouped bar chart.
    case bars(BarChart)
    /// A heatmap with a colour bar.
    case heatmap(Heatmap)
    /// Grouped box plots.
    case boxes(BoxChart)
}
