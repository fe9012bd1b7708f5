import Testing
@testable import LabCore

@Suite struct RandomSourceTests {
    @Test func sameSeedSameStream() {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func seedingUsesPublishedSplitMix64Stream() {
        // SplitMix64 from seed 0 yields these words (Vigna's reference outputs); the state of
        // RandomSource(seed: 0) is exactly them. A change here would change every dataset.
        #expect(RandomSource(seed: 0).state == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC,
        ])
    }

    @Test func derivedDoesNotAdvanceParentAndDependsOnLabel() {
        let r = RandomSource(seed: 7)
        var c1 = r.derived("a"), c2 = r.derived("a"), c3 = r.derived("b")
        #expect(c1.next() == c2.next())
        #expect(c1.next() != c3.next())
        #expect(r == RandomSource(seed: 7))
    }

    @Test func stateRoundTrip() {
        var r = RandomSource(seed: 9)
        _ = r.next()
        var copy = RandomSource(state: r.state)!
        #expect(copy.next() == r.next())
        #expect(RandomSource(state: [0, 0, 0, 0]) == nil)
    }

    @Test func boundedIntegersAreInRangeAndCoverIt() {
        var r = RandomSource(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let v = r.int(below: 7)
            #expect((0..<7).contains(v))
            seen.insert(v)
        }
        #expect(seen.count == 7)
    }

    @Test func normalMoments() {
        var r = RandomSource(seed: 11)
        let n = 50_000
        let xs = (0..<n).map { _ in r.normal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
    }

    @Test func truncatedNormalStaysInside() {
        var r = RandomSource(seed: 5)
        for _ in 0..<1000 {
            let x = r.truncatedNormal(mean: 4.5, std: 2.5, low: 1.2, high: 7)
            #expect(x >= 1.2 && x <= 7)
        }
    }

    @Test func permutationIsAPermutation() {
        var r = RandomSource(seed: 1)
        let p = r.permutation(50)
        #expect(p.sorted() == Array(0..<50))
        #expect(p != Array(0..<50))
    }

    @Test func gammaMeanMatchesShape() {
        var r = RandomSource(seed: 2)
        for shape in [0.5, 1.0, 3.0] {
            let n = 20_000
            let mean = (0..<n).map { _ in r.gamma(shape: shape) }.reduce(0, +) / Double(n)
            #expect(abs(mean - shape) < 0.05 * max(1, shape), "shape \(shape): mean \(mean)")
        }
    }

    @Test func dirichletIsOnTheSimplex() {
        var r = RandomSource(seed: 4)
        for _ in 0..<100 {
            let x = r.dirichlet([1, 1, 1, 1])
            #expect(abs(x.reduce(0, +) - 1) < 1e-12)
            #expect(x.allSatisfy { $0 >= 0 })
        }
    }

    @Test func categoricalFollowsWeights() {
        var r = RandomSource(seed: 8)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[r.categorical([1, 0, 3])] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[2]) / Double(counts[0]) - 3) < 0.2)
    }
}
