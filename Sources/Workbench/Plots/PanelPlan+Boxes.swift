import CCairo
import Foundation

/// One box's place on the page, in points.
struct BoxGeometry {
    var series: Int
    var category: Int
    /// The box from the first to the third quartile.
    var box: Rect
    /// Pixel y of the median line.
    var median: Double
    /// Pixel y of the whisker ends (top is the upper whisker).
    var whiskerTop: Double
    var whiskerBottom: Double
    /// Pixel y of each outlier.
    var outliers: [Double]
    /// Pixel y of the mean marker, when means are shown.
    var mean: Double?

    /// The box with its whiskers: the region the legend should not cover.
    var extent: Rect {
        Rect(x: box.x, y: whiskerTop, width: box.width, height: whiskerBottom - whiskerTop)
    }
}

extension PanelPlan {
    /// Boxes for the current plot rectangle and y limits, laid out like grouped bars.
    func boxGeometry(chart: BoxChart) -> [BoxGeometry] {
        let nCat = chart.categories.count, nSeries = chart.series.count
        guard nCat > 0, nSeries > 0 else { return [] }
        let slot = plot.width / Double(nCat)
        let group = slot * (nSeries == 1 ? 0.5 : 0.8)
        let step = group / Double(nSeries)
        let width = step * (nSeries == 1 ? 1 : 0.8)
        var out: [BoxGeometry] = []
        for (s, series) in chart.series.enumerated() {
            for (c, stats) in series.boxes.enumerated() where c < nCat {
                guard let b = stats else { continue }
                let left = plot.x + slot * Double(c) + (slot - group) / 2 + step * Double(s) + (step - width) / 2
                let top = py(b.upperQuartile), bottom = py(b.lowerQuartile)
                out.append(BoxGeometry(
                    series: s, category: c,
                    box: Rect(x: left, y: Swift.min(top, bottom), width: width, height: abs(bottom - top)),
                    median: py(b.median), whiskerTop: py(b.upperWhisker), whiskerBottom: py(b.lowerWhisker),
                    outliers: b.outliers.map(py), mean: chart.showMeans ? py(b.mean) : nil))
            }
        }
        return out
    }

    /// Draws whiskers, boxes (tinted with the series colour, outlined in it), medians, outliers
    /// (open circles) and means (white diamonds), clipped to the plot area.
    func drawBoxes(chart: BoxChart, canvas: Canvas, style: Style) {
        let cr = canvas.cr
        canvas.clip(plot)
        for g in boxGeometry(chart: chart) {
            let color = looks[g.series].color
            let x = g.box.midX, cap = g.box.width * 0.25
            canvas.line(x, g.box.y, x, g.whiskerTop, width: 1, color: color)
            canvas.line(x, g.box.maxY, x, g.whiskerBottom, width: 1, color: color)
            canvas.line(x - cap, g.whiskerTop, x + cap, g.whiskerTop, width: 1, color: color)
            canvas.line(x - cap, g.whiskerBottom, x + cap, g.whiskerBottom, width: 1, color: color)
            canvas.fillRect(g.box, color: Color.mix(.white, color, 0.3))
            canvas.strokeRect(g.box, width: 1, color: color)
            canvas.line(g.box.x, g.median, g.box.maxX, g.median, width: 1.8, color: .ink)
            let radius = Swift.max(1.5, style.markerSize / 2)
            for y in g.outliers {
                cairo_new_sub_path(cr)
                cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
            }
            if !g.outliers.isEmpty { canvas.stroke(width: 0.9, color: color) }
            if let y = g.mean {
                MarkerPath.add(.diamond, x: x, y: y, size: style.markerSize + 1.5, cr: cr)
                canvas.setColor(.white)
                cairo_fill_preserve(cr)
                canvas.stroke(width: 0.9, color: .ink)
            }
        }
        canvas.unclip()
    }
}
