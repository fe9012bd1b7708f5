import CCairo
import Foundation

extension PanelPlan {
    /// The rectangle of cell (row, column); row 0 is at the top.
    func cellRect(row: Int, column: Int, rows: Int, columns: Int) -> Rect {
        let w = plot.width / Double(columns), h = plot.height / Double(rows)
        return Rect(x: plot.x + w * Double(column), y: plot.y + h * Double(row), width: w, height: h)
    }

    /// Draws the cells, their values in a contrasting colour, and the colour bar.
    func drawHeatmap(_ map: Heatmap, canvas: Canvas, style: Style) {
        guard let bar = colorbar else { return }
        let span = bar.hi - bar.lo
        let decimals = map.valueDecimals ?? NumberText.decimals(forValues: Array(map.values.joined()))
        let texts = map.values.map { $0.map { NumberText.format($0, decimals: decimals) } }
        // One font size for every cell: the largest (≤ tick size) at which every number fits.
        let cell = cellRect(row: 0, column: 0, rows: map.rows.count, columns: map.columns.count)
        var size = style.tickFontSize
        let widest = texts.joined().max { canvas.measure($0, size: 1).width < canvas.measure($1, size: 1).width } ?? ""
        while size > 4, canvas.measure(widest, size: size).width > cell.width - 3 || canvas.measure(widest, size: size).height > cell.height - 1 {
            size -= 0.5
        }
        for (r, row) in map.values.enumerated() {
            for (c, v) in row.enumerated() {
                let rect = cellRect(row: r, column: c, rows: map.rows.count, columns: map.columns.count)
                guard v.isFinite else {
                    canvas.fillRect(rect, color: Color(hex: 0xF2F2F2))
                    continue
                }
                let color = map.colormap.color(at: (v - bar.lo) / span)
                // Slightly oversized cells hide hairline seams between neighbours in raster output.
                canvas.fillRect(Rect(x: rect.x, y: rect.y, width: rect.width + 0.3, height: rect.height + 0.3)
                                    .clipped(to: plot), color: color)
                if map.showValues && size > 4 {
                    canvas.drawText(texts[r][c], x: rect.midX, y: rect.midY, size: size, h: .center, v: .center,
                                    color: color.contrastingText, role: .cellValue)
                }
            }
        }
        // Colour bar: a gradient through the colormap's anchors, with its own ticks.
        let barRect = Rect(x: plot.maxX + Metrics.colorbarGap, y: plot.y, width: Metrics.colorbarWidth, height: plot.height)
        let pattern = cairo_pattern_create_linear(0, barRect.maxY, 0, barRect.y)
        let anchors = map.colormap.anchors
        for (i, a) in anchors.enumerated() {
            cairo_pattern_add_color_stop_rgb(pattern, Double(i) / Double(anchors.count - 1), a.red, a.green, a.blue)
        }
        cairo_rectangle(canvas.cr, barRect.x, barRect.y, barRect.width, barRect.height)
        cairo_set_source(canvas.cr, pattern)
        cairo_fill(canvas.cr)
        cairo_pattern_destroy(pattern)
        canvas.strokeRect(barRect, width: Metrics.axisWidth, color: .ink)
        var widest2 = 0.0
        for (v, text) in zip(bar.ticks.values, bar.ticks.labels) {
            let y = bar.map(v, barRect.maxY, barRect.y)
            canvas.line(barRect.maxX, y, barRect.maxX + Metrics.tickLength, y, width: Metrics.axisWidth, color: .ink)
            let box = canvas.drawText(text, x: barRect.maxX + Metrics.tickLength + Metrics.tickPad, y: y,
                                      size: style.tickFontSize, h: .left, v: .center, role: .tickLabel)
            widest2 = Swift.max(widest2, box.width)
        }
        if let label = bar.fullLabel, !label.isEmpty {
            canvas.drawText(label, x: barRect.maxX + Metrics.tickLength + Metrics.tickPad + widest2 + Metrics.labelPad,
                            y: barRect.midY, size: style.labelFontSize, h: .left, v: .center, vertical: true, role: .axisLabel)
        }
    }
}

extension Rect {
    /// The part of this rectangle inside `bounds`.
    func clipped(to bounds: Rect) -> Rect {
        let x0 = Swift.max(x, bounds.x), y0 = Swift.max(y, bounds.y)
        let x1 = Swift.min(maxX, bounds.maxX), y1 = Swift.min(maxY, bounds.maxY)
        return Rect(x: x0, y: y0, width: Swift.max(0, x1 - x0), height: Swift.max(0, y1 - y0))
    }
}
