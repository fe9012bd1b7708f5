import Foundation
import LabCore

/// One panel being laid out and drawn: resolved marks, axes, rectangles and series looks.
struct PanelPlan {
    /// What the panel draws.
    enum Content {
        case xy(lines: [LineSeries], scatters: [ScatterSeries])
        case bars(BarChart)
        case heatmap(Heatmap)
        case boxes(BoxChart)
    }

    let index: Int
    let panel: Panel
    let content: Content
    var x: AxisPlan
    var y: AxisPlan
    /// Data range on y before margins (for headroom).
    var dataY: (lo: Double, hi: Double)
    /// The y limits before headroom (shared across panels when the figure shares y).
    var baseY: (lo: Double, hi: Double) = (0, 1)
    /// Extra free space in points kept above the data (value labels, legend).
    var headroom = 0.0
    var plot = Rect(x: 0, y: 0, width: 100, height: 100)
    var cell = Rect(x: 0, y: 0, width: 100, height: 100)
    var looks: [SeriesLook] = []
    var letter: String?
    var verticalCategories = false
    var colorbar: AxisPlan?
    var legendRect: Rect?
    /// The legend goes to the right of the plot area (decided once during layout, then kept).
    var legendOutside = false
    /// The figure draws one shared legend, so this panel draws none.
    var legendShared = false

    init(index: Int, panel: Panel, style: Style, letter: String?) {
        self.index = index
        self.panel = panel
        self.letter = letter
        var lines: [LineSeries] = [], scatters: [ScatterSeries] = []
        var looks: [SeriesLook] = []
        var content: Content?
        var colorIndex = 0
        for mark in panel.marks {
            switch mark {
            case .line(let s):
                lines.append(s.smoothed())
                looks.append(SeriesLook(
                    name: s.name ?? "", color: s.color ?? style.palette.color(at: colorIndex),
                    marker: s.marker ?? Marker.cycle[colorIndex % Marker.cycle.count], dash: s.dash,
                    lineWidth: s.lineWidth ?? style.lineWidth, kind: .line))
                colorIndex += 1
            case .scatter(let s):
                scatters.append(s)
                looks.append(SeriesLook(
                    name: s.name ?? "", color: (s.color ?? style.palette.color(at: colorIndex)).withAlpha(s.opacity),
                    marker: s.marker ?? Marker.cycle[colorIndex % Marker.cycle.count], dash: .solid,
                    lineWidth: s.size ?? style.markerSize, kind: .scatter))
                colorIndex += 1
            case .bars(let chart):
                content = .bars(chart)
                for (i, s) in chart.series.enumerated() {
                    looks.append(SeriesLook(
                        name: s.name, color: s.color ?? style.palette.color(at: i), marker: .none,
                        dash: .solid, lineWidth: 0, kind: .bar))
                }
            case .heatmap(let map):
                content = .heatmap(map)
            case .boxes(let chart):
                content = .boxes(chart)
                for (i, s) in chart.series.enumerated() {
                    looks.append(SeriesLook(
                        name: s.name, color: s.color ?? style.palette.color(at: i), marker: .none,
                        dash: .solid, lineWidth: 0, kind: .bar))
                }
            }
        }
        self.content = content ?? .xy(lines: lines, scatters: scatters)
        self.looks = looks
        x = AxisPlan(scale: panel.x.scale, lo: 0, hi: 1, label: panel.x.label)
        y = AxisPlan(scale: panel.y.scale, lo: 0, hi: 1, label: panel.y.label)
        dataY = (0, 1)
        computeLimits()
        baseY = (y.lo, y.hi)
    }

    /// Finite min and max of `values` (positive only on a log axis).
    private static func extent<S: Sequence>(_ values: S, log: Bool) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (!log || v > 0) {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }

