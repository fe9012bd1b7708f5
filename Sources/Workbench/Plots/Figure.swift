/// A complete figure: a grid of panels, an optional title and a style, in physical size.
///
/// A figure is a plain `Codable` value: the notebook caches it and ``FigureRenderer`` turns it into
/// PNG, PDF or SVG bytes. Panels fill the grid row by row.
/// ```swift
/// let figure = Figure(title: "Convergence", columns: 2, panels: [lossPanel, ratioPanel])
/// try FigureRenderer.write(figure, to: "Figures/convergence.pdf")
/// ```
public struct Figure: Codable, Sendable, Hashable {
    /// Overall title above all panels, or nil.
    public var title: String?
    /// Width in points (1/72 inch).
    public var width: Double
    /// Height in points.
    public var height: Double
    /// Number of panel columns; rows follow from the panel count.
    public var columns: Int
    /// The panels, row by row.
    public var panels: [Panel]
    /// All panels use the same x limits; only the bottom row shows x tick labels and labels.
    public var sharedX: Bool
    /// All panels use the same y limits; only the left column shows y tick labels and labels.
    public var sharedY: Bool
    /// Label panels (a), (b), …; nil means "when there is more than one panel".
    public var panelLetters: Bool?
    /// Fonts, sizes and colours.
    public var style: Style
    /// One legend below all panels (from the first panel's series) instead of one per panel;
    /// nil or false keeps per-panel legends.
    public var sharedLegend: Bool?

    /// Creates a figure. The default size, 6.4 × 4.0 inches, suits one panel across a page.
    public init(
        title: String? = nil, width: Double = 460, height: Double = 288, columns: Int = 1,
        panels: [Panel] = [], sharedX: Bool = false, sharedY: Bool = false, panelLetters: Bool? = nil,
        style: Style = .standard
    ) {
        self.title = title
        self.width = width
        self.height = height
        self.columns = columns
        self.panels = panels
        self.sharedX = sharedX
        self.sharedY = sharedY
        self.panelLetters = panelLetters
        self.style = style
    }

    /// A one-panel figure.
    public init(_ panel: Panel, title: String? = nil, width: Double = 460, height: Double = 288) {
        self.init(title: title, width: width, height: height, panels: [panel])
    }

    /// A copy with `panel` appended.
    public func adding(_ panel: Panel) -> Figure {
        var copy = self
        copy.panels.append(panel)
        return copy
    }

    /// Number of panel rows.
    public var rows: Int {
        let c = Swift.max(columns, 1)
        return (panels.count + c - 1) / c
    }

    /// Whether panel letters are drawn.
    public var showsPanelLetters: Bool { panelLetters ?? (panels.count > 1) }
}
