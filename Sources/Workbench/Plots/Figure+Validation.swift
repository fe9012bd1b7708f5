import LabCore

extension Figure {
    /// Checks the spec and reports the first problem as ``LabError/Code/invalidInput``.
    ///
    /// Array lengths must match, bars, box plots and heatmaps fill their panel alone, log axes need positive
    /// data, and the figure must have a sensible size.
    public func validate() throws {
        func fail(_ message: String) -> LabError { LabError(.invalidInput, message) }
        guard width.isFinite, height.isFinite, width >= 50, height >= 50, width <= 10_000, height <= 10_000 else {
            throw fail("figure size \(width)×\(height) pt is out of range; use 50…10000 points per side.")
        }
        guard columns >= 1 else { throw fail("figure needs at least one column, got \(columns).") }
        guard !panels.isEmpty else { throw fail("figure has no panels; add at least one Panel.") }
        for (p, panel) in panels.enumerated() {
            let name = "panel \(p + 1)" + (panel.title.map { " ('\($0)')" } ?? "")
            guard !panel.marks.isEmpty else { throw fail("\(name) has no data; add a line, scatter, bar, box or heatmap mark.") }
            let exclusive = panel.marks.filter { if case .bars = $0 { return true }; if case .heatmap = $0 { return true }; if case .boxes = $0 { return true }; return false }
            if !exclusive.isEmpty && panel.marks.count > 1 {
                throw fail("\(name): a bar chart, box plot or heatmap must be the only mark in its panel; put other series in another panel.")
            }
            for mark in panel.marks { try mark.validate(in: name, panel: panel) }
            for line in panel.references ?? [] {
                let axis = line.orientation == .horizontal ? panel.y : panel.x
                guard line.value.isFinite, axis.scale == .linear || line.value > 0 else {
                    throw fail("\(name): a reference line at \(line.value) cannot be drawn on its \(axis.scale.rawValue) axis; use a finite\(axis.scale == .log ? ", positive" : "") value.")
                }
            }
            if let lo = panel.y.min, let hi = panel.y.max, !(lo < hi) {
                throw fail("\(name): the y range [\(lo), \(hi)] needs low < high.")
            }
            if let lo = panel.x.min, let hi = panel.x.max, !(lo < hi) {
                throw fail("\(name): the x range [\(lo), \(hi)] needs low < high.")
            }
        }
    }
}

extension Mark {
    func validate(in name: String, panel: Panel) throws {
        func fail(_ message: String) -> LabError { LabError(.invalidInput, "\(name): \(message)") }
        func positive(_ values: [Double], axis: Axis, what: String) throws {
            guard axis.scale == .log else { return }
            if let bad = values.first(where: { $0.isFinite && $0 <= 0 }) {
                throw fail("\(what) has the value \(bad) on a log axis; log axes need positive values.")
            }
        }
        switch self {
        case .line(let s):
            let label = "line '\(s.name ?? "")'"
            guard s.x.count == s.y.count else { throw fail("\(label) has \(s.x.count) x values but \(s.y.count) y values.") }
            if let band = s.band, band.lower.count != s.x.count || band.upper.count != s.x.count {
                throw fail("\(label): its band needs \(s.x.count) lower and upper values, got \(band.lower.count) and \(band.upper.count).")
            }
            guard s.smoothing >= 1 else { throw fail("\(label): smoothing window must be ≥ 1, got \(s.smoothing).") }
            try positive(s.x, axis: panel.x, what: label)
            try positive(s.y + (s.band?.lower ?? []) + (s.band?.upper ?? []), axis: panel.y, what: label)
        case .scatter(let s):
            let label = "scatter '\(s.name ?? "")'"
            guard s.x.count == s.y.count else { throw fail("\(label) has \(s.x.count) x values but \(s.y.count) y values.") }
            try positive(s.x, axis: panel.x, what: label)
            try positive(s.y, axis: panel.y, what: label)
        case .bars(let chart):
            guard !chart.categories.isEmpty, !chart.series.isEmpty else { throw fail("a bar chart needs categories and series.") }
            for s in chart.series {
                guard s.values.count == chart.categories.count else {
                    throw fail("bar series '\(s.name)' has \(s.values.count) values for \(chart.categories.count) categories.")
                }
                if let e = s.errors, e.count != chart.categories.count {
                    throw fail("bar series '\(s.name)' has \(e.count) error values for \(chart.categories.count) categories.")
                }
                try positive(s.values, axis: panel.y, what: "bar series '\(s.name)'")
                if (s.lower == nil) != (s.upper == nil) || (s.lower.map { $0.count != chart.categories.count } ?? false)
                    || (s.upper.map { $0.count != chart.categories.count } ?? false) {
                    throw fail("bar series '\(s.name)' needs \(chart.categories.count) lower and \(chart.categories.count) upper error-bar ends, got \(s.lower?.count ?? 0) and \(s.upper?.count ?? 0).")
                }
            }
            if let b = chart.baseline, !b.isFinite || (panel.y.scale == .log && b <= 0) {
                throw fail("the bar baseline \(b) cannot be drawn on a \(panel.y.scale.rawValue) axis; use a finite\(panel.y.scale == .log ? ", positive" : "") value.")
            }
        case .heatmap(let map):
            guard !map.rows.isEmpty, !map.columns.isEmpty else { throw fail("a heatmap needs row and column names.") }
            guard map.values.count == map.rows.count, map.values.allSatisfy({ $0.count == map.columns.count }) else {
                throw fail("heatmap values must be \(map.rows.count) rows of \(map.columns.count) numbers.")
            }
            if let r = map.range, !(r.lowerBound < r.upperBound) { throw fail("heatmap range must have lower < upper.") }
        case .boxes(let chart):
            guard !chart.categories.isEmpty, !chart.series.isEmpty else { throw fail("a box plot needs categories and series.") }
            for s in chart.series {
                guard s.boxes.count == chart.categories.count else {
                    throw fail("box series '\(s.name)' has \(s.boxes.count) boxes for \(chart.categories.count) categories.")
                }
                let values = s.boxes.compactMap { $0 }.flatMap { $0.drawnValues(mean: true) }
                if let bad = values.first(where: { !$0.isFinite }) {
                    throw fail("box series '\(s.name)' has the non-finite value \(bad); summarise finite samples only.")
                }
                try positive(values, axis: panel.y, what: "box series '\(s.name)'")
            }
        }
    }
}
