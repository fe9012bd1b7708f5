/// Grouped box plots: one group per category, one box per series, each summarising samples.
///
/// Like ``BarChart``, the panel's x axis shows the category names and the y axis is numeric; the
/// boxes of a category sit side by side in series order, each in its series' colour.
/// ```swift
/// let chart = BoxChart(categories: ["5 users", "10 users"], series: [
///     BoxChart.Series("GDSG", samples: [ratiosAt5, ratiosAt10]),
/// ])
/// ```
public struct BoxChart: Codable, Sendable, Hashable {
    /// One box per category, all in the same colour.
    public struct Series: Codable, Sendable, Hashable {
        /// Legend entry (empty: no legend entry).
        public var name: String
        /// The summary of each category's samples (nil leaves the slot empty).
        public var boxes: [BoxStats?]
        /// Explicit colour, or nil for the next palette colour.
        public var color: Color?

        /// Creates a series from summaries.
        public init(_ name: String, boxes: [BoxStats?], color: Color? = nil) {
            self.name = name
            self.boxes = boxes
            self.color = color
        }

        /// Creates a series by summarising each category's samples (an empty list leaves its slot empty).
        public init(_ name: String, samples: [[Double]], whiskers: BoxStats.Whiskers = .tukey, color: Color? = nil) {
            self.init(name, boxes: samples.map { BoxStats(samples: $0, whiskers: whiskers) }, color: color)
        }
    }

    /// Category names along the x axis.
    public var categories: [String]
    /// The series, drawn side by side within each category.
    public var series: [Series]
    /// Draw each box's mean as a white diamond.
    public var showMeans: Bool

    /// Creates a grouped box plot.
    public init(categories: [String], series: [Series], showMeans: Bool = false) {
        self.categories = categories
        self.series = series
        self.showMeans = showMeans
    }
}
