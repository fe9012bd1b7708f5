import Foundation
import LabCore

/// Places the panels of a figure on the page and draws them.
///
/// Columns and rows get their own margins (the widest tick labels in the column, the tallest
/// titles in the row) while every plot area has the same size, so panels line up. Margins are
/// refined until the chosen ticks and labels fit.
struct FigureLayout {
    let figure: Figure
    var plans: [PanelPlan]
    var titleBand = 0.0
    /// The figure's shared legend and its size, drawn centred below the panels.
    var shared: (content: LegendContent, size: LegendSize)?

    init(figure: Figure, canvas: Canvas) throws {
        self.figure = figure
        let style = figure.style
        let letters = figure.showsPanelLetters
        plans = figure.panels.enumerated().map { i, panel in
            PanelPlan(index: i, panel: panel, style: style, letter: letters ? FigureLayout.letter(i) : nil)
        }
        applySharing()
        if figure.sharedLegend == true { shareLegend(canvas: canvas) }
        if let title = figure.title, !title.isEmpty {
            titleBand = canvas.measure(title, size: style.figureTitleFontSize, bold: true).height + 4
        }
        try place(canvas: canvas)
    }

    /// `(a)`, `(b)`, … `(z)`, then `(aa)`, ….
    static func letter(_ i: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let name = i < 26 ? String(letters[i]) : String(letters[i / 26 - 1]) + String(letters[i % 26])
        return "(\(name))"
    }

    /// Shared limits and hidden inner tick labels for shared axes.
    private mutating func applySharing() {
        let columns = Swift.max(figure.columns, 1), count = plans.count
        if figure.sharedX {
            let xy = plans.indices.filter { plans[$0].isXY }
            if let lo = xy.map({ plans[$0].x.lo }).min(), let hi = xy.map({ plans[$0].x.hi }).max() {
                for i in xy { (plans[i].x.lo, plans[i].x.hi) = (lo, hi) }
            }
            for i in plans.indices where i + columns < count {
                plans[i].x.showTickLabels = false
                plans[i].x.showLabel = false
            }
        }
        if figure.sharedY {
            let numeric = plans.indices.filter { !plans[$0].isHeatmap }
            if let lo = numeric.map({ plans[$0].baseY.lo }).min(), let hi = numeric.map({ plans[$0].baseY.hi }).max() {
                for i in numeric { plans[i].baseY = (lo, hi) }
            }
            for i in plans.indices where i % columns != 0 {
                plans[i].y.showTickLabels = false
                plans[i].y.showLabel = false
            }
        }
    }

    /// Hides every panel's legend and builds one legend of every series any panel shows, in as
    /// many columns as fit across the figure.
    ///
    /// The entries are those of the panel with the most, in its order, then any other panel's
    /// series not among them (by name), so panels that show different subsets of the same
    /// series still get every entry; the title comes from that panel, the notes from every panel
    /// (each once).
    private mutating func shareLegend(canvas: Canvas) {
        let style = figure.style
        let candidates = plans.filter { !$0.legendLooks.isEmpty && !$0.isHeatmap }
        guard var source = candidates.first else { return }
        for plan in candidates where plan.legendLooks.count > source.legendLooks.count { source = plan }
        for i in plans.indices { plans[i].legendShared = true }
        var looks = source.legendLooks, notes = source.panel.legendNotes ?? []
        for plan in candidates {
            for look in plan.legendLooks where !looks.contains(where: { $0.name == look.name }) { looks.append(look) }
            for note in plan.panel.legendNotes ?? [] where !notes.contains(note) { notes.append(note) }
        }
        let limit = figure.width - 2 * Metrics.figurePad
        let content = LegendContent(title: source.panel.legendTitle, looks: looks,
                                    names: looks.map { source.fitted($0.name, limit: limit / 2, canvas: canvas, size: style.tickFontSize) },
                                    notes: notes)
        var size = content.size(columns: 1, canvas: canvas, style: style)
        for columns in stride(from: content.looks.count, through: 1, by: -1) {
            let candidate = content.size(columns: columns, canvas: canvas, style: style)
            if candidate.width <= limit { size = candidate; break }
        }
        shared = (content, size)
    }

