import Foundation
import LAENet
import LabCore
import Learning
import Testing
@testable import GraphDiffusion

/// Every sampled-and-repaired solution is feasible (docs/gadsg.md §4.4, §7.9 items 11 and 25, docs/laenet.md §5).
@Suite struct FeasibilityTests {
    /// Untrained denoisers of different leanings, so decoding and repair see every case:
    /// unbiased, "offload everywhere" (overloads) and "offload nowhere" (deadline-forced users).
    static let denoisers = [RandomDenoiser(seed: 1), RandomDenoiser(seed: 2, scale: 2, bias: 4), RandomDenoiser(seed: 3, bias: -4)]

    /// 500 instances: 4 scales × 2 profiles, 62–63 each (generated with the joint-feasibility
    /// redraw, so each has a feasible decision vector); every one of the 8 samples of every
    /// instance is checked with the LAENet evaluator.
    @Test func everyRepairedSampleIsFeasible() {
        var instances = 0, samples = 0, overloads = 0, userRepairs = 0, infeasibleInstances = 0
        for (g, (scale, profile)) in TestInstances.scales.flatMap({ s in LAENetProfile.allCases.map { (s, $0) } }).enumerated() {
            let count = g < 4 ? 63 : 62
            let models = TestInstances.models(scale, profile, seed: 1000 + UInt64(g), count: count)
            instances += models.count
            for (j, chunk) in stride(from: 0, to: models.count, by: 21).map({ Array(models[$0..<min($0 + 21, models.count)]) }).enumerated() {
                let solver = GraphDiffusionSolver(sampler: DiffusionSampler(finalStep: j == 1 ? .gdsgQuirk : .exact, maskPadding: j == 2),
                                                  samples: 8, threshold: j == 2 ? 0.5 : 0.9)
                var rng = RandomSource(seed: UInt64(g * 10 + j))
                let solved = solver.solve(chunk, denoiser: Self.denoisers[(g + j) % 3], using: &rng)
                for (model, result) in zip(chunk, solved) {
                    guard result.best != nil else { infeasibleInstances += 1; continue }
                    for sample in result.samples {
                        samples += 1
                        if !sample.decodedFeasible { overloads += 1 }
                        if sample.userRepaired { userRepairs += 1 }
                        guard let r = sample.result else { Issue.record("a sample of a feasible instance was not repaired"); continue }
                        let evaluation = model.evaluate(model.solution(r))
                        #expect(evaluation.feasible, "\(scale) \(profile): \(evaluation.violation ?? "")")
                        #expect(abs((evaluation.cost ?? .infinity) - r.cost) <= 1e-9 * r.cost)
                        // Without given shares the evaluator water-fills: the same (optimal) cost.
                        #expect(abs((model.cost(choices: model.choices(r.decisions)) ?? .infinity) - r.cost) <= 1e-9 * r.cost)
                    }
                    #expect(result.cost == result.samples.compactMap { $0.result?.cost }.min())
                    #expect(model.evaluate(result.solution!).feasible)
                }
            }
        }
        print("GraphDiffusion feasibility: \(instances) instances, \(samples) samples, \(overloads) capacity repairs, \(userRepairs) with per-user repairs")
        #expect(instances == 500)
        #expect(infeasibleInstances == 0)
        // The run exercised both repairs.
        #expect(overloads > 100 && userRepairs > 100, "overloads \(overloads), user repairs \(userRepairs) of \(samples)")
    }

    /// Without the joint-feasibility redraw some instances have no feasible decision vector at all;
    /// the solver returns nil exactly on those (certified by the exact solver).
    @Test(arguments: LAENetProfile.allCases)
    func nilOnlyWhenNothingIsFeasible(profile: LAENetProfile) {
        let models = TestInstances.models(TestInstances.scales[3], profile, seed: 1003, count: 80, jointlyFeasible: false)
        var rng = RandomSource(seed: 6)
        let solved = GraphDiffusionSolver(samples: 4).solve(models, denoiser: RandomDenoiser(seed: 9, bias: 2), using: &rng)
        var none = 0
        for (model, result) in zip(models, solved) {
            let infeasible = model.solve(.exact).status == .infeasible
            #expect((result.best == nil) == infeasible)
            #expect(result.samples.allSatisfy { ($0.result == nil) == infeasible })
            if infeasible { none += 1 }
        }
        print("GraphDiffusion: \(none) of \(models.count) \(profile) instances have no feasible decision vector")
    }

    @Test func solverIsDeterministicGivenASeed() {
        let models = TestInstances.models(TestInstances.scales[2], .balanced, seed: 77, count: 5)
        let solver = GraphDiffusionSolver()
        let run: (UInt64) -> [[OffloadProblem.Scored?]] = { seed in
            var rng = RandomSource(seed: seed)
            return solver.solve(models, denoiser: RandomDenoiser(seed: 4), using: &rng).map { $0.samples.map(\.result) }
        }
        #expect(run(3) == run(3))
        #expect(run(3) != run(4))
    }
}
