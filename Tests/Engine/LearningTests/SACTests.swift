import Foundation
import LabCore
import Learning
import Tensors
import Testing
import TestSupport

/// Soft actor-critic: the tanh-Gaussian density and its gradients, one-step problems with known
/// answers, and checkpoints that continue bit-identically.
@Suite struct SACTests {
    @Test func tanhGaussianLogProbMatchesTheClosedForm() {
        let mean = Tensor(shape: [1, 2], scalars: [0.3, -0.7]), logStd = Tensor(shape: [1, 2], scalars: [-0.5, 0.2])
        let noise = Tensor(shape: [1, 2], scalars: [0.8, -1.1])
        let (action, logProb) = TanhGaussian.sample(mean: mean, logStd: logStd, noise: noise)
        var expected = 0.0
        for j in 0..<2 {
            let (m, s, e) = (Double(mean.scalars[j]), Double(logStd.scalars[j]), Double(noise.scalars[j]))
            let z = m + exp(s) * e, a = tanh(z)
            #expect(abs(Double(action.scalars[j]) - a) < 1e-6)
            // log N(z; m, σ) − log(1 − a² + 1e-6).
            let sigma = exp(s)
            expected += -((z - m) * (z - m)) / (2 * sigma * sigma) - s - 0.5 * log(2 * Double.pi) - log(1 - a * a + 1e-6)
        }
        #expect(logProb.shape == [1, 1])
        #expect(abs(Double(logProb.item) - expected) < 1e-5)
    }

    @Test func tanhGaussianGradientsMatchFiniteDifferences() {
        let noise = randomTensor([3, 4], seed: 3, low: -1.5, high: 1.5)
        let mean = randomTensor([3, 4], seed: 1, low: -1, high: 1), logStd = randomTensor([3, 4], seed: 2, low: -1, high: 0.5)
        checkGradients([mean, logStd], step: 1e-2) { TanhGaussian.sample(mean: $0[0], logStd: $0[1], noise: noise).logProb }
        checkGradients([mean, logStd], step: 1e-2) { TanhGaussian.sample(mean: $0[0], logStd: $0[1], noise: noise).action }
        // Through the log-std clamp of the policy (inside the range and beyond both bounds).
        let raw = Tensor(shape: [3, 4], scalars: [-3, -1.2, 0.4, 2.6, -0.3, 0.9, 1.7, -2.4, 0.1, -0.8, 3.1, 0.6])
        checkGradients([mean, raw], step: 1e-2) {
            TanhGaussian.sample(mean: $0[0], logStd: $0[1].clamped(-2, 2), noise: noise).logProb
        }
    }

    @Test func frozenCriticPassesGradientsToTheActionOnly() throws {
        var rng = RandomSource(seed: 4)
        let critic = SACCritic(observationSize: 3, actionSize: 2, configuration: SACConfiguration(), using: &rng)
        let obs = randomTensor([5, 3], seed: 5), act = randomTensor([5, 2], seed: 6, low: -0.9, high: 0.9)
        checkGradients([act], step: 1e-2) { critic(obs, $0[0], frozen: true) }
        critic.zeroGrad()
        critic(obs, act.requiringGrad(), frozen: true).sum().backward()
        #expect(critic.parameters.allSatisfy { $0.grad == nil })
    }

    /// A one-step bandit: reward −(a − 0.5)², every transition terminal. Q is the reward, the
    /// policy's deterministic action tanh(μ) must reach 0.5 (the optimum, up to the O(σ²) tanh
    /// skew), and automatic tuning must drive the policy's entropy to the target, so the mean
    /// log π approaches −H̄ = 1.
    @Test func banditConvergesToTheOptimumAndAlphaTracksTheTargetEntropy() throws {
        var c = SACConfiguration()
        (c.hiddenSizes, c.batchSize, c.learningRate) = ([32, 32], 128, 3e-3)
        var agent = try SACAgent(observationSize: 1, actionSize: 1, configuration: c, seed: 11)
        let layout = SACTransitionLayout(observationSize: 1, actionSize: 1)
        var buffer = try ReplayBuffer(capacity: 4096, width: layout.width, sampler: RandomSource(seed: 12))
        var act = RandomSource(seed: 13), noise = RandomSource(seed: 14), row = [Float]()
        var logProbs: [Float] = []
        for step in 0..<3000 {
            let a = agent.actor.act([1], deterministic: false, using: &act)[0]
            try layout.pack(observation: [1], action: [a], reward: -(a - 0.5) * (a - 0.5), nextObservation: [1], terminal: true, into: &row)
            try buffer.append(row)
            guard buffer.count >= c.batchSize else { continue }
            let m = try agent.update(layout.batch(try buffer.sampleBatch(c.batchSize)), using: &noise)
            if step >= 2500 { logProbs.append(m.meanLogProb) }
        }
        let greedy = agent.actor.act([1], deterministic: true, using: &act)[0]
        #expect(abs(greedy - 0.5) < 0.05, "deterministic action \(greedy)")
        let meanLogProb = logProbs.reduce(0, +) / Float(logProbs.count)
        #expect(abs(meanLogProb - 1) < 0.25, "mean log π \(meanLogProb), target 1")
        #expect(agent.alpha < 1)
    }

    @Test func restoredAgentContinuesBitIdentically() throws {
        var c = SACConfiguration()
        (c.hiddenSizes, c.batchSize) = ([8, 8], 16)
        let layout = SACTransitionLayout(observationSize: 3, actionSize: 2)
        let batches = (0..<4).map { layout.batch(randomTensor([16, layout.width], seed: UInt64(20 + $0), low: 0, high: 1, awayFromZero: false)) }
        var a = try SACAgent(observationSize: 3, actionSize: 2, configuration: c, seed: 1)
        var rngA = RandomSource(seed: 2)
        for b in batches.prefix(2) { _ = try a.update(b, using: &rngA) }
        var checkpoint = TrainingCheckpoint(step: 2)
        checkpoint.save(a, as: "sac")
        let decoded = try TrainingCheckpoint.decode(checkpoint.encoded())
        var b = try SACAgent(observationSize: 3, actionSize: 2, configuration: c, seed: 99)
        try decoded.restore(&b, from: "sac")
        var rngB = rngA
        for batch in batches.suffix(2) {
            _ = try a.update(batch, using: &rngA)
            _ = try b.update(batch, using: &rngB)
        }
        var ca = TrainingCheckpoint(step: 4), cb = TrainingCheckpoint(step: 4)
        ca.save(a, as: "sac")
        cb.save(b, as: "sac")
        #expect(ca == cb)
        #expect(b.updates == 4)
    }

    @Test func invalidSettingsAreRejected() {
        var c = SACConfiguration()
        c.hiddenSizes = []
        #expect(throws: LabError.self) { try SACAgent(observationSize: 3, actionSize: 2, configuration: c, seed: 0) }
        #expect(throws: LabError.self) { try SACAgent(observationSize: 0, actionSize: 2, configuration: SACConfiguration(), seed: 0) }
        c = SACConfiguration()
        c.tau = 2
        #expect(throws: LabError.self) { try c.validated() }
    }
}
