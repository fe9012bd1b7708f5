import Foundation

/// A resolved numeric axis: limits in data units, chosen ticks, and what is shown.
struct AxisPlan {
    var scale: Axis.Scale
    var lo: Double
    var hi: Double
    var ticks = Ticks(values: [], labels: [])
    var label: String?
    var showTickLabels = true
    var showLabel = true

    /// Position of data value `v` between pixel coordinates `p0` (at lo) and `p1` (at hi).
    func map(_ v: Double, _ p0: Double, _ p1: Double) -> Double {
        let t: Double
        switch scale {
        case .linear: t = (v - lo) / (hi - lo)
        case .log: t = (log10(v) - log10(lo)) / (log10(hi) - log10(lo))
        }
        return p0 + (p1 - p0) * t
    }

    /// The axis label with the tick exponent appended, e.g. `Energy (J) ×10⁶`.
    var fullLabel: String? {
        guard let e = ticks.exponent else { return label }
        let factor = "×10" + NumberText.superscript(e)
        if let label, !label.isEmpty { return label + "  " + factor }
        return factor
    }

    /// Data limits with a 5 % margin (in the axis' own space), honouring fixed ends.
    static func limits(dataLow: Double, dataHigh: Double, axis: Axis, margin: Double = 0.05) -> (Double, Double) {
        var lo = dataLow, hi = dataHigh
        if !lo.isFinite || !hi.isFinite { (lo, hi) = axis.scale == .log ? (1, 10) : (0, 1) }
        switch axis.scale {
        case .linear:
            if hi - lo <= abs(hi) * 1e-12 {
                let d = lo == 0 ? 1 : abs(lo) * 0.1
                lo -= d
                hi += d
            } else {
                let d = (hi - lo) * margin
                lo -= d
                hi += d
            }
        case .log:
            var a = log10(lo), b = log10(hi)
            if b - a < 1e-9 { a -= 0.5; b += 0.5 } else { let d = (b - a) * margin; a -= d; b += d }
            lo = pow(10, a)
            hi = pow(10, b)
        }
        if let m = axis.min { lo = m }
        if let m = axis.max { hi = m }
        if hi <= lo { hi = lo + (axis.scale == .log ? lo * 9 : 1) }
        return (lo, hi)
    }

    /// Picks the densest nice ticks whose labels keep clear of each other along `length` points.
    ///
    /// Linear axes walk the 1-2-5 step sequence upwards from a fine step and take the first with
    /// at most `upper + 1` ticks whose labels fit; log axes lower their decade budget instead.
    mutating func chooseTicks(canvas: Canvas, length: Double, horizontal: Bool, fontSize: Double) {
        // About one tick per 36 pt across and per 28 pt up, 3-9 across and 4-8 up; fewer if labels collide.
        let upper = horizontal ? Swift.max(3, Swift.min(9, Int(length / 36))) : Swift.max(4, Swift.min(8, Int(length / 28)))
        var fallback: Ticks?
        if scale == .linear && hi > lo {
            var step = TickGenerator.niceNumber((hi - lo) / 40, round: false)
            for _ in 0..<40 {
                let candidate = TickGenerator.linear(low: lo, high: hi, step: step)
                if candidate.values.count < 2 { break }
                fallback = candidate
                if candidate.values.count <= upper + 1,
                   labelsFit(candidate, canvas: canvas, length: length, horizontal: horizontal, fontSize: fontSize) {
                    ticks = candidate
                    return
                }
                step = TickGenerator.nextStep(after: step)
            }
            ticks = fallback ?? TickGenerator.linear(low: lo, high: hi, target: 2)
            return
        }
        for target in stride(from: upper, through: 2, by: -1) {
            let candidate = TickGenerator.log(low: lo, high: hi, maxTicks: target)
            if fallback == nil || (fallback!.values.count < 2 && candidate.values.count >= 2) { fallback = candidate }
            guard candidate.values.count >= 2 else { continue }
            if labelsFit(candidate, canvas: canvas, length: length, horizontal: horizontal, fontSize: fontSize) {
                ticks = candidate
                return
            }
        }
        ticks = fallback ?? Ticks(values: [], labels: [])
    }

    private func labelsFit(_ t: Ticks, canvas: Canvas, length: Double, horizontal: Bool, fontSize: Double) -> Bool {
        var previousEnd = -Double.infinity
        for (v, text) in zip(t.values, t.labels) {
            let p = map(v, 0, length)
            let m = canvas.measure(text, size: fontSize)
            let extent = horizontal ? m.width : m.height
            let gap = horizontal ? fontSize * 0.8 : fontSize * 0.25
            if p - extent / 2 < previousEnd + gap { return false }
            previousEnd = p + extent / 2
        }
        return true
    }
}
