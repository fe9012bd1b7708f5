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
            let finite = line.x.indices.map { line.x[$0].isFinite && band.lower[$0].isFinite && band.upper[$0].isFinite }
            for run in Self.runs(finite) {
                let xs = run.map { px(line.x[$0]) }
                let upper = run.map { py(band.upper[$0]) }, lower = run.map { py(band.lower[$0]) }
                let top = PolylineDecimation.indices(xs: xs, ys: upper, resolution: canvas.resolution)
                let bottom = PolylineDecimation.indices(xs: xs, ys: lower, resolution: canvas.resolution)
                for (j, i) in top.enumerated() { (j == 0 ? cairo_move_to : cairo_line_to)(cr, xs[i], upper[i]) }
                for i in bottom.reversed() { cairo_line_to(cr, xs[i], lower[i]) }
                cairo_close_path(cr)
            }
            canvas.setColor(look.color.withAlpha(0.2))
            cairo_fill(cr)
        }
        for (k, (line, look)) in zip(lines, lineLooks).enumerated() {
            let finite = line.x.indices.map { line.x[$0].isFinite && line.y[$0].isFinite }
            for run in Self.runs(finite) {
                let xs = run.map { px(line.x[$0]) }, ys = run.map { py(line.y[$0]) }
                let keep = look.dash == .solid ? PolylineDecimation.indices(xs: xs, ys: ys, resolution: canvas.resolution) : Array(xs.indices)
                for (j, i) in keep.enumerated() { (j == 0 ? cairo_move_to : cairo_line_to)(cr, xs[i], ys[i]) }
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
            MarkerPath.paint(look.marker, color: look.color, size: style.markerSize, cr: cr, canvas: canvas)
        }
        for (s, look) in zip(scatters, scatterLooks) {
            // Markers whose centres share a device pixel (a quarter point in vector output) add
            // nothing to the filled union of the series, so only the first is drawn.
            let cellSize = Swift.max(canvas.resolution, 0.25)
            var seen = Set<SIMD2<Int32>>()
            for i in s.x.indices where s.x[i].isFinite && s.y[i].isFinite {
                let (x, y) = (px(s.x[i]), py(s.y[i]))
                guard plot.inset(left: -look.lineWidth, top: -look.lineWidth, right: -look.lineWidth, bottom: -look.lineWidth)
                    .contains(x: x, y: y) else { continue }
                guard seen.insert(SIMD2(Int32((x / cellSize).rounded(.down)), Int32((y / cellSize).rounded(.down)))).inserted else { continue }
                MarkerPath.add(look.marker, x: x, y: y, size: look.lineWidth, cr: cr)
            }
            MarkerPath.paint(look.marker, color: look.color, size: look.lineWidth, cr: cr, canvas: canvas)
        }
        canvas.unclip()
    }

    /// Maximal runs of consecutive `true` indices (the drawable stretches between gaps).
    static func runs(_ ok: [Bool]) -> [[Int]] {
        var result: [[Int]] = [], current: [Int] = []
        for (i, flag) in ok.enumerated() {
            if flag {
                current.append(i)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
