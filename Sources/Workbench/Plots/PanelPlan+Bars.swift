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
        let baseValue = y.scale == .log ? Swift.min(Swift.max(chart.baseline.flatMap { $0 > 0 ? $0 : nil } ?? y.lo, y.lo), y.hi)
            : Swift.min(Swift.max(chart.baseline.flatMap { $0.isFinite ? $0 : nil } ?? 0, y.lo), y.hi)
        let base = py(baseValue)
        let decimals = chart.valueDecimals ?? NumberText.decimals(forValues: chart.series.flatMap(\.values))
        var bars: [BarGeometry] = []
        for (s, series) in chart.series.enumerated() {
            for (c, v) in series.values.enumerated() where v.isFinite {
                let left = plot.x + slot * Double(c) + (slot - group) / 2 + barWidth * Double(s)
                let top = py(v)
                let rect = Rect(x: left, y: Swift.min(top, base), width: barWidth, height: abs(base - top))
                var span: (Double, Double)?
                if let e = series.errorSpan(at: c) {
                    let lower = y.scale == .log ? Swift.max(e.low, y.lo) : e.low
                    span = (py(e.high), py(lower))
                }
                let label = chart.valueLabels ? NumberText.format(v, decimals: decimals) : nil
                bars.append(BarGeometry(series: s, category: c, rect: rect, value: v, errorSpan: span, label: label))
            }
        }
        return bars
    }

    /// How value labels fit: horizontal at the standard size if they are no wider than a bar,
    /// else vertical, shrinking (down to 5 pt) until their height fits the bar width; nil when
    /// even that fails, in which case labels are left out rather than drawn over each other.
    func valueLabelFit(chart: BarChart, canvas: Canvas, style: Style) -> (size: Double, vertical: Bool)? {
        let bars = barGeometry(chart: chart)
        guard let width = bars.first?.rect.width else { return nil }
        let labels = bars.compactMap(\.label)
        var size = style.tickFontSize - 1
        let widest = labels.map { canvas.measure($0, size: size).width }.max() ?? 0
        if widest <= width - 1 { return (size, false) }
        while size >= 5 {
            if canvas.measure("0", size: size).height <= width - 0.5 { return (size, true) }
            size -= 0.5
        }
        return nil
    }

    /// The largest extent of a value label above its bar (height, or width when vertical).
    func valueLabelExtent(chart: BarChart, canvas: Canvas, style: Style) -> Double {
        guard let fit = valueLabelFit(chart: chart, canvas: canvas, style: style) else { return 0 }
        return barGeometry(chart: chart).compactMap(\.label).map { text -> Double in
            let m = canvas.measure(text, size: fit.size)
            return fit.vertical ? m.width : m.height
        }.max() ?? 0
    }

    /// The box of a bar's value label, just above the bar or its error bar (nil if labels are left out).
    func valueLabelRect(text: String, bar: BarGeometry, canvas: Canvas, style: Style) -> Rect? {
        guard case .bars(let chart) = content, let fit = valueLabelFit(chart: chart, canvas: canvas, style: style) else { return nil }
        let top = Swift.min(bar.rect.y, bar.errorSpan?.top ?? bar.rect.y) - 2
        return canvas.textRect(text, x: bar.rect.midX, y: top, size: fit.size, h: .center, v: .bottom, vertical: fit.vertical)
    }

    /// Draws bars, error bars and value labels.
    func drawBars(chart: BarChart, canvas: Canvas, style: Style) {
        let bars = barGeometry(chart: chart)
        let fit = valueLabelFit(chart: chart, canvas: canvas, style: style)
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
        guard let fit else { return }
        for bar in bars {
            guard let label = bar.label else { continue }
            let top = Swift.min(bar.rect.y, bar.errorSpan?.top ?? bar.rect.y) - 2
            canvas.drawText(label, x: bar.rect.midX, y: top, size: fit.size, h: .center, v: .bottom,
                            vertical: fit.vertical, color: .ink, role: .valueLabel)
        }
    }
}
