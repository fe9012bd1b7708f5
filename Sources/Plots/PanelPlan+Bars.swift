import CCairo
import Foundation

/// One bar's place on the page.
struct BarGeometry {
    var series: Int
    var category: Int
    var rect: Rect
    var value: Double
    /// Pixel y of the error bar's top and bottom, if the bar has one.
    var errorSpan: (top: Double, bottom: Double)?
    /// The value label text, if value labels are on.
    var label: String?
}

extension PanelPlan {
    /// Rectangles of all bars for the current plot rectangle and y limits.
    func barGeometry(chart: BarChart) -> [BarGeometry] {
        let nCat = chart.categories.count, nSeries = chart.series.count
        let slot = plot.width / Double(nCat)
        let group = slot * (nSeries == 1 ? 0.6 : 0.8)
        let barWidth = group / Double(nSeries)
        let baseValue = y.scale == .log ? y.lo : Swift.min(Swift.max(0, y.lo), y.hi)
        let base = py(baseValue)
        let decimals = chart.valueDecimals ?? NumberText.decimals(forValues: chart.series.flatMap(\.values))
        var bars: [BarGeometry] = []
        for (s, series) in chart.series.enumerated() {
            for (c, v) in series.values.enumerated() where v.isFinite {
                let left = plot.x + slot * Double(c) + (slot - group) / 2 + barWidth * Double(s)
                let top = py(v)
                let rect = Rect(x: left, y: Swift.min(top, base), width: barWidth, height: abs(base - top))
                var span: (Double, Double)?
                if let e = series.errors?[c], e.isFinite, e > 0 {
                    let lower = y.scale == .log ? Swift.max(v - e, y.lo) : v - e
                    span = (py(v + e), py(lower))
                }
                let label = chart.valueLabels ? NumberText.format(v, decimals: decimals) : nil
                bars.append(BarGeometry(series: s, category: c, rect: rect, value: v, errorSpan: span, label: label))
            }
        }
        return bars
    }

    /// Whether value labels must be vertical because they are wider than the bars.
    func valueLabelsVertical(chart: BarChart, canvas: Canvas, style: Style) -> Bool {
        let bars = barGeometry(chart: chart)
        guard let width = bars.first?.rect.width else { return false }
        let widest = bars.compactMap(\.label).map { canvas.measure($0, size: valueFontSize(style), bold: false).width }.max() ?? 0
        return widest > width + 2
    }

    /// Value labels are a little smaller than tick labels.
    func valueFontSize(_ style: Style) -> Double { style.tickFontSize - 1 }

    /// The largest extent of a value label above its bar (height, or width when vertical).
    func valueLabelExtent(chart: BarChart, canvas: Canvas, style: Style) -> Double {
        let vertical = valueLabelsVertical(chart: chart, canvas: canvas, style: style)
        return barGeometry(chart: chart).compactMap(\.label).map { text -> Double in
            let m = canvas.measure(text, size: valueFontSize(style))
            return vertical ? m.width : m.height
        }.max() ?? 0
    }

    /// The box of a bar's value label, just above the bar or its error bar.
    func valueLabelRect(text: String, bar: BarGeometry, canvas: Canvas, style: Style) -> Rect {
        guard case .bars(let chart) = content else { return bar.rect }
        let vertical = valueLabelsVertical(chart: chart, canvas: canvas, style: style)
        let top = Swift.min(bar.rect.y, bar.errorSpan?.top ?? bar.rect.y) - 2
        return canvas.textRect(text, x: bar.rect.midX, y: top, size: valueFontSize(style), h: .center, v: .bottom, vertical: vertical)
    }

    /// Draws bars, error bars and value labels.
    func drawBars(chart: BarChart, canvas: Canvas, style: Style) {
        let bars = barGeometry(chart: chart)
        let vertical = valueLabelsVertical(chart: chart, canvas: canvas, style: style)
        canvas.clip(plot)
        for bar in bars {
            canvas.fillRect(bar.rect, color: looks[bar.series].color)
        }
        for bar in bars {
            guard let span = bar.errorSpan else { continue }
            let cap = Swift.min(bar.rect.width * 0.25, 3)
            cairo_move_to(canvas.cr, bar.rect.midX, span.top)
            cairo_line_to(canvas.cr, bar.rect.midX, span.bottom)
            cairo_move_to(canvas.cr, bar.rect.midX - cap, span.top)
            cairo_line_to(canvas.cr, bar.rect.midX + cap, span.top)
            cairo_move_to(canvas.cr, bar.rect.midX - cap, span.bottom)
            cairo_line_to(canvas.cr, bar.rect.midX + cap, span.bottom)
            canvas.stroke(width: 0.9, color: .ink)
        }
        canvas.unclip()
        for bar in bars {
            guard let label = bar.label else { continue }
            let top = Swift.min(bar.rect.y, bar.errorSpan?.top ?? bar.rect.y) - 2
            canvas.drawText(label, x: bar.rect.midX, y: top, size: valueFontSize(style), h: .center, v: .bottom,
                            vertical: vertical, color: .ink, role: .valueLabel)
        }
    }
}
