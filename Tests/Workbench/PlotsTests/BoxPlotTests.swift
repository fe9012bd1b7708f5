import Foundation
import LabCore
import Testing
@testable import Plots

/// Box statistics against hand-computed quartiles, and where the boxes land on the page.
///
/// Expected quartiles are NumPy's defaults, `numpy.percentile(xs, [25, 50, 75])` with
/// `method="linear"`, worked out by hand in the comments.
@Suite struct BoxPlotTests {
    @Test func quartilesInterpolateLinearlyBetweenOrderStatistics() throws {
        // n = 10: h = 9q. q1: h = 2.25 → 3 + 0.25·(4 − 3) = 3.25; median: h = 4.5 → 5.5;
        // q3: h = 6.75 → 7 + 0.75·(8 − 7) = 7.75. IQR 4.5, fences −3.5 and 14.5.
        let b = try #require(BoxStats(samples: [100, 9, 8, 7, 6, 5, 4, 3, 2, 1]))
        #expect(b.lowerQuartile == 3.25 && b.median == 5.5 && b.upperQuartile == 7.75)
        #expect(b.lowerWhisker == 1 && b.upperWhisker == 9, "whiskers stop at the last samples inside the fences")
        #expect(b.outliers == [100])
        #expect(b.mean == 14.5 && b.count == 10)
        // n = 3, sorted 1, 3, 7: q1 h = 0.5 → 2; q3 h = 1.5 → 5.
        let small = try #require(BoxStats(samples: [7, 1, 3]))
        #expect(small.lowerQuartile == 2 && small.median == 3 && small.upperQuartile == 5)
        #expect(small.outliers.isEmpty && small.lowerWhisker == 1 && small.upperWhisker == 7)
        // n = 4, sorted 1, 2, 4, 10: q1 h = 0.75 → 1.75; median h = 1.5 → 3; q3 h = 2.25 → 5.5.
        let four = try #require(BoxStats(samples: [10, 4, 2, 1]))
        #expect(four.lowerQuartile == 1.75 && four.median == 3 && four.upperQuartile == 5.5)
    }

    @Test func minMaxWhiskersHaveNoOutliersAndNonFiniteValuesAreLeftOut() throws {
        let b = try #require(BoxStats(samples: [100, .nan, 1, 2, 3, 4, .infinity, 5, 6, 7, 8, 9], whiskers: .minmax))
        #expect(b.count == 10)
        #expect(b.lowerWhisker == 1 && b.upperWhisker == 100 && b.outliers.isEmpty)
        #expect(BoxStats(samples: [.nan, -.infinity]) == nil)
        #expect(BoxStats(samples: []) == nil)
        let one = try #require(BoxStats(samples: [4]))
        #expect([one.lowerWhisker, one.lowerQuartile, one.median, one.upperQuartile, one.upperWhisker] == [4, 4, 4, 4, 4])
    }

    static func panel() -> Panel {
        Panel(x: Axis("Scale"), y: Axis("Ratio")).boxes(BoxChart(categories: ["a", "b"], series: [
            BoxChart.Series("one", samples: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 100], [2, 3, 4]]),
            BoxChart.Series("two", samples: [[5, 6, 7], []]),
        ], showMeans: true))
    }

    @Test func boxesSpanTheQuartilesWithWhiskersOutliersAndMeansInsideTheAxis() throws {
        let plan = try #require(try PlotsTestSupport.plans(of: Figure(Self.panel())).first)
        guard case .boxes(let chart) = plan.content else { Issue.record("not boxes"); return }
        let boxes = plan.boxGeometry(chart: chart)
        #expect(boxes.count == 3, "an empty category leaves its slot empty")
        let first = try #require(boxes.first { $0.series == 0 && $0.category == 0 })
        #expect(abs(first.box.y - plan.py(7.75)) < 1e-9 && abs(first.box.maxY - plan.py(3.25)) < 1e-9)
        #expect(abs(first.median - plan.py(5.5)) < 1e-9)
        #expect(abs(first.whiskerTop - plan.py(9)) < 1e-9 && abs(first.whiskerBottom - plan.py(1)) < 1e-9)
        #expect(first.outliers.count == 1 && abs(first.outliers[0] - plan.py(100)) < 1e-9)
        #expect(abs(try #require(first.mean) - plan.py(14.5)) < 1e-9)
        #expect(plan.y.lo <= 1 && plan.y.hi >= 100, "the axis covers whiskers and outliers")
        for b in boxes { #expect(b.box.x >= plan.plot.x && b.box.maxX <= plan.plot.maxX) }
        let second = try #require(boxes.first { $0.series == 1 && $0.category == 0 })
        #expect(second.box.x >= first.box.maxX, "boxes of a category sit side by side")
        #expect(plan.categories == ["a", "b"])
    }

    @Test func boxChartsRoundTripThroughJSONAndAreValidated() throws {
        let figure = Figure(Self.panel())
        let decoded = try JSONDecoder().decode(Figure.self, from: JSONEncoder().encode(figure))
        #expect(decoded == figure)
        var bad = Self.panel()
        bad.marks = [.boxes(BoxChart(categories: ["a"], series: [BoxChart.Series("one", samples: [[1], [2]])]))]
        #expect(throws: LabError.self) { try Figure(bad).validate() }
        var log = Self.panel()
        log.y.scale = .log
        log.marks = [.boxes(BoxChart(categories: ["a"], series: [BoxChart.Series("one", samples: [[-1, 2]])]))]
        #expect(throws: LabError.self) { try Figure(log).validate() }
        let mixed = Self.panel().line("l", x: [1], y: [1])
        #expect(throws: LabError.self) { try Figure(mixed).validate() }
    }
}
