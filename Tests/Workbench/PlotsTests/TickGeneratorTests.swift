import Testing
@testable import Plots

@Suite struct TickGeneratorTests {
    @Test func niceNumbersAreOneTwoFiveTimesPowersOfTen() {
        #expect(TickGenerator.niceNumber(0.13, round: true) == 0.1)
        #expect(TickGenerator.niceNumber(2.9, round: true) == 2)
        #expect(TickGenerator.niceNumber(3.1, round: true) == 5)
        #expect(TickGenerator.niceNumber(7.5, round: true) == 10)
        #expect(TickGenerator.niceNumber(1.01, round: false) == 2)
        #expect(TickGenerator.niceNumber(4200, round: false) == 5000)
    }

    @Test func zeroToFortyNineGetsRoundTicks() {
        let values = TickGenerator.linearValues(low: -2.45, high: 51.45, target: 6)
        #expect(values == [0, 10, 20, 30, 40, 50])
        #expect(!values.contains(29) && !values.contains(39))
    }

    @Test func everyTickIsAMultipleOfAOneTwoFiveStep() {
        for (low, high) in [(0.0, 49.0), (-3.7, 12.2), (1e-9, 7.3e-9), (2.5e12, 9.1e12), (-0.004, 0.0031), (97, 103)] {
            for target in 2...10 {
                let values = TickGenerator.linearValues(low: low, high: high, target: target)
                #expect(values.count >= 1, "no ticks for \(low)...\(high) target \(target)")
                guard values.count >= 2 else { continue }
                let step = values[1] - values[0]
                let mantissa = step / pow(10, floor(log10(step)))
                #expect([1, 2, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step)")
                for v in values {
                    #expect(v >= low - 1e-12 * abs(low) && v <= high + 1e-12 * abs(high))
                    let k = v / step
                    #expect(abs(k - k.rounded()) < 1e-6, "\(v) is not a multiple of \(step)")
                }
            }
        }
    }

    @Test func stepSequenceIsOneTwoFive() {
        #expect(TickGenerator.nextStep(after: 0.1) == 0.2)
        #expect(TickGenerator.nextStep(after: 0.2) == 0.5)
        #expect(TickGenerator.nextStep(after: 0.5) == 1)
        #expect(TickGenerator.nextStep(after: 5e6) == 1e7)
        #expect(TickGenerator.values(low: -1, high: 1, step: 0.5) == [-1, -0.5, 0, 0.5, 1])
    }

    @Test func rangeCrossingZeroHasAnExactZeroAndTrueMinus() {
        let ticks = TickGenerator.linear(low: -0.35, high: 0.62, target: 6)
        #expect(ticks.values.contains(0))
        #expect(ticks.labels == ["−0.2", "0.0", "0.2", "0.4", "0.6"])
    }

    @Test func tinyMagnitudesFactorOutAPowerOfTen() {
        let ticks = TickGenerator.linear(low: 1.1e-6, high: 4.9e-6, target: 5)
        #expect(ticks.exponent == -6)
        #expect(ticks.labels == ["2", "3", "4"])
    }

    @Test func hugeMagnitudesFactorOutAPowerOfTen() {
        let ticks = TickGenerator.linear(low: 0, high: 2.6e9, target: 6)
        #expect(ticks.exponent == 9)
        #expect(ticks.labels == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
    }

    @Test func moderateMagnitudesPrintPlainNumbers() {
        let ticks = TickGenerator.linear(low: 0, high: 5200, target: 4)
        #expect(ticks.exponent == nil)
        #expect(ticks.labels == ["0", "2000", "4000"])
    }

    @Test func logAxisTicksDecadesWithMinorTicks() {
        let ticks = TickGenerator.log(low: 0.03, high: 400, maxTicks: 8)
        #expect(ticks.values == [0.1, 1, 10, 100])
        #expect(ticks.labels == ["10⁻¹", "10⁰", "10¹", "10²"])
        #expect(ticks.minor.contains { abs($0 - 0.05) < 1e-12 })
        #expect(ticks.minor.contains { abs($0 - 300) < 1e-9 })
        #expect(!ticks.minor.contains { $0 > 400 || $0 < 0.03 })
    }

    @Test func logAxisOverManyDecadesSkipsDecades() {
        let ticks = TickGenerator.log(low: 1e-12, high: 1e12, maxTicks: 6)
        // 25 decades, at most 6 labels: every 5th decade, the skipped ones as minor ticks.
        #expect(ticks.labels == ["10⁻¹⁰", "10⁻⁵", "10⁰", "10⁵", "10¹⁰"])
        #expect(ticks.minor.contains(1e-11))
        #expect(!ticks.minor.contains(1e-10))
    }

    @Test func narrowLogAxisFallsBackToLinearValues() {
        let ticks = TickGenerator.log(low: 2, high: 7, maxTicks: 6)
        #expect(ticks.values.count >= 2)
        #expect(ticks.values.allSatisfy { $0 >= 2 && $0 <= 7 })
        #expect(!ticks.labels.contains { $0.contains("10") })
    }

    @Test func degenerateRangesDoNotCrash() {
        #expect(TickGenerator.linearValues(low: 3, high: 3, target: 5) == [3])
        #expect(TickGenerator.log(low: -1, high: 10, maxTicks: 5).values.isEmpty)
        let limits = AxisPlan.limits(dataLow: 4, dataHigh: 4, axis: Axis())
        #expect(limits.0 < 4 && limits.1 > 4)
    }

    @Test func tenThousandStaysPlain() {
        let ticks = TickGenerator.linear(low: 0, high: 10_000, step: 5_000)
        #expect(ticks.exponent == nil)
        #expect(ticks.labels == ["0", "5000", "10000"])
    }
}

#if canImport(Glibc)
import Glibc
#endif
