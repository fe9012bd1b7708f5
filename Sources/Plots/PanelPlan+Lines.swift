import CCairo
import Foundation

extension PanelPlan {
    /// Draws bands, lines and markers of line series, then scatter points, clipped to the plot.
    func drawXY(lines: [LineSeries], scatters: [ScatterSeries], canvas: Canvas, style: Style) {
        let cr = canvas.cr
        canvas.clip(plot)
        var lookIndex = 0
        var lineLooks: [SeriesLook] = [], scatterLooks: [SeriesLook] = []
        for mark in panel.marks {
            switch mark {
            case .line: lineLooks.append(looks[lookIndex])
            case .scatter: scatterLooks.append(looks[lookIndex])
            default: break
            }
            lookIndex += 1
        }
        // Bands first, so every line stays visible on top of every band.
        for (line, look) in zip(lines, lineLooks) {
            guard let band = line.band else { continue }
            var start: Int?
            let n = line.x.count
            for i in 0...n {
                let ok = i < n && line.x[i].isFinite && band.lower[i].isFinite && band.upper[i].isFinite
                if ok, start == nil { start = i }
                if !ok, let s = start {
                    for j in s..<i { (j == s ? cairo_move_to : cairo_line_to)(cr, px(line.x[j]), py(band.upper[j])) }
                    for j in stride(from: i - 1, through: s, by: -1) { cairo_line_to(cr, px(line.x[j]), py(band.lower[j])) }
                    cairo_close_path(cr)
                    start = nil
                }
            }
            canvas.setColor(look.color.withAlpha(0.2))
            cairo_fill(cr)
        }
        for (k, (line, look)) in zip(lines, lineLooks).enumerated() {
            var drawing = false
            for i in line.x.indices {
                guard line.x[i].isFinite, line.y[i].isFinite else { drawing = false; continue }
                (drawing ? cairo_line_to : cairo_move_to)(cr, px(line.x[i]), py(line.y[i]))
                drawing = true
            }
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            canvas.stroke(width: look.lineWidth, color: look.color, dash: look.dash)
            guard look.marker != .none else { continue }
            let every = line.x.count <= 20 ? 1 : Int((Double(line.x.count) / 15).rounded(.up))
            // Stagger markers of different series so they do not sit on top of each other.
            let offset = (every * k / Swift.max(lineLooks.count, 1)) % every
            for i in stride(from: offset, to: line.x.count, by: every) where line.x[i].isFinite && line.y[i].isFinite {
                MarkerPath.add(look.marker, x: px(line.x[i]), y: py(line.y[i]), size: style.markerSize, cr: cr)
            }
            MarkerPath.paint(look.marker, color: look.color, cr: cr, canvas: canvas)
        }
        for (s, look) in zip(scatters, scatterLooks) {
            for i in s.x.indices where s.x[i].isFinite && s.y[i].isFinite {
                MarkerPath.add(look.marker, x: px(s.x[i]), y: py(s.y[i]), size: look.lineWidth, cr: cr)
            }
            MarkerPath.paint(look.marker, color: look.color, cr: cr, canvas: canvas)
        }
        canvas.unclip()
    }
}
