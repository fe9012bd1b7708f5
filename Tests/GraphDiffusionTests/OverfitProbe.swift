import Foundation
import LabCore
import LAENet
import Learning
import Testing
@testable import GraphDiffusion

/// The GADSG denoiser fits 32 labelled instances through the whole pipeline (encoder, hybrid
/// diffusion, 5-step sampler, repair). Slow (about 35 s), so opt-in: `OFFLOADLAB_LONG_TESTS=1`.
/// Measured on 2026-11-23: validation cost ratio 1.42 untrained → 1.026 after 600 steps
/// (accuracy 0.91); issue 7's goal is ≤ 1.01, not reached yet at this size and length.
@Test(.enabled(if: ProcessInfo.processInfo.environment["OFFLOADLAB_LONG_TESTS"] != nil))
func gadsgFitsThirtyTwoInstances() throws {
    let data = try TrainerTests.labelled(32, seed: 21)
    var rng = RandomSource(seed: 8)
    let denoiser = EncoderDenoiser(.gadsg(hidden: 32, layers: 3, heads: 4, outputHeads: [2, 1]), using: &rng)
    var c = TrainingConfig()
    c.epochs = 600
    c.batchSize = 32
    c.learningRate = 3e-3
    c.seed = 1
    let sink = MemorySink()
    let summary = try DiffusionTrainer.train(denoiser, on: data, validation: data, solver: GraphDiffusionSolver(samples: 4), config: c, sink: sink)
    let first = sink.metrics["validation_cost_ratio"]!.first!.value
    #expect(summary.validationCostRatio! < 1.05, "final ratio \(summary.validationCostRatio!)")
    #expect(summary.validationCostRatio! < first - 0.3, "from \(first)")
    #expect(summary.validationAccuracy! >= 0.8)
}
