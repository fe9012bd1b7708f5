import Foundation
import Learning
import Testing
@testable import GraphDiffusion

/// Schedule values at known points (docs/gadsg.md §4.1, §4.3, §7.9 item 20).
@Suite struct ScheduleTests {
    @Test func linearBetasAndAlphaBars() {
        let s = DiffusionSchedule()
        #expect(s.betas.count == 201 && s.alphaBars.count == 201)
        #expect(abs(s.betas[1] - 1e-4) < 1e-15 && abs(s.betas[200] - 2e-2) < 1e-15)
        #expect(abs(s.betas[100] - (1e-4 + 99 * 0.0199 / 199)) < 1e-15)
        #expect(s.alphaBars[0] == 1)
        #expect(abs(s.alphaBars[1] - (1 - 1e-4)) < 1e-15)
        // docs/gadsg.md §4.1 [simulation]: ᾱ_T = 0.132 at T = 200, 0.364 at T = 100.
        #expect(abs(s.alphaBars[200] - 0.132) < 5e-4)
        #expect(abs(DiffusionSchedule(steps: 100).alphaBars[100] - 0.364) < 5e-4)
    }

    @Test func cumulativeFlipProbabilities() {
        // GDSG code form: 0.434 at T = 200 and 0.318 at T = 100 (docs/gadsg.md §4.1).
        #expect(abs(DiffusionSchedule(flipForm: .gdsg).cumulativeKernel(200).flip - 0.434) < 5e-4)
        #expect(abs(DiffusionSchedule(steps: 100, flipForm: .gdsg).cumulativeKernel(100).flip - 0.318) < 5e-4)
        // Paper form: "about 0.49" (docs/gadsg.md §7.9 item 20).
        let paper = DiffusionSchedule().cumulativeKernel(200).flip
        #expect(paper > 0.485 && paper < 0.5)
        #expect(DiffusionSchedule().cumulativeKernel(0).flip == 0)
    }

    @Test(arguments: DiffusionSchedule.FlipForm.allCases)
    func kernelsAreProductsOfStepKernels(form: DiffusionSchedule.FlipForm) {
        let s = DiffusionSchedule(steps: 30, betaStart: 1e-3, betaEnd: 0.2, flipForm: form)
        for (from, to) in [(0, 30), (3, 17), (12, 13), (0, 1), (29, 30)] {
            var m = [[1.0, 0.0], [0.0, 1.0]]
            for t in (from + 1)...to {
                let k = s.stepKernel(t)
                m = (0..<2).map { a in (0..<2).map { b in m[a][0] * k[0, b] + m[a][1] * k[1, b] } }
            }
            let closed = s.kernel(from: from, to: to)
            for a in 0..<2 { for b in 0..<2 { #expect(abs(closed[a, b] - m[a][b]) < 1e-12) } }
        }
        #expect(s.kernel(from: 0, to: 9) == s.cumulativeKernel(9))
    }

    @Test func cosineAndLinearGrids() {
        #expect(InferenceSchedule(diffusionSteps: 200).times == [200, 139, 83, 39, 10, 0])
        #expect(InferenceSchedule(diffusionSteps: 100).times == [100, 70, 42, 20, 5, 0])
        #expect(InferenceSchedule(diffusionSteps: 200, spacing: .linear).times == [200, 160, 120, 80, 40, 0])
        let ten = InferenceSchedule(diffusionSteps: 200, inferenceSteps: 10)
        #expect(ten.pairs.count == 10 && ten.times.first == 200 && ten.times.last == 0)
        #expect(zip(ten.times, ten.times.dropFirst()).allSatisfy { $0 > $1 })
        // More steps than T: pairs that would not step down are dropped.
        let dense = InferenceSchedule(diffusionSteps: 3, inferenceSteps: 8, spacing: .linear)
        #expect(dense.times == [3, 2, 1, 0])
    }
}
