import LabCore
import Testing
@testable import LAENet

/// A generic optimiser for `min Σ J_k / y_k, y_k ≥ μ_k, Σ y_k = 1`: repeated pairwise exchanges,
/// each minimising the pair's cost over the mass moved between them by golden-section search.
func pairwiseExchange(exe: [Double], minShares: [Double]) -> [Double] {
    let n = exe.count
    let slack = 1 - minShares.reduce(0, +)
    var y = minShares.map { $0 + slack / Double(n) }
    for _ in 0..<200 {
        for i in 0..<n {
            for j in 0..<n where i != j {
                let total = y[i] + y[j]
                var lo = minShares[i], hi = total - minShares[j]
                if hi <= lo { continue }
                func f(_ a: Double) -> Double { exe[i] / a + exe[j] / (total - a) }
                for _ in 0..<100 {
                    let m1 = lo + (hi - lo) * 0.381966, m2 = hi - (hi - lo) * 0.381966
                    if f(m1) < f(m2) { hi = m2 } else { lo = m1 }
                }
                y[i] = (lo + hi) / 2
                y[j] = total - y[i]
            }
        }
    }
    return y
}

struct WaterFillingTests {
    @Test func handWorkedActiveBound() {
        // exe = [1, 100], μ = [0.5, 0.1]: the unconstrained √-split gives 1/11 < 0.5, so user 0 is
        // clamped at 0.5 and user 1 takes the rest 0.5: cost = 1/0.5 + 100/0.5 = 202.
        let y = WaterFilling.shares(exe: [1, 100], minShares: [0.5, 0.1])!
        #expect(abs(y[0] - 0.5) < 1e-15 && abs(y[1] - 0.5) < 1e-15)
        #expect(abs(WaterFilling.cost(exe: [1, 100], minShares: [0.5, 0.1])! - 202) < 1e-12)
        // No active bound: y ∝ √J, cost = (Σ√J)² = (2 + 3)² = 25.
        #expect(abs(WaterFilling.cost(exe: [4, 9], minShares: [0.1, 0.1])! - 25) < 1e-12)
    }

    @Test func infeasibleWhenMinimumsExceedCapacity() {
        #expect(WaterFilling.shares(exe: [1, 2, 3], minShares: [0.5, 0.3, 0.3]) == nil)
        #expect(WaterFilling.cost(exe: [1, 2], minShares: [0.6, 0.5]) == nil)
        // Exactly full: everyone at the minimum.
        let y = WaterFilling.shares(exe: [1, 2], minShares: [0.25, 0.75])!
        #expect(y == [0.25, 0.75])
    }

    @Test func matchesGenericOptimiserOnRandomServers() {
        var rng = RandomSource(seed: 11, stream: "waterfilling-test")
        var activeCases = 0
        for _ in 0..<150 {
            let n = 1 + rng.int(below: 5)
            let exe = (0..<n).map { _ in rng.uniform(0.05, 40) }
            // Scale μ so that the total stays below 1 and bounds are often active.
            let raw = (0..<n).map { _ in rng.uniform(0, 1) * (rng.bernoulli(0.5) ? 1 : 0.1) }
            let budget = rng.uniform(0.2, 0.99)
            let mu = raw.map { $0 / max(1e-9, raw.reduce(0, +)) * budget }
            let y = WaterFilling.shares(exe: exe, minShares: mu)!
            #expect(abs(y.reduce(0, +) - 1) < 1e-12)
            for k in 0..<n { #expect(y[k] >= mu[k]) }
            let reference = pairwiseExchange(exe: exe, minShares: mu)
            let ours = zip(exe, y).map { $0 / $1 }.reduce(0, +)
            let theirs = zip(exe, reference).map { $0 / $1 }.reduce(0, +)
            #expect(ours <= theirs * (1 + 1e-9))
            #expect(abs(ours - theirs) <= 1e-7 * theirs)
            let unconstrained = exe.map { $0.squareRoot() / exe.map { $0.squareRoot() }.reduce(0, +) }
            if zip(unconstrained, mu).contains(where: { $0 < $1 }) { activeCases += 1 }
        }
        #expect(activeCases > 20)
    }

    @Test func partialCapacity() {
        // With capacity 0.5 the optimal shares halve: cost doubles.
        let full = WaterFilling.cost(exe: [4, 9], minShares: [0, 0])!
        let half = WaterFilling.cost(exe: [4, 9], minShares: [0, 0], capacity: 0.5)!
        #expect(abs(half - 2 * full) < 1e-12)
    }
}

extension WaterFillingTests {
    /// The branch-and-bound bounds rest on this: a server's optimal cost is supermodular in its
    /// user set (a user's marginal cost never falls as the set grows), infeasibility included.
    @Test func serverCostIsSupermodular() {
        var rng = RandomSource(seed: 23, stream: "supermodular")
        var checked = 0
        for _ in 0..<400 {
            let n = 2 + rng.int(below: 5)
            let exe = (0..<n).map { _ in rng.uniform(0.5, 40) }
            let mu = (0..<n).map { _ in rng.bernoulli(0.3) ? 0 : rng.uniform(0.02, 0.45) }
            func f(_ set: [Int]) -> Double { WaterFilling.cost(exe: set.map { exe[$0] }, minShares: set.map { mu[$0] }) ?? .infinity }
            // Random chain A ⊆ B and a user u outside B.
            let order = rng.permutation(n)
            let u = order[0]
            let bSize = rng.int(below: n)
            let b = Array(order[1...].prefix(bSize))
            let a = Array(b.prefix(rng.int(below: bSize + 1)))
            let fb = f(b)
            guard fb.isFinite else { continue }
            let marginalA = f(a + [u]) - f(a), marginalB = f(b + [u]) - fb
            #expect(marginalA <= marginalB * (1 + 1e-12) + 1e-12, "A=\(a) B=\(b) u=\(u)")
            checked += 1
        }
        #expect(checked > 200)
    }
}
