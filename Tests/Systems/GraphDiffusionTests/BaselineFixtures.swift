import LabCore
import LAENet
import Learning
import Tensors
@testable import GraphDiffusion

/// Shared fixtures of the DiGNN and GRLO tests.
enum BaselineFixtures {
    /// A sink's metric curves as comparable values: per metric, the (step, value) points in order.
    static func curves(_ sink: MemorySink) -> [String: [[Double]]] { sink.metrics.mapValues { $0.map { [Double($0.step), $0.value] } } }

    /// `count` exactly labelled jointly feasible instances of the smallest paper scale.
    static func labelled(_ count: Int, seed: UInt64) throws -> [LabelledInstance] {
        let scale = try LAENetScale.parse("gs2_gu4_au2")
        return LAENetGenerator.generate(scale: scale, profile: .balanced, seed: seed, count: count, jointlyFeasible: true)
            .map(LAENetModel.init).compactMap(LabelledInstance.exact)
    }

    /// 100 jointly feasible instances: 25 of each small paper scale, both profiles, grouped by scale.
    static func feasibilityGroups() -> [[LAENetModel]] {
        TestInstances.scales.enumerated().map { i, scale in
            TestInstances.models(scale, i % 2 == 0 ? .balanced : .paper, seed: 500 + UInt64(i), count: 25)
        }
    }

    /// Overwrites every parameter with N(0, `std`) draws, so an untrained model has non-trivial
    /// outputs (the encoders' zero-initialised output layers would otherwise give constant logits).
    static func randomise(_ module: any Module, seed: UInt64, std: Double = 0.5) {
        var rng = RandomSource(seed: seed, stream: "randomise")
        for p in module.parameters {
            p.assign(Tensor(shape: p.value.shape, scalars: (0..<p.value.count).map { _ in Float(rng.normal(mean: 0, std: std)) }))
        }
    }

    /// Checks a solved instance: every sample's result is feasible per the LAENet evaluator and
    /// costs what the evaluator says; returns a failure message or nil.
    static func problem(with solution: DiffusionSolution, of model: LAENetModel) -> String? {
        guard solution.best != nil, solution.solution != nil else { return "a feasible instance was left unsolved" }
        for sample in solution.samples {
            guard let r = sample.result else { return "a sample was not repaired" }
            let evaluation = model.evaluate(model.solution(r))
            guard evaluation.feasible else { return "infeasible: \(evaluation.violation ?? "")" }
            guard abs((evaluation.cost ?? .infinity) - r.cost) <= 1e-9 * r.cost else { return "cost \(r.cost) vs evaluator \(evaluation.cost ?? .nan)" }
        }
        return solution.cost == solution.samples.compactMap({ $0.result?.cost }).min() ? nil : "best is not the cheapest sample"
    }
}
