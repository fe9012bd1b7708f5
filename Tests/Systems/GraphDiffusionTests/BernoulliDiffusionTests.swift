import Foundation
import LabCore
import Learning
import Testing
@testable import GraphDiffusion

/// The discrete process against brute force (docs/gadsg.md §4.2 step 2, §4.3 step 2).
@Suite struct BernoulliDiffusionTests {
    /// P(x_{t₂} = 1 | x_{t₁}, x₀) by enumerating every path of the chain x₀ → x₁ → … → x_{t₁}.
    static func bruteForcePosterior(_ s: DiffusionSchedule, xt: Int, x0: Int, t1: Int, t2: Int) -> Double {
        // Forward filtering over the bit's value at each time, tracking P(x_{t₂} = b, x_τ = ·).
        var joint = [[Double]](repeating: [0, 0], count: 2)  // joint[b][current]
        var current = [x0 == 0 ? 1.0 : 0, x0 == 1 ? 1.0 : 0]
        if t2 == 0 { joint = [[current[0], 0], [0, current[1]]] }
        for t in 1...t1 {
            let k = s.stepKernel(t)
            if t <= t2 {
                current = (0..<2).map { b in current[0] * k[0, b] + current[1] * k[1, b] }
                if t == t2 { joint = [[current[0], 0], [0, current[1]]] }
            } else {
                joint = (0..<2).map { b in (0..<2).map { c in joint[b][0] * k[0, c] + joint[b][1] * k[1, c] } }
            }
        }
        return joint[1][xt] / (joint[0][xt] + joint[1][xt])
    }

    @Test(arguments: DiffusionSchedule.FlipForm.allCases)
    func posteriorMatchesBayes(form: DiffusionSchedule.FlipForm) {
        let s = DiffusionSchedule(steps: 40, betaStart: 1e-3, betaEnd: 0.3, flipForm: form)
        let process = BernoulliDiffusion(schedule: s)
        for (t1, t2) in [(40, 28), (28, 1), (5, 4), (40, 0), (13, 0), (2, 1), (40, 39)] {
            for x0 in 0..<2 {
                for xt in 0..<2 {
                    let exact = Self.bruteForcePosterior(s, xt: xt, x0: x0, t1: t1, t2: t2)
                    let closed = process.posterior(xt: xt, x0: x0, from: t1, to: t2)
                    #expect(abs(exact - closed) < 1e-12, "t1=\(t1) t2=\(t2) x0=\(x0) xt=\(xt): \(closed) vs \(exact)")
                }
            }
        }
    }

    @Test func reverseProbabilityMixesPosteriors() {
        let process = BernoulliDiffusion(schedule: DiffusionSchedule())
        for p1 in [0.0, 0.3, 0.97] {
            for xt in 0..<2 {
                let mixed = process.reverseProbability(p1: p1, xt: xt, from: 139, to: 83)
                let manual = (1 - p1) * process.posterior(xt: xt, x0: 0, from: 139, to: 83) + p1 * process.posterior(xt: xt, x0: 1, from: 139, to: 83)
                #expect(abs(mixed - manual) < 1e-12)
                #expect(process.reverseProbability(p1: p1, xt: xt, from: 10, to: 0) == p1)
            }
        }
    }

    @Test func gdsgFinalStepQuirk() {
        let process = BernoulliDiffusion(schedule: DiffusionSchedule(flipForm: .gdsg))
        #expect(process.reverseProbability(p1: 0.8, xt: 0, from: 10, to: 0, finalStep: .gdsgQuirk) == 0)
        let one = process.reverseProbability(p1: 0.8, xt: 1, from: 10, to: 0, finalStep: .gdsgQuirk)
        // docs/gadsg.md §4.3: about 1.003·p₁ at t₁ = 10, T = 200.
        #expect(abs(one / 0.8 - 1.003) < 5e-4)
        #expect(process.reverseProbability(p1: 0.999, xt: 1, from: 10, to: 0, finalStep: .gdsgQuirk) > 1)
    }

    @Test(arguments: [(1, 30), (0, 30), (1, 120), (0, 200)])
    func forwardMarginalsMatchMonteCarlo(x0: Int, t: Int) {
        let process = BernoulliDiffusion(schedule: DiffusionSchedule())
        var rng = RandomSource(seed: 11, stream: "forward-\(x0)-\(t)")
        let n = 40_000
        let draws = process.noise([Float](repeating: Float(x0), count: n), t: [t, t], using: &rng)
        let freq = Double(draws.reduce(0, +)) / Double(n)
        let p = process.forwardProbability(x0: x0, t: t)
        let sigma = (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(freq - p) < 4.5 * sigma + 1e-9, "t=\(t) x0=\(x0): \(freq) vs \(p)")
    }

    @Test func encodings() {
        var rng = RandomSource(seed: 3)
        #expect(BitEncoding.raw.encode([0, 1, 1], using: &rng) == [0, 1, 1])
        let signed = BitEncoding.gdsgTraining.encode([0, 1, 0, 1], using: &rng)
        #expect(signed[0] <= -1 && signed[0] > -1.05 && signed[1] >= 1 && signed[1] < 1.05)
        #expect(BitEncoding.signed(jitter: 0).encode([0, 1], using: &rng) == [-1, 1])
    }
}
