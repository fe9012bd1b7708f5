import Foundation
import LAENet
import LabCore
import Tensors
import Learning
import Testing
@testable import GraphDiffusion

/// Training noising and the two loss terms (docs/gadsg.md §4.2).
@Suite struct TrainingTests {
    @Test func targetsEncodeSolutions() {
        let models = TestInstances.models(TestInstances.scales[0], .balanced, seed: 2, count: 4)
        let solutions = models.map { $0.solution($0.solve(.exact))! }
        let bare = solutions.map { LAENetSolution(choice: $0.choice) }
        let (x0, y0) = HybridDiffusion.targets(models: models, solutions: bare)
        #expect(x0.shape == [4, 6, 3] && y0.shape == [4, 6, 3])
        for (i, s) in solutions.enumerated() {
            for u in 0..<6 {
                for slot in 0..<3 {
                    let at = (i * 6 + u) * 3 + slot
                    #expect(x0.scalars[at] == (s.choice[u] == slot ? 1 : 0))
                    let want = s.choice[u] == slot ? Float(s.shares![u]!) : 0
                    #expect(abs(y0.scalars[at] - want) < 1e-6)
                }
            }
        }
    }

    @Test func noisedBatchIsReproducibleAndMarginalsHold() {
        let diffusion = HybridDiffusion()
        let b = 400
        let x0 = Tensor(shape: [b, 5, 4], scalars: (0..<(b * 20)).map { Float($0 % 3 == 0 ? 1 : 0) })
        let y0 = Tensor(shape: [b, 5, 4], scalars: (0..<(b * 20)).map { Float($0 % 7) / 7 })
        var r1 = RandomSource(seed: 9), r2 = RandomSource(seed: 9)
        let a = diffusion.noised(x0: x0, y0: y0, using: &r1), c = diffusion.noised(x0: x0, y0: y0, using: &r2)
        #expect(a.timesteps == c.timesteps && a.bits.scalars == c.bits.scalars && a.encodedBits.scalars == c.encodedBits.scalars)
        #expect(a.timesteps.allSatisfy { (1...200).contains($0) } && Set(a.timesteps).count > 100)
        // y_t follows the formula with the returned ε, and the encoding follows the bits.
        let rebuilt = diffusion.shares.noise(y0.scalars, epsilon: a.epsilon.scalars, t: a.timesteps)
        #expect(zip(rebuilt, a.shares.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(a.bits.scalars, a.encodedBits.scalars).allSatisfy { ($0 == 1) == ($1 >= 1) })
        // The flip frequency matches the mean cumulative flip probability over the drawn times.
        let flips = zip(x0.scalars, a.bits.scalars).filter { $0 != $1 }.count
        let expected = a.timesteps.map { diffusion.schedule.cumulativeKernel($0).flip * 20 }.reduce(0, +)
        #expect(abs(Double(flips) - expected) < 4.5 * expected.squareRoot())
    }

    @Test func lossTermsAgainstHandComputation() {
        let diffusion = HybridDiffusion()
        let x0 = Tensor(shape: [1, 2, 2], scalars: [1, 0, 0, 0])
        let eps = Tensor(shape: [1, 2, 2], scalars: [0.5, -1, 0, 2])
        let batch = NoisedBatch(timesteps: [5], bits: x0, encodedBits: x0, shares: x0, epsilon: eps)
        let logits: [Float] = [0, 2, 1, -1, 0, 0, 3, 0]
        let out = DenoiserOutput(x0Logits: Tensor(shape: [1, 2, 2, 2], scalars: logits),
                                 epsilon: Tensor(shape: [1, 2, 2], scalars: [0.5, 0, 1, 2]))
        func nll(_ l0: Float, _ l1: Float, _ c: Int) -> Double {
            let m = Double(max(l0, l1))
            let lse = m + log(exp(Double(l0) - m) + exp(Double(l1) - m))
            return lse - Double(c == 1 ? l1 : l0)
        }
        let terms = [nll(0, 2, 1), nll(1, -1, 0), nll(0, 0, 0), nll(3, 0, 0)]
        let loss = diffusion.loss(out, targets: batch, x0: x0)
        #expect(abs(Double(loss.crossEntropy.item) - terms.reduce(0, +) / 4) < 1e-5)
        #expect(abs(loss.mse.item - 2 / 4) < 1e-6)
        #expect(abs(loss.total.item - loss.crossEntropy.item - loss.mse.item) < 1e-6)
        let mask = Tensor(shape: [1, 2, 2], scalars: [1, 1, 0, 0])
        let masked = diffusion.loss(out, targets: batch, x0: x0, mask: mask)
        #expect(abs(Double(masked.crossEntropy.item) - (terms[0] + terms[1]) / 2) < 1e-5)
        #expect(abs(masked.mse.item - 1 / 2) < 1e-6)
    }

    /// The masked loss is differentiable: d(CE)/d(logits) = (softmax − onehot)·mask / Σmask and
    /// d(MSE)/d(ε̂) = 2(ε̂ − ε)·mask / Σmask.
    @Test func maskedLossGradients() {
        let diffusion = HybridDiffusion()
        let x0 = Tensor(shape: [1, 1, 3], scalars: [0, 1, 0])
        let eps = Tensor(shape: [1, 1, 3], scalars: [1, 0, -1])
        let batch = NoisedBatch(timesteps: [1], bits: x0, encodedBits: x0, shares: x0, epsilon: eps)
        let logits = Tensor(shape: [1, 1, 3, 2], scalars: [0.5, -0.5, 0, 1, 2, 0]).requiringGrad()
        let epsHat = Tensor(shape: [1, 1, 3], scalars: [0, 0, 0]).requiringGrad()
        let mask = Tensor(shape: [1, 1, 3], scalars: [1, 1, 0])
        diffusion.loss(DenoiserOutput(x0Logits: logits, epsilon: epsHat), targets: batch, x0: x0, mask: mask).total.backward()
        let l = logits.scalars, g = logits.grad!.scalars
        for slot in 0..<3 {
            let p1 = 1 / (1 + exp(Double(l[2 * slot] - l[2 * slot + 1])))
            let target = Double(x0.scalars[slot]), w = Double(mask.scalars[slot]) / 2
            #expect(abs(Double(g[2 * slot + 1]) - (p1 - target) * w) < 1e-5)
            #expect(abs(Double(g[2 * slot]) + (p1 - target) * w) < 1e-5)
        }
        #expect(zip(epsHat.grad!.scalars, [-1, 0, 0] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}
