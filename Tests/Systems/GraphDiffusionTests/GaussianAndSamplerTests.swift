import Foundation
import LAENet
import LabCore
import Tensors
import Learning
import Testing
@testable import GraphDiffusion

/// The share process and the joint sampler (docs/gadsg.md §4.2 step 3, §4.3).
@Suite struct GaussianAndSamplerTests {
    @Test func forwardNoiseFormula() {
        let g = GaussianDiffusion(schedule: DiffusionSchedule())
        let y = g.noise([0.5, 0.25, 1, 0], epsilon: [1, -2, 0, 0.5], t: [1, 200])
        let a1 = DiffusionSchedule().alphaBars[1], a200 = DiffusionSchedule().alphaBars[200]
        #expect(abs(Double(y[1]) - (a1.squareRoot() * 0.25 - 2 * (1 - a1).squareRoot())) < 1e-6)
        #expect(abs(Double(y[3]) - 0.5 * (1 - a200).squareRoot()) < 1e-6)
        #expect(abs(g.predictedStart(y[2], epsilon: 0, t: 200) - 1) < 1e-5)
    }

    @Test func ddimWithPerfectEpsilonRecoversStart() {
        let s = DiffusionSchedule()
        let g = GaussianDiffusion(schedule: s)
        for y0 in [Float(0.37), 0, 1, -0.8] {
            var rng = RandomSource(seed: 5)
            var y = Float(rng.normal())
            for (t1, t2) in InferenceSchedule(diffusionSteps: 200).pairs {
                let eps = Float((Double(y) - s.alphaBars[t1].squareRoot() * Double(y0)) / (1 - s.alphaBars[t1]).squareRoot())
                y = g.ddimStep(y, epsilon: eps, from: t1, to: t2)
            }
            #expect(abs(y - y0) < 1e-4)
        }
    }

    /// With an oracle denoiser the sampler returns y₀ exactly and (exact final step) p₁ on the
    /// label's bits, so decoding gives back the label, here the certified optimum.
    @Test(arguments: LAENetProfile.allCases)
    func oracleRecoversTheLabel(profile: LAENetProfile) {
        let models = TestInstances.models(TestInstances.scales[1], profile, seed: 21, count: 6)
        let optima = models.map { $0.solve(.exact) }
        let solutions = zip(models, optima).map { $0.solution($1)! }
        let (x0, y0) = HybridDiffusion.targets(models: models, solutions: solutions)
        let copies = 3
        let repeatRows: ([Float]) -> [Float] = { v in
            let n = v.count / models.count
            return (0..<models.count).flatMap { i in (0..<copies).flatMap { _ in v[(i * n)..<((i + 1) * n)] } }
        }
        let sampler = DiffusionSampler()
        let oracle = OracleDenoiser(x0: repeatRows(x0.scalars), y0: repeatRows(y0.scalars), schedule: sampler.schedule)
        var rng = RandomSource(seed: 8)
        let state = sampler.sample(InstanceBatch(models.map(LAENetFeatures.init), copies: copies), denoiser: oracle, using: &rng)
        let want = repeatRows(y0.scalars)
        #expect(zip(state.shares.scalars, want).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(zip(state.bits.scalars, repeatRows(x0.scalars)).allSatisfy { abs($0 - $1) < 1e-6 })
        var rng2 = RandomSource(seed: 8)
        let solved = GraphDiffusionSolver(samples: copies).solve(models, denoiser: oracle, using: &rng2)
        for (s, opt) in zip(solved, optima) {
            #expect(s.best?.decisions == opt.decisions)
            #expect(s.samples.allSatisfy { $0.decodedFeasible && !$0.userRepaired })
        }
    }

    @Test func samplerIsDeterministicGivenASeed() {
        let models = TestInstances.models(TestInstances.scales[0], .balanced, seed: 4, count: 3)
        let graph = InstanceBatch(models.map(LAENetFeatures.init), copies: 4)
        let sampler = DiffusionSampler(inputEncoding: .gdsgTraining)
        let run: (UInt64) -> SampledState = { seed in
            var rng = RandomSource(seed: seed)
            return sampler.sample(graph, denoiser: RandomDenoiser(seed: 1), using: &rng)
        }
        let a = run(7), b = run(7), c = run(8)
        #expect(a.bits.scalars == b.bits.scalars && a.shares.scalars == b.shares.scalars)
        #expect(a.shares.scalars != c.shares.scalars)
        #expect(a.bits.shape == [12, 6, 3])
    }

    /// Padding masks hold padded slots at 0 in training noise and in sampling (ablation option).
    @Test func paddingMasks() {
        let models = TestInstances.models(TestInstances.scales[2], .paper, seed: 12, count: 4)
        let graph = InstanceBatch(models.map(LAENetFeatures.init), copies: 2)
        let flags = graph.linkMask.scalars
        #expect(flags.contains(0) && flags.contains(1))
        var rng = RandomSource(seed: 1)
        let masked = DiffusionSampler(maskPadding: true).sample(graph, denoiser: RandomDenoiser(seed: 5, bias: 5), using: &rng)
        #expect(zip(masked.bits.scalars, flags).allSatisfy { $1 == 1 || $0 == 0 })
        #expect(zip(masked.bits.scalars, flags).contains { $1 == 1 && $0 > 0.9 })
        let ones = Tensor(repeating: 1, shape: graph.linkMask.shape)
        let noised = HybridDiffusion().noised(x0: ones, y0: ones, padding: graph.linkMask, using: &rng)
        #expect(zip(noised.bits.scalars, flags).allSatisfy { $1 == 1 || $0 == 0 })
        #expect(noised.bits.scalars.contains(1))
    }
}