    /// Iterates margins until every panel's text fits.
    private mutating func place(canvas: Canvas) throws {
        let columns = Swift.max(figure.columns, 1), rows = figure.rows
        let pad = Metrics.figurePad
        let legendBand = shared.map { $0.size.height + Metrics.sharedLegendGap } ?? 0
        let area = Rect(x: pad, y: pad + titleBand, width: figure.width - 2 * pad, height: figure.height - 2 * pad - titleBand - legendBand)
        var left = [Double](repeating: 40, count: columns), right = [Double](repeating: 8, count: columns)
        var top = [Double](repeating: 16, count: rows), bottom = [Double](repeating: 30, count: rows)
        for iteration in 0..<8 {
            let plotWidth = (area.width - left.reduce(0, +) - right.reduce(0, +) - Metrics.columnGap * Double(columns - 1)) / Double(columns)
            let plotHeight = (area.height - top.reduce(0, +) - bottom.reduce(0, +) - Metrics.rowGap * Double(rows - 1)) / Double(rows)
            guard plotWidth >= 30, plotHeight >= 30 else {
                throw LabError(.invalidInput, "figure \(figure.width)×\(figure.height) pt is too small for its \(plans.count) panel(s) and their labels; make it larger or use fewer columns.")
            }
            var need = (left: [Double](repeating: 0, count: columns), right: [Double](repeating: 0, count: columns),
                        top: [Double](repeating: 0, count: rows), bottom: [Double](repeating: 0, count: rows))
            for i in plans.indices {
                let c = i % columns, r = i / columns
                let cellX = area.x + (0..<c).reduce(0.0) { $0 + left[$1] + plotWidth + right[$1] + Metrics.columnGap }
                let cellY = area.y + (0..<r).reduce(0.0) { $0 + top[$1] + plotHeight + bottom[$1] + Metrics.rowGap }
                plans[i].cell = Rect(x: cellX, y: cellY, width: left[c] + plotWidth + right[c], height: top[r] + plotHeight + bottom[r])
                plans[i].plot = Rect(x: cellX + left[c], y: cellY + top[r], width: plotWidth, height: plotHeight)
                let m = plans[i].fit(canvas: canvas, style: figure.style)
                need.left[c] = Swift.max(need.left[c], m.left)
                need.right[c] = Swift.max(need.right[c], m.right)
                need.top[r] = Swift.max(need.top[r], m.top)
                need.bottom[r] = Swift.max(need.bottom[r], m.bottom)
            }
            if figure.sharedY { equaliseHeadroom(canvas: canvas) }
            let fits = zip(need.left, left).allSatisfy { $0 <= $1 + 0.01 } && zip(need.right, right).allSatisfy { $0 <= $1 + 0.01 }
                && zip(need.top, top).allSatisfy { $0 <= $1 + 0.01 } && zip(need.bottom, bottom).allSatisfy { $0 <= $1 + 0.01 }
            if fits && iteration > 0 { return }
            // First pass: adopt the measured margins; later passes only grow them, which converges.
            if iteration == 0 {
                (left, right, top, bottom) = (need.left, need.right, need.top, need.bottom)
            } else {
                left = zip(left, need.left).map { Swift.max($0, $1) }
                right = zip(right, need.right).map { Swift.max($0, $1) }
                top = zip(top, need.top).map { Swift.max($0, $1) }
                bottom = zip(bottom, need.bottom).map { Swift.max($0, $1) }
            }
        }
    }

    /// With a shared y axis every panel keeps the largest headroom, so limits stay equal.
    private mutating func equaliseHeadroom(canvas: Canvas) {
        let most = plans.filter { !$0.isHeatmap }.map(\.headroom).max() ?? 0
        for i in plans.indices where !plans[i].isHeatmap && plans[i].headroom < most {
            plans[i].headroom = most
            plans[i].applyHeadroom()
            plans[i].y.chooseTicks(canvas: canvas, length: plans[i].plot.height, horizontal: false, fontSize: figure.style.tickFontSize)
        }
    }

    /// Draws the figure title and every panel.
    mutating func draw(canvas: Canvas) {
        let style = figure.style
        if let title = figure.title, !title.isEmpty {
            canvas.drawText(title, x: figure.width / 2, y: Metrics.figurePad, size: style.figureTitleFontSize, bold: true,
                            h: .center, v: .top, role: .figureTitle)
        }
        for i in plans.indices {
            plans[i].drawGrid(canvas: canvas)
            switch plans[i].content {
            case .xy(let lines, let scatters): plans[i].drawXY(lines: lines, scatters: scatters, canvas: canvas, style: style)
            case .bars(let chart): plans[i].drawBars(chart: chart, canvas: canvas, style: style)
            case .heatmap(let map): plans[i].drawHeatmap(map, canvas: canvas, style: style)
            case .boxes(let chart): plans[i].drawBoxes(chart: chart, canvas: canvas, style: style)
            }
            plans[i].drawReferences(canvas: canvas, style: style)
            plans[i].drawAxes(canvas: canvas, style: style)
            plans[i].drawLegend(canvas: canvas, style: style)
            plans[i].drawTitle(canvas: canvas, style: style)
        }
        if let shared {
            let rect = Rect(x: (figure.width - shared.size.width) / 2, y: figure.height - Metrics.figurePad - shared.size.height,
                            width: shared.size.width, height: shared.size.height)
            shared.content.draw(in: rect, size: shared.size, canvas: canvas, style: style)
        }
    }
}
