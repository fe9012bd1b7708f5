import Foundation

/// The legend box's size and grid: entries fill rows left to right, `columns` per row.
struct LegendSize {
    var width: Double
    var height: Double
    /// Height of one entry row.
    var row: Double
    /// Entries per row (1 unless a single column would take more than a third of the plot height).
    var columns: Int
    /// Width of one entry (sample, gap and the widest text).
    var cell: Double
}

/// A legend position candidate and how much data it would cover.
struct LegendPlacement {
    var rect: Rect
    var score: Double
}

extension PanelPlan {
    /// Legend entries: series with a non-empty name.
    var legendLooks: [SeriesLook] { looks.filter { !$0.name.isEmpty } }

    /// The widest entry text that keeps the legend inside the plot area.
    var legendTextLimit: Double {
        plot.width - 2 * Metrics.legendInset - 2 * Metrics.legendPad - Metrics.legendSample - 4
    }

    /// `name`, shortened with an ellipsis if it is wider than `limit` points.
    func fitted(_ name: String, limit: Double, canvas: Canvas, size: Double) -> String {
        guard canvas.measure(name, size: size).width > limit else { return name }
        var characters = Array(name)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingCharacters(in: .whitespaces) + "…"
            if canvas.measure(candidate, size: size).width <= limit { return candidate }
        }
        return "…"
    }

    /// Legend entry texts, shortened where needed to fit the plot width.
    func legendNames(canvas: Canvas, style: Style) -> [String] {
        legendLooks.map { fitted($0.name, limit: legendTextLimit, canvas: canvas, size: style.tickFontSize) }
    }

    /// What the panel's own legend shows: title, entries (shortened to fit) and notes.
    func legendContent(canvas: Canvas, style: Style) -> LegendContent {
        LegendContent(title: panel.legendTitle, looks: legendLooks, names: legendNames(canvas: canvas, style: style),
                      notes: panel.legendNotes ?? [])
    }

    /// Size of the legend box, or nil when there is nothing to show (or the figure's shared
    /// legend shows it).
    ///
    /// One column, unless that would be taller than a third of the plot area (a long legend
    /// would otherwise push the data into the bottom of the panel): then the fewest columns that
    /// bring it under that height and still fit the plot width.
    func legendSize(canvas: Canvas, style: Style) -> LegendSize? {
        guard !isHeatmap, !legendShared else { return nil }
        let content = legendContent(canvas: canvas, style: style)
        guard !content.looks.isEmpty || !content.notes.isEmpty else { return nil }
        var best = content.size(columns: 1, canvas: canvas, style: style)
        var columns = 1
        while best.height > plot.height / 3, columns < content.looks.count {
            columns += 1
            let wider = content.size(columns: columns, canvas: canvas, style: style)
            guard wider.width <= plot.width - 2 * Metrics.legendInset else { break }
            best = wider
        }
        return best
    }

    /// Points and rectangles (in points) the legend should avoid covering.
    func obstacles(canvas: Canvas, style: Style) -> (points: [(Double, Double)], rects: [Rect]) {
        var points: [(Double, Double)] = [], rects: [Rect] = []
        switch content {
        case .xy(let lines, let scatters):
            for line in lines {
                let n = line.x.count, stride = Swift.max(1, n / 400)
                var previous: (Double, Double)?
                for i in Swift.stride(from: 0, to: n, by: stride) {
                    var edges = [line.y[i]]
                    if let b = line.band { edges += [b.lower[i], b.upper[i], (b.lower[i] + b.upper[i]) / 2] }
                    for v in edges where v.isFinite && line.x[i].isFinite {
                        points.append((px(line.x[i]), py(v)))
                    }
                    // Interpolate along long segments so a straight line still counts as covered.
                    if line.x[i].isFinite && line.y[i].isFinite {
                        let p = (px(line.x[i]), py(line.y[i]))
                        if let q = previous {
                            let steps = Int((hypot(p.0 - q.0, p.1 - q.1) / 4).rounded(.down))
                            if steps > 1 {
                                for k in 1..<steps {
                                    let t = Double(k) / Double(steps)
                                    points.append((q.0 + (p.0 - q.0) * t, q.1 + (p.1 - q.1) * t))
                                }
                            }
                        }
                        previous = p
                    } else {
                        previous = nil
                    }
                }
                if let band = line.band { rects += bandArea(x: line.x, lower: band.lower, upper: band.upper) }
            }
            for s in scatters {
                let stride = Swift.max(1, s.x.count / 1000)
                for i in Swift.stride(from: 0, to: s.x.count, by: stride) where s.x[i].isFinite && s.y[i].isFinite {
                    points.append((px(s.x[i]), py(s.y[i])))
                }
            }
        case .bars(let chart):
            for bar in barGeometry(chart: chart) {
                rects.append(bar.rect)
                if let label = bar.label, let rect = valueLabelRect(text: label, bar: bar, canvas: canvas, style: style) {
                    rects.append(rect)
                }
            }
        case .boxes(let chart):
            for box in boxGeometry(chart: chart) {
                rects.append(box.extent)
                points += box.outliers.map { (box.box.midX, $0) }
            }
        case .heatmap:
            break
        }
        return (points.filter { plot.contains(x: $0.0, y: $0.1) }, rects)
    }

    /// A shaded band as thin rectangles: each stretch between neighbouring points is cut into
    /// slices at most 6 points wide, each the bounding box of the band over its slice (edges
    /// interpolated linearly), so a legend inside a wide band counts as covering it even where
    /// neither edge nor line passes, and a steep band is not inflated to its bounding box.
    func bandArea(x: [Double], lower: [Double], upper: [Double]) -> [Rect] {
        var out: [Rect] = []
        for i in Swift.stride(from: 1, to: x.count, by: 1) {
            let values = [lower[i - 1], upper[i - 1], lower[i], upper[i]]
            guard x[i - 1].isFinite, x[i].isFinite, values.allSatisfy(\.isFinite) else { continue }
            let (xa, xb) = (px(x[i - 1]), px(x[i]))
            let (la, lb, ua, ub) = (py(lower[i - 1]), py(lower[i]), py(upper[i - 1]), py(upper[i]))
            let slices = Swift.max(1, Int((abs(xb - xa) / 6).rounded(.up)))
            for k in 0..<slices {
                let t0 = Double(k) / Double(slices), t1 = Double(k + 1) / Double(slices)
                let ys = [la + (lb - la) * t0, la + (lb - la) * t1, ua + (ub - ua) * t0, ua + (ub - ua) * t1]
                let x0 = Swift.max(plot.x, Swift.min(xa + (xb - xa) * t0, xa + (xb - xa) * t1))
                let x1 = Swift.min(plot.maxX, Swift.max(xa + (xb - xa) * t0, xa + (xb - xa) * t1))
                let y0 = Swift.max(plot.y, ys.min()!), y1 = Swift.min(plot.maxY, ys.max()!)
                if x1 > x0, y1 > y0 { out.append(Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)) }
            }
        }
        return out
    }

    /// The candidate positions inside the plot area, most preferred first.
    func legendCandidates(width: Double, height: Double) -> [(Panel.LegendPlacement?, Rect)] {
        let i = Metrics.legendInset
        let left = plot.x + i, right = plot.maxX - i - width, midX = plot.midX - width / 2
        let top = plot.y + i, bottom = plot.maxY - i - height, midY = plot.midY - height / 2
        return [
            (.upperRight, Rect(x: right, y: top, width: width, height: height)),
            (.upperLeft, Rect(x: left, y: top, width: width, height: height)),
            (.lowerLeft, Rect(x: left, y: bottom, width: width, height: height)),
            (.lowerRight, Rect(x: right, y: bottom, width: width, height: height)),
            (nil, Rect(x: right, y: midY, width: width, height: height)),
            (nil, Rect(x: left, y: midY, width: width, height: height)),
            (nil, Rect(x: midX, y: bottom, width: width, height: height)),
            (nil, Rect(x: midX, y: top, width: width, height: height)),
            (nil, Rect(x: midX, y: midY, width: width, height: height)),
        ]
    }

    /// The requested legend position, or for `.best` the candidate covering the fewest data.
    func bestLegendPlacement(size: LegendSize, canvas: Canvas, style: Style) -> LegendPlacement {
        let candidates = legendCandidates(width: size.width, height: size.height)
        if panel.legend != .best, let fixed = candidates.first(where: { $0.0 == panel.legend }) {
            return LegendPlacement(rect: fixed.1, score: 0)
        }
        let (points, rects) = obstacles(canvas: canvas, style: style)
        var best: LegendPlacement?
        for (_, rect) in candidates {
            let grown = rect.inset(left: -2, top: -2, right: -2, bottom: -2)
            var score = 0.0
            for p in points where grown.contains(x: p.0, y: p.1) { score += 1 }
            for r in rects { score += grown.overlapArea(r) / 4 }
            if best == nil || score < best!.score - 1e-9 { best = LegendPlacement(rect: rect, score: score) }
        }
        return best!
    }

    /// Whether the legend belongs outside the plot area: asked for, or placed `.best` on a panel
    /// whose fixed y limits leave no room to make an empty region above the data.
    func wantsLegendOutside(canvas: Canvas, style: Style) -> Bool {
        guard panel.legend == .outside || (panel.legend == .best && panel.y.max != nil) else { return false }
        guard let size = legendSize(canvas: canvas, style: style) else { return false }
        return panel.legend == .outside || bestLegendPlacement(size: size, canvas: canvas, style: style).score > 0
    }

    /// Draws the legend box and entries, inside the plot area or to its right.
    mutating func drawLegend(canvas: Canvas, style: Style) {
        guard panel.legend != .hidden, let size = legendSize(canvas: canvas, style: style) else { return }
        let rect = legendOutside
            ? Rect(x: plot.maxX + Metrics.legendOutsideGap, y: plot.y, width: size.width, height: size.height)
            : bestLegendPlacement(size: size, canvas: canvas, style: style).rect
        legendRect = rect
        legendContent(canvas: canvas, style: style).draw(in: rect, size: size, canvas: canvas, style: style)
    }
}
