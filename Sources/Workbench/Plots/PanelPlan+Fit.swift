import Foundation

/// Space a panel needs around its plot area, in points.
struct Margins {
    var left = 0.0, top = 0.0, right = 0.0, bottom = 0.0
}

extension PanelPlan {
    /// Chooses ticks for the current plot rectangle and returns the margins its text needs.
    mutating func fit(canvas: Canvas, style: Style) -> Margins {
        let tickSize = style.tickFontSize, labelSize = style.labelFontSize
        let labelHeight = canvas.measure("Ag", size: labelSize).height
        let tickHeight = canvas.measure("0", size: tickSize).height
        var m = Margins()

        applyHeadroom()
        if isXY { x.chooseTicks(canvas: canvas, length: plot.width, horizontal: true, fontSize: tickSize) }
        if !isHeatmap { y.chooseTicks(canvas: canvas, length: plot.height, horizontal: false, fontSize: tickSize) }
        if !isHeatmap && !legendOutside { legendOutside = wantsLegendOutside(canvas: canvas, style: style) }
        if !isHeatmap { updateHeadroom(canvas: canvas, style: style) }

        // Left: y tick labels (or heatmap row names) and the y label.
        let yTexts = isHeatmap ? heatmapRows : y.ticks.labels
        m.left = Metrics.tickLength + 1
        if y.showTickLabels {
            m.left += Metrics.tickPad + (yTexts.map { canvas.measure($0, size: tickSize).width }.max() ?? 0)
        }
        if y.showLabel, let label = y.fullLabel, !label.isEmpty { m.left += Metrics.labelPad + labelHeight }

        // Bottom: x tick labels (category names may turn vertical) and the x label.
        m.bottom = Metrics.tickLength + 1
        if x.showTickLabels {
            if let names = categories {
                let slot = plot.width / Double(names.count)
                let widest = names.map { canvas.measure($0, size: tickSize).width }.max() ?? 0
                verticalCategories = widest > slot - tickSize * 0.6
                m.bottom += Metrics.tickPad + (verticalCategories ? widest : tickHeight)
            } else {
                m.bottom += Metrics.tickPad + tickHeight
            }
        }
        if x.showLabel, let label = x.fullLabel, !label.isEmpty { m.bottom += Metrics.labelPad + labelHeight }

        // Top: title and panel letter, or at least room for a y tick label centred on the top edge.
        let titleHeight = panel.title.map { canvas.measure($0, size: style.titleFontSize).height } ?? 0
        let letterHeight = letter.map { canvas.measure($0, size: style.titleFontSize, bold: true).height } ?? 0
        m.top = Swift.max(tickHeight / 2 + 1, Swift.max(titleHeight, letterHeight) + (titleHeight + letterHeight > 0 ? 5 : 0))

        // Right: overhang of the last x tick label, or the colour bar.
        m.right = 4
        if isXY, x.showTickLabels, let last = x.ticks.values.last, let text = x.ticks.labels.last {
            let overhang = px(last) + canvas.measure(text, size: tickSize).width / 2 - plot.maxX
            m.right = Swift.max(m.right, overhang + 2)
        }
        if legendOutside, let size = legendSize(canvas: canvas, style: style) {
            m.right = Swift.max(m.right, Metrics.legendOutsideGap + size.width + 2)
        }
        if var bar = colorbar {
            bar.chooseTicks(canvas: canvas, length: plot.height, horizontal: false, fontSize: tickSize)
            colorbar = bar
            let widest = bar.ticks.labels.map { canvas.measure($0, size: tickSize).width }.max() ?? 0
            m.right = Metrics.colorbarGap + Metrics.colorbarWidth + Metrics.tickLength + Metrics.tickPad + widest + 2
            if let label = bar.fullLabel, !label.isEmpty { m.right += Metrics.labelPad + labelHeight }
        }
        return m
    }

    /// Whether the panel is a heatmap.
    var isHeatmap: Bool { if case .heatmap = content { return true }; return false }

    /// Heatmap row names (empty for other panels).
    var heatmapRows: [String] { if case .heatmap(let m) = content { return m.rows }; return [] }

    /// Grows ``headroom`` (never shrinks it, so layout converges) for bar value labels and a legend
    /// that would otherwise cover data.
    mutating func updateHeadroom(canvas: Canvas, style: Style) {
        var need = 0.0
        if case .bars(let chart) = content, chart.valueLabels {
            need += valueLabelExtent(chart: chart, canvas: canvas, style: style) + 3
        }
        if panel.legend != .hidden, !legendOutside, let size = legendSize(canvas: canvas, style: style) {
            let placement = bestLegendPlacement(size: size, canvas: canvas, style: style)
            if placement.score > 0 && panel.legend == .best && panel.y.max == nil {
                need += size.height + Metrics.legendInset
            }
        }
        if need > headroom + 0.5 {
            headroom = need
            applyHeadroom()
            y.chooseTicks(canvas: canvas, length: plot.height, horizontal: false, fontSize: style.tickFontSize)
        }
    }
}
