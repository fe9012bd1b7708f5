import Foundation
import LAENet
import LabCore
import Learning
import Tensors
import Testing
@testable import GraphDiffusion

/// A network built from Learning modules (classes, not Sendable) plugs in through a closure,
/// as part E's encoders will.
@Suite struct ClosureDenoiserTests {
    /// Counts calls and records the timesteps the sampler asked for.
    final class Log { var times: [[Int]] = [] }

    @Test func perSlotLinearNetworkThroughTheSolver() {
        var seedRNG = RandomSource(seed: 2)
        let layer = Linear(8, 3, using: &seedRNG)  // [x_t, y_t, 6 slot features] → [l₀, l₁, ε̂]
        let log = Log()
        let denoiser = ClosureDenoiser { input in
            log.times.append(input.timesteps)
            let grid = input.bits.shape
            let features = Tensor.concat([input.bits.unsqueezed(3), input.shares.unsqueezed(3), input.graph.slots], alongAxis: 3)
            let out = layer(features.reshaped([grid.reduce(1, *), 8])).reshaped(grid + [3])
            let parts = out.split(sizes: [2, 1], alongAxis: 3)
            return DenoiserOutput(x0Logits: parts[0], epsilon: parts[1].squeezed(3))
        }
        let models = TestInstances.models(TestInstances.scales[1], .balanced, seed: 40, count: 5)
        var rng = RandomSource(seed: 1)
        let solved = GraphDiffusionSolver(samples: 4).solve(models, denoiser: denoiser, using: &rng)
        #expect(log.times.map { Set($0) } == [[200], [139], [83], [39], [10]])
        #expect(log.times.allSatisfy { $0.count == 20 })
        for (model, result) in zip(models, solved) {
            #expect(result.samples.count == 4)
            #expect(model.evaluate(result.solution!).feasible)
        }
    }
}
