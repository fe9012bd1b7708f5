import Learning
import Foundation
import LAENet
@testable import GraphDiffusion

/// Shared instance fixtures.
enum TestInstances {
    /// The four small paper scales (docs/gadsg.md §8.2).
    static let scales = [LAENetScale(groundStations: 2, groundUsers: 4, aerialUsers: 2),
                         LAENetScale(groundStations: 2, groundUsers: 5, aerialUsers: 3),
                         LAENetScale(groundStations: 3, groundUsers: 6, aerialUsers: 4),
                         LAENetScale(groundStations: 3, groundUsers: 7, aerialUsers: 5)]

    /// `count` models of one scale and profile.
    static func models(_ scale: LAENetScale, _ profile: LAENetProfile, seed: UInt64, count: Int,
                       jointlyFeasible: Bool = true) -> [LAENetModel] {
        LAENetGenerator.generate(scale: scale, profile: profile, seed: seed, count: count, jointlyFeasible: jointlyFeasible)
            .map(LAENetModel.init)
    }
}

/// A denoiser that knows the clean targets: x₀ logits ±`confidence` and the exact ε of y_t.
struct OracleDenoiser: Denoiser {
    /// `[B, U, S+1]` clean bits, row-major.
    var x0: [Float]
    /// `[B, U, S+1]` clean shares, row-major.
    var y0: [Float]
    var schedule: DiffusionSchedule
    var confidence: Float = 30

    func denoise(_ input: DenoiserInput) -> DenoiserOutput {
        let grid = input.bits.shape
        let n = grid[1] * grid[2]
        let y = input.shares.scalars
        var logits = [Float](repeating: 0, count: 2 * y.count), eps = [Float](repeating: 0, count: y.count)
        for i in y.indices {
            logits[2 * i + 1] = x0[i] > 0.5 ? confidence : -confidence
            let bar = schedule.alphaBars[input.timesteps[i / n]]
            eps[i] = Float((Double(y[i]) - bar.squareRoot() * Double(y0[i])) / (1 - bar).squareRoot())
        }
        return DenoiserOutput(x0Logits: .init(shape: grid + [2], scalars: logits), epsilon: .init(shape: grid, scalars: eps))
    }
}
