import Testing
@testable import Plots

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LineDrawingTests {
    @Test func keepsFirstMinMaxLastPerColumnInOrder() {
        let xs = (0..<100).map { Double($0) * 0.01 }  // 100 points in one column of width 1
        let ys = xs.indices.map { $0 == 37 ? -5.0 : $0 == 61 ? 9.0 : 0.0 }
        #expect(PolylineDecimation.indices(xs: xs, ys: ys, resolution: 1) == [0, 37, 61, 99])
    }

    @Test func denseCurvesShrinkToAboutFourPointsPerColumn() {
        let xs = (0..<10_000).map { Double($0) / 25 }  // 400 columns
        let ys = xs.map { sin($0 * 7) }
        let keep = PolylineDecimation.indices(xs: xs, ys: ys, resolution: 1)
        #expect(keep.count <= 1_600 && keep.count >= 800)
        #expect(keep.first == 0 && keep.last == 9_999)
        #expect(zip(keep, keep.dropFirst()).allSatisfy { $0 < $1 })
        // The envelope survives: the extremes of every column are still there.
        #expect(keep.map { ys[$0] }.max() == ys.max())
        #expect(keep.map { ys[$0] }.min() == ys.min())
    }

    @Test func sparseOrNonMonotonicLinesAreLeftAlone() {
        #expect(PolylineDecimation.indices(xs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], ys: Array(repeating: 0, count: 10), resolution: 1).count == 10)
        let xs = (0..<100).map { Double(($0 * 37) % 100) * 0.001 }
        #expect(PolylineDecimation.indices(xs: xs, ys: xs, resolution: 1).count == 100)
    }

    @Test func runsSplitAtGaps() {
        #expect(PanelPlan.runs([true, true, false, true, false, false, true]) == [[0, 1], [3], [6]])
        #expect(PanelPlan.runs([false, false]).isEmpty)
    }
}
