import Testing
@testable import LAENet

@Suite struct CostRatioEvaluationTests {
    @Test func leavesOutInfeasibleReferencesAndPricesMissingSolutionsAtInfinity() {
        let e = CostRatioEvaluation(costs: [2, nil, 5, 1.05], references: [(2, true), (3, false), (nil, true), (1, true)])
        #expect(e.instance == [0, 1, 3])
        #expect(e.ratio[0] == 1 && e.ratio[1] == .infinity && e.ratio[2] == 1.05)
        #expect(e.accurate == [true, false, true])
        #expect(e.certified == [true, false, true])
        #expect(e.cost[1] == .infinity && e.reference == [2, 3, 1])
    }
}
