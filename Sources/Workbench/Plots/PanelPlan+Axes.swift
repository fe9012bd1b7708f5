import CCairo
import Foundation

extension PanelPlan {
    /// Light grid lines at the major ticks (y only for bars; none for heatmaps).
    func drawGrid(canvas: Canvas) {
        guard panel.grid, !isHeatmap else { return }
        for v in y.ticks.values {
            let p = py(v)
            cairo_move_to(canvas.cr, plot.x, p)
            cairo_line_to(canvas.cr, plot.maxX, p)
        }
        if isXY {
            for v in x.ticks.values {
                let p = px(v)
                cairo_move_to(canvas.cr, p, plot.y)
                cairo_line_to(canvas.cr, p, plot.maxY)
            }
        }
        canvas.stroke(width: Metrics.gridWidth, color: .grid)
    }

    /// Frame, ticks, tick labels, axis labels, title and panel letter.
    func drawAxes(canvas: Canvas, style: Style) {
        let cr = canvas.cr, t = Metrics.tickLength, ts = style.tickFontSize
        canvas.strokeRect(plot, width: Metrics.axisWidth, color: .ink)

        // X ticks and labels.
        var xTextBottom = plot.maxY + t
        if let names = categories {
            let slot = plot.width / Double(names.count)
            for (i, name) in names.enumerated() {
                let p = plot.x + slot * (Double(i) + 0.5)
                canvas.line(p, plot.maxY, p, plot.maxY + t, width: Metrics.axisWidth, color: .ink)
                if x.showTickLabels {
                    let box = canvas.drawText(name, x: p, y: plot.maxY + t + Metrics.tickPad, size: ts, h: .center, v: .top,
                                              vertical: verticalCategories, role: .tickLabel)
                    xTextBottom = Swift.max(xTextBottom, box.maxY)
                }
            }
        } else {
            for v in x.ticks.minor {
                let p = px(v)
                canvas.line(p, plot.maxY, p, plot.maxY + Metrics.minorTickLength, width: Metrics.axisWidth * 0.8, color: .ink)
            }
            for (v, text) in zip(x.ticks.values, x.ticks.labels) {
                let p = px(v)
                canvas.line(p, plot.maxY, p, plot.maxY + t, width: Metrics.axisWidth, color: .ink)
                if x.showTickLabels {
                    let box = canvas.drawText(text, x: p, y: plot.maxY + t + Metrics.tickPad, size: ts, h: .center, v: .top, role: .tickLabel)
                    xTextBottom = Swift.max(xTextBottom, box.maxY)
                }
            }
        }
        if x.showLabel, let label = x.fullLabel, !label.isEmpty {
            canvas.drawText(label, x: plot.midX, y: xTextBottom + Metrics.labelPad, size: style.labelFontSize,
                            h: .center, v: .top, role: .axisLabel)
        }

        // Y ticks and labels.
        var yTextLeft = plot.x - t
        let yEntries: [(Double, String)]
        if isHeatmap {
            let rows = heatmapRows
            let h = plot.height / Double(rows.count)
            yEntries = rows.enumerated().map { (plot.y + h * (Double($0.offset) + 0.5), $0.element) }
        } else {
            for v in y.ticks.minor {
                let p = py(v)
                canvas.line(plot.x - Metrics.minorTickLength, p, plot.x, p, width: Metrics.axisWidth * 0.8, color: .ink)
            }
            yEntries = zip(y.ticks.values, y.ticks.labels).map { (py($0.0), $0.1) }
        }
        for (p, text) in yEntries {
            canvas.line(plot.x - t, p, plot.x, p, width: Metrics.axisWidth, color: .ink)
            if y.showTickLabels {
                let box = canvas.drawText(text, x: plot.x - t - Metrics.tickPad, y: p, size: ts, h: .right, v: .center, role: .tickLabel)
                yTextLeft = Swift.min(yTextLeft, box.x)
            }
        }
        if y.showLabel, let label = y.fullLabel, !label.isEmpty {
            canvas.drawText(label, x: yTextLeft - Metrics.labelPad, y: plot.midY, size: style.labelFontSize,
                            h: .right, v: .center, vertical: true, role: .axisLabel)
        }
        cairo_new_path(cr)
    }

    /// Panel title centred over the plot and the panel letter at the cell's top-left corner.
    func drawTitle(canvas: Canvas, style: Style) {
        let size = style.titleFontSize
        var letterBox: Rect?
        let titleHeight = canvas.measure("Ag", size: size).height
        let top = plot.y - 5 - titleHeight
        if let letter {
            letterBox = canvas.drawText(letter, x: cell.x, y: top, size: size, bold: true, h: .left, v: .top, role: .panelLetter)
        }
        guard let full = panel.title, !full.isEmpty else { return }
        // Centred over the plot, but always inside the panel's cell and clear of the letter;
        // a title wider than that space is shortened with an ellipsis rather than clipped.
        let left = letterBox.map { $0.maxX + 6 } ?? cell.x
        let title = fitted(full, limit: cell.maxX - left, canvas: canvas, size: size)
        var box = canvas.textRect(title, x: plot.midX, y: top, size: size, h: .center, v: .top)
        if box.x < left { box.x = left }
        if box.maxX > cell.maxX { box.x = max(left, cell.maxX - box.width) }
        canvas.drawText(title, x: box.x, y: top, size: size, h: .left, v: .top, role: .title)
    }
}
