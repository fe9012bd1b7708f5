import LabCore
import Notebook
import Plots

/// Options shared by `plot.bars`, `plot.lines`, `plot.scatter`, `plot.hist` and `plot.box`: y range,
/// reference lines, legend placement and title, and display labels for the series.
struct PlotOptions: ParameterGroupContent {
    /// The legend placements `legend` names.
    enum LegendChoice: String, CaseIterable, ArgumentValue {
        case best, outside, hidden
        case upperRight = "upper_right", upperLeft = "upper_left", lowerLeft = "lower_left", lowerRight = "lower_right"
        var placement: Panel.LegendPlacement {
            switch self {
            case .best: .best
            case .outside: .outside
            case .hidden: .hidden
            case .upperRight: .upperRight
            case .upperLeft: .upperLeft
            case .lowerLeft: .lowerLeft
            case .lowerRight: .lowerRight
            }
        }
    }
    @Parameter(default: [], doc: "[low, high] of the y axis (default: fitted to the data; e.g. [0, 1] for shares)") var yRange: [Double]
    @Parameter(default: [], doc: "y values of dashed horizontal reference lines, e.g. [1] for ratio = 1") var hline: [Double]
    @Parameter(default: [], doc: "x values of dashed vertical reference lines (numeric x axes)") var vline: [Double]
    @Parameter(default: .best, doc: "legend placement: best (inside, clear of the data, else outside), outside, hidden, upper_right, upper_left, lower_left, lower_right") var legend: LegendChoice
    @Parameter(default: "", doc: "heading of the legend") var legendTitle: String?
    @Parameter(default: .record([]), doc: "display names of the groups, e.g. {gdsg: \"GDSG\"}; the series follow this order, unnamed groups after them") var labels: Value

    /// The display names, checked to be a record of strings.
    func names(function: String) throws -> [(key: String, name: String)] {
        guard case .record(let fields) = labels else {
            throw ArgumentError(parameter: "labels", message: "`labels` of `\(function)` is a record such as {gdsg: \"GDSG\"}, not \(labels.type)")
        }
        return try fields.map { field in
            guard case .string(let s) = field.value else {
                throw ArgumentError(parameter: "labels", message: "`labels` of `\(function)` maps each group to a string; `\(field.key)` is \(field.value.type)")
            }
            return (field.key, s)
        }
    }

    /// `groups` reordered: those named in `labels` first, in its order, then the others.
    func ordered(_ groups: [String], function: String) throws -> [String] {
        let keys = try names(function: function).map(\.key)
        return keys.filter(groups.contains) + groups.filter { !keys.contains($0) }
    }

    /// The palette and marker slot of each of `groups` when `labels` names groups, else nil (the
    /// series then take colours and markers in turn).
    ///
    /// A named group keeps the slot of its position in `labels` whether or not the other named
    /// groups are present, so a group has one colour and marker in every panel of a grid, even
    /// panels that show different subsets of the groups, and one shared legend is right for all;
    /// unnamed groups take the slots after the named ones, in order.
    func slots(_ groups: [String], function: String) throws -> [String: Int]? {
        let keys = try names(function: function).map(\.key)
        guard !keys.isEmpty else { return nil }
        var out: [String: Int] = [:]
        var next = keys.count
        for g in groups {
            if let i = keys.firstIndex(of: g) { out[g] = i } else { out[g] = next; next += 1 }
        }
        return out
    }

    /// The colour of palette slot `slot` (the figures' default palette, Okabe-Ito).
    static func color(slot: Int) -> Color { Palette.okabeIto.color(at: slot) }

    /// The marker of slot `slot`, as the series at that position would get.
    static func marker(slot: Int) -> Marker { Marker.cycle[slot % Marker.cycle.count] }

    /// The display name of a group.
    func display(_ group: String, function: String) throws -> String {
        try names(function: function).first { $0.key == group }?.name ?? group
    }

    /// Applies the y range, reference lines and legend options to `panel`.
    func apply(to panel: inout Panel, function: String) throws {
        if !yRange.isEmpty {
            guard yRange.count == 2, yRange.allSatisfy(\.isFinite), yRange[0] < yRange[1] else {
                throw ArgumentError(parameter: "y_range", message: "`y_range` of `\(function)` is [low, high] with low < high, not \(yRange)")
            }
            if panel.y.scale == .log && yRange[0] <= 0 {
                throw ArgumentError(parameter: "y_range", message: "`y_range` of `\(function)` must be positive on a log axis, not \(yRange)")
            }
            (panel.y.min, panel.y.max) = (yRange[0], yRange[1])
        }
        for (values, orientation, name, axis) in [(hline, ReferenceLine.Orientation.horizontal, "hline", panel.y), (vline, .vertical, "vline", panel.x)] {
            for v in values {
                guard v.isFinite, axis.scale == .linear || v > 0 else {
                    throw ArgumentError(parameter: name, message: "`\(name)` of `\(function)` needs finite\(axis.scale == .log ? ", positive" : "") values, not \(v)")
                }
                panel = panel.reference(ReferenceLine(orientation, at: v))
            }
        }
        panel.legend = legend.placement
        panel.legendTitle = legendTitle
    }
}
