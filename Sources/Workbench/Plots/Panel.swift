/// One chart in a figure: axes, a title and the marks drawn in it.
///
/// Build panels with the chaining methods, which return a modified copy:
/// ```swift
/// let panel = Panel(title: "Training loss", x: Axis("Step"), y: .log("Loss"))
///     .line("GDSG", x: steps, y: loss)
///     .line(LineSeries("DQN", x: steps, runs: seeds, band: .minMax))
/// ```
public struct Panel: Codable, Sendable, Hashable {
    /// Where the legend goes.
    public enum LegendPlacement: String, Codable, Sendable, Hashable {
        /// Inside the plot area, at the candidate position that covers the fewest data.
        case best
        /// Inside, upper right corner.
        case upperRight
        /// Inside, upper left corner.
        case upperLeft
        /// Inside, lower left corner.
        case lowerLeft
        /// Inside, lower right corner.
        case lowerRight
        /// No legend.
        case hidden
        /// Outside the plot area, to its right (never covers data).
        case outside
    }

    /// Title above the plot area, or nil.
    public var title: String?
    /// The horizontal axis (ignored for heatmaps, whose columns are categories).
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// The data layers, drawn in order.
    public var marks: [Mark]
    /// Legend placement.
    public var legend: LegendPlacement
    /// Light horizontal and vertical grid lines at the major ticks.
    public var grid: Bool
    /// Reference lines (e.g. `ratio = 1`), or nil for none.
    public var references: [ReferenceLine]?
    /// A heading drawn above the legend entries, or nil.
    public var legendTitle: String?
    /// Lines of text drawn below the legend entries (e.g. what the error bars show), or nil.
    public var legendNotes: [String]?

    /// Creates a panel.
    public init(
        title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), marks: [Mark] = [],
        legend: LegendPlacement = .best, grid: Bool = true
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
        self.legend = legend
        self.grid = grid
    }

    /// Appends a mark in place.
    public mutating func add(_ mark: Mark) {
        marks.append(mark)
    }

    /// A copy with `mark` appended.
    public func adding(_ mark: Mark) -> Panel {
        var copy = self
        copy.marks.append(mark)
        return copy
    }

    /// A copy with a line series appended.
    public func line(_ series: LineSeries) -> Panel { adding(.line(series)) }

    /// A copy with a plain line series appended.
    public func line(_ name: String?, x: [Double], y: [Double], marker: Marker? = nil) -> Panel {
        adding(.line(LineSeries(name, x: x, y: y, marker: marker)))
    }

    /// A copy with a scatter series appended.
    public func scatter(_ series: ScatterSeries) -> Panel { adding(.scatter(series)) }

    /// A copy with a grouped bar chart as its content.
    public func bars(_ chart: BarChart) -> Panel { adding(.bars(chart)) }

    /// A copy with a reference line appended.
    public func reference(_ line: ReferenceLine) -> Panel {
        var copy = self
        copy.references = (references ?? []) + [line]
        return copy
    }

    /// A copy with grouped box plots as its content.
    public func boxes(_ chart: BoxChart) -> Panel { adding(.boxes(chart)) }

    /// A copy with a heatmap as its content.
    public func heatmap(_ map: Heatmap) -> Panel { adding(.heatmap(map)) }
}
