import Testing
@testable import Plots

@Suite struct NumberTextTests {
    @Test func formatsWithTrueMinusAndNoNegativeZero() {
        #expect(NumberText.format(-1.5, decimals: 1) == "−1.5")
        #expect(NumberText.format(-0.0001, decimals: 2) == "0.00")
        #expect(NumberText.format(2, decimals: 0) == "2")
        #expect(NumberText.format(.nan, decimals: 2) == "")
    }

    @Test func decimalsFollowTheStep() {
        #expect(NumberText.decimals(forStep: 0.2) == 1)
        #expect(NumberText.decimals(forStep: 0.05) == 2)
        #expect(NumberText.decimals(forStep: 10) == 0)
    }

    @Test func superscripts() {
        #expect(NumberText.superscript(-12) == "⁻¹²")
        #expect(NumberText.superscript(3) == "³")
    }
}