    private mutating func computeLimits() {
        switch content {
        case .xy(let lines, let scatters):
            let xs = lines.flatMap(\.x) + scatters.flatMap(\.x)
            var ys = lines.flatMap(\.y) + scatters.flatMap(\.y)
            for l in lines { if let b = l.band { ys += b.lower + b.upper } }
            let ex = Self.extent(xs + referenceValues(.vertical), log: x.scale == .log) ?? (x.scale == .log ? (1, 10) : (0, 1))
            let ey = Self.extent(ys + referenceValues(.horizontal), log: y.scale == .log) ?? (y.scale == .log ? (1, 10) : (0, 1))
            (x.lo, x.hi) = AxisPlan.limits(dataLow: ex.0, dataHigh: ex.1, axis: panel.x)
            dataY = ey
            (y.lo, y.hi) = AxisPlan.limits(dataLow: ey.0, dataHigh: ey.1, axis: panel.y)
        case .bars(let chart):
            var ends: [Double] = referenceValues(.horizontal)
            for s in chart.series {
                for (i, v) in s.values.enumerated() where v.isFinite {
                    ends.append(v)
                    if let span = s.errorSpan(at: i) { ends += [span.low, span.high] }
                }
            }
            let log = y.scale == .log
            let e = Self.extent(ends, log: log) ?? (log ? (1, 10) : (0, 1))
            let base = chart.baseline.flatMap { $0.isFinite && (!log || $0 > 0) ? $0 : nil }
            if log {
                dataY = base.map { (Swift.min($0, e.0), Swift.max($0, e.1)) } ?? e
            } else {
                dataY = (Swift.min(base ?? 0, e.0), Swift.max(base ?? 0, e.1))
            }
            (y.lo, y.hi) = AxisPlan.limits(dataLow: dataY.lo, dataHigh: dataY.hi, axis: panel.y)
            if panel.y.min == nil && dataY.lo == (base ?? (log ? .nan : 0)) { y.lo = dataY.lo }
            x = AxisPlan(scale: .linear, lo: 0, hi: Double(chart.categories.count), label: panel.x.label)
        case .heatmap(let map):
            x = AxisPlan(scale: .linear, lo: 0, hi: Double(map.columns.count), label: panel.x.label)
            y = AxisPlan(scale: .linear, lo: 0, hi: Double(map.rows.count), label: panel.y.label)
            let e = Self.extent(map.values.joined(), log: false) ?? (0, 1)
            var range = map.range.map { ($0.lowerBound, $0.upperBound) } ?? e
            if range.1 <= range.0 { range = (range.0 - 0.5, range.0 + 0.5) }
            colorbar = AxisPlan(scale: .linear, lo: range.0, hi: range.1, label: map.colorbarLabel)
        case .boxes(let chart):
            let values = chart.series.flatMap { $0.boxes.compactMap { $0 }.flatMap { $0.drawnValues(mean: chart.showMeans) } }
            let log = y.scale == .log
            dataY = Self.extent(values + referenceValues(.horizontal), log: log) ?? (log ? (1, 10) : (0, 1))
            (y.lo, y.hi) = AxisPlan.limits(dataLow: dataY.lo, dataHigh: dataY.hi, axis: panel.y)
            x = AxisPlan(scale: .linear, lo: 0, hi: Double(chart.categories.count), label: panel.x.label)
        }
    }

    /// The values of the panel's reference lines of one orientation.
    func referenceValues(_ orientation: ReferenceLine.Orientation) -> [Double] {
        (panel.references ?? []).filter { $0.orientation == orientation }.map(\.value)
    }

    /// Whether the panel has numeric x and y axes (lines and scatter).
    var isXY: Bool { if case .xy = content { return true }; return false }
    /// Whether the panel is a bar chart.
    var isBars: Bool { if case .bars = content { return true }; return false }
    /// The category names along x for bars and heatmaps.
    var categories: [String]? {
        switch content {
        case .xy: return nil
        case .bars(let c): return c.categories
        case .heatmap(let m): return m.columns
        case .boxes(let c): return c.categories
        }
    }

    /// Pixel x of data value `v`.
    func px(_ v: Double) -> Double { x.map(v, plot.x, plot.maxX) }
    /// Pixel y of data value `v`.
    func py(_ v: Double) -> Double { y.map(v, plot.maxY, plot.y) }

    /// Re-fits the y upper limit so that ``headroom`` points stay free above the data.
    mutating func applyHeadroom() {
        (y.lo, y.hi) = baseY
        guard panel.y.max == nil, headroom > 0, plot.height > headroom + 10 else { return }
        let stretch = plot.height / (plot.height - headroom)
        switch y.scale {
        case .linear:
            y.hi = baseY.lo + (baseY.hi - baseY.lo) * stretch
        case .log:
            y.hi = pow(10, log10(baseY.lo) + (log10(baseY.hi) - log10(baseY.lo)) * stretch)
        }
    }
}
