/// Grouped bars: one group per category, one bar per series, with optional error bars.
///
/// The panel's x axis shows the category names; its y axis is numeric (linear bars start at 0).
public struct BarChart: Codable, Sendable, Hashable {
    /// One bar per category, all in the same colour.
    public struct Series: Codable, Sendable, Hashable {
        /// Legend entry.
        public var name: String
        /// Bar heights, one per category (NaN leaves the slot empty).
        public var values: [Double]
        /// Symmetric error half-widths (e.g. std over seeds), one per category, or nil.
        public var errors: [Double]?
        /// Explicit colour, or nil for the next palette colour.
        public var color: Color?
        /// Lower ends of asymmetric error bars (e.g. the minimum over seeds), one per category, or
        /// nil; with ``upper`` they replace ``errors``.
        public var lower: [Double]?
        /// Upper ends of asymmetric error bars, one per category, or nil.
        public var upper: [Double]?

        /// Creates a bar series.
        public init(_ name: String, values: [Double], errors: [Double]? = nil, color: Color? = nil) {
            self.name = name
            self.values = values
            self.errors = errors
            self.color = color
        }

        /// Creates a bar series whose error bars run from `lower` to `upper` (data values, not widths).
        public init(_ name: String, values: [Double], lower: [Double], upper: [Double], color: Color? = nil) {
            self.init(name, values: values, color: color)
            self.lower = lower
            self.upper = upper
        }

        /// The error bar's data span at category `i`, or nil when it has none.
        func errorSpan(at i: Int) -> (low: Double, high: Double)? {
            if let lower, let upper, i < lower.count, i < upper.count {
                guard lower[i].isFinite, upper[i].isFinite, upper[i] > lower[i] else { return nil }
                return (lower[i], upper[i])
            }
            guard let e = errors?[i], e.isFinite, e > 0, i < values.count else { return nil }
            return (values[i] - e, values[i] + e)
        }
    }

    /// Category names along the x axis (e.g. problem scales).
    public var categories: [String]
    /// The series, drawn side by side within each category.
    public var series: [Series]
    /// Print each bar's value above it (turned vertical and smaller when bars are narrow, left out
    /// when bars are too narrow for legible text).
    public var valueLabels: Bool
    /// Decimal places of value labels, or nil to choose from the data.
    public var valueDecimals: Int?
    /// The value bars grow from (e.g. 1 for cost ratios, whose bars then go up or down from 1);
    /// nil means 0 on a linear axis and the axis bottom on a log axis.
    public var baseline: Double?

    /// Creates a grouped bar chart.
    public init(categories: [String], series: [Series], valueLabels: Bool = false, valueDecimals: Int? = nil) {
        self.categories = categories
        self.series = series
        self.valueLabels = valueLabels
        self.valueDecimals = valueDecimals
    }
}

/// A grid of numbers shown as coloured cells with the value printed in each cell and a colour bar.
///
/// Row 0 is drawn at the top, as in a table. Text colour in each cell is black or white,
/// whichever contrasts more with the cell.
public struct Heatmap: Codable, Sendable, Hashable {
    /// Row names (drawn down the left side, first at the top).
    public var rows: [String]
    /// Column names (drawn along the bottom).
    public var columns: [String]
    /// Values, `values[row][column]`; NaN cells are left blank.
    public var values: [[Double]]
    /// The colour scale.
    public var colormap: Colormap
    /// Label of the colour bar, with units.
    public var colorbarLabel: String?
    /// Print the value in each cell.
    public var showValues: Bool
    /// Decimal places of cell values, or nil to choose from the data.
    public var valueDecimals: Int?
    /// Fixed colour-scale limits, or nil to use the data range.
    public var range: ClosedRange<Double>?

    /// Creates a heatmap.
    public init(
        rows: [String], columns: [String], values: [[Double]], colormap: Colormap = .viridis,
        colorbarLabel: String? = nil, showValues: Bool = true, valueDecimals: Int? = nil,
        range: ClosedRange<Double>? = nil
    ) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.colormap = colormap
        self.colorbarLabel = colorbarLabel
        self.showValues = showValues
        self.valueDecimals = valueDecimals
        self.range = range
    }
}
