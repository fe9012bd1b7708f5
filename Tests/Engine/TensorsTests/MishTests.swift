import Foundation
import LabCore
import Testing
import TestSupport
@testable import Tensors

@Suite struct MishTests {
    @Test func valuesMatchTheDefinition() {
        let x = Tensor([-30, -1, 0, 1, 2, 30])
        let expected: [Float] = [Float(-30 * Foundation.tanh(Foundation.log1p(Foundation.exp(-30.0)))), -0.303_401_4, 0, 0.865_098_4, 1.943_959, 30]
        for (y, e) in zip(x.mish().scalars, expected) { #expect(abs(y - e) <= 1e-5 * max(1, abs(e))) }
    }

    @Test func largeInputsStayFinite() {
        let y = Tensor([-1e4, 1e4, 88, 89]).mish().scalars
        let finite = y.allSatisfy(\.isFinite)
        #expect(finite)
        #expect(y[1] == 1e4 && abs(y[0]) < 1e-30)
    }

    @Test func gradientMatchesFiniteDifferences() {
        checkGradients([randomTensor([3, 5], seed: 3, low: -4, high: 4)]) { $0[0].mish() }
    }
}
