import Foundation
import LabCore
import Learning
import Tensors
import Testing
import TestSupport

/// The learners of the MEC baselines: PMOE-SAC's mixture policy and update, the Gaussian MLP
/// policy, REINFORCE and the linear-feature baseline (gradients against finite differences,
/// one-step problems with known answers).
@Suite struct BaselineLearnerTests {
    static func smallSAC() -> SACConfiguration {
        var c = SACConfiguration()
        (c.hiddenSizes, c.batchSize) = ([8], 16)
        return c
    }

    @Test func mixtureSampleAndGateGradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 3)
        let actor = PMOEActor(observationSize: 3, descriptorSize: 2, actionSize: 2, experts: 3, configuration: Self.smallSAC(), using: &rng)
        // Larger head weights than the ±1e-3 initialisation, so the heads matter.
        var w = RandomSource(seed: 4)
        for p in [actor.meanHead.weight, actor.logStdHead.weight, actor.gateHead.weight] {
            p.assign(.uniform(p.value.shape, low: -0.5, high: 0.5, using: &w))
        }
        let obs = randomTensor([4, 3], seed: 5, low: -1, high: 1), desc = randomTensor([4, 2], seed: 6, low: 0.1, high: 1)
        let noise = randomTensor([4, 6], seed: 7, low: -1.5, high: 1.5)
        // The experts read the observation only; the gate reads the descriptor too.
        checkGradients([obs], step: 1e-2) { actor.sample($0[0], desc, noise: noise).logProbs }
        checkGradients([obs, desc], step: 1e-2) { actor.sample($0[0], $0[1], noise: noise).gate }
        checkGradients([obs], step: 1e-2) { actor.sample($0[0], desc, noise: noise).actions }
        // The gate loss of PMOE-SAC against a fixed one-hot.
        let best = Tensor.oneHot([0, 2, 1, 2], classes: 3)
        checkGradients([obs, desc], step: 1e-2) { (best - actor.sample($0[0], $0[1], noise: noise).gate).squared().mean() }
    }

    @Test func maxExpertSelectionSendsGradientsToThatExpertOnly() {
        var rng = RandomSource(seed: 8)
        let actor = PMOEActor(observationSize: 3, descriptorSize: 2, actionSize: 2, experts: 3, configuration: Self.smallSAC(), using: &rng)
        let obs = randomTensor([1, 3], seed: 9), desc = randomTensor([1, 2], seed: 10), noise = randomTensor([1, 6], seed: 11)
        let (_, logProbs, _) = actor.sample(obs, desc, noise: noise)
        actor.zeroGrad()
        (logProbs * Tensor.oneHot([1], classes: 3)).sum().backward()
        let g = actor.meanHead.weight.grad?.scalars ?? []
        // Columns 2 and 3 belong to expert 1; the other experts' columns get nothing.
        for (i, v) in g.enumerated() {
            let column = i % 6
            if (2...3).contains(column) { continue }
            #expect(v == 0, "column \(column)")
        }
        #expect(g.enumerated().contains { (2...3).contains($0.offset % 6) && $0.element != 0 })
    }

    /// A one-step bandit, reward −(a − 0.5)², every transition terminal: the gate's favourite
    /// expert must act near the optimum 0.5 and the gate must concentrate on the max-Q expert.
    @Test func mixtureBanditConvergesToTheOptimum() throws {
        var c = SACConfiguration()
        (c.hiddenSizes, c.batchSize, c.learningRate) = ([32, 32], 128, 3e-3)
        var agent = try PMOEAgent(observationSize: 1, descriptorSize: 1, actionSize: 1, configuration: c, seed: 11)
        let layout = SACTransitionLayout(observationSize: 2, actionSize: 1)
        var buffer = try ReplayBuffer(capacity: 4096, width: layout.width, sampler: RandomSource(seed: 12))
        var act = RandomSource(seed: 13), noise = RandomSource(seed: 14), row = [Float]()
        for _ in 0..<2000 {
            let a = agent.actor.act([1], descriptor: [0.5], deterministic: false, using: &act)[0]
            try layout.pack(observation: [1, 0.5], action: [a], reward: -(a - 0.5) * (a - 0.5), nextObservation: [1, 0.5], terminal: true, into: &row)
            try buffer.append(row)
            guard buffer.count >= c.batchSize else { continue }
            _ = try agent.update(layout.batch(try buffer.sampleBatch(c.batchSize)), using: &noise)
        }
        let greedy = agent.actor.act([1], descriptor: [0.5], deterministic: true, using: &act)[0]
        #expect(abs(greedy - 0.5) < 0.05, "deterministic action \(greedy)")
        let gate = Tensor.withoutGrad { agent.actor.mixture(Tensor(shape: [1, 1], scalars: [1]), Tensor(shape: [1, 1], scalars: [0.5])).gate.scalars }
        #expect(gate.max() ?? 0 > 0.6, "gate \(gate)")
    }

    @Test func restoredMixtureAgentContinuesBitIdentically() throws {
        let layout = SACTransitionLayout(observationSize: 5, actionSize: 2)
        let batches = (0..<4).map { layout.batch(randomTensor([16, layout.width], seed: UInt64(20 + $0), low: 0, high: 1, awayFromZero: false)) }
        var a = try PMOEAgent(observationSize: 3, descriptorSize: 2, actionSize: 2, configuration: Self.smallSAC(), seed: 1)
        var rngA = RandomSource(seed: 2)
        for b in batches.prefix(2) { _ = try a.update(b, using: &rngA) }
        var checkpoint = TrainingCheckpoint(step: 2)
        checkpoint.save(a, as: "moe")
        var b = try PMOEAgent(observationSize: 3, descriptorSize: 2, actionSize: 2, configuration: Self.smallSAC(), seed: 99)
        try TrainingCheckpoint.decode(checkpoint.encoded()).restore(&b, from: "moe")
        var rngB = rngA
        for batch in batches.suffix(2) {
            _ = try a.update(batch, using: &rngA)
            _ = try b.update(batch, using: &rngB)
        }
        var ca = TrainingCheckpoint(step: 4), cb = TrainingCheckpoint(step: 4)
        ca.save(a, as: "moe")
        cb.save(b, as: "moe")
        #expect(ca == cb)
        var noExperts = PMOEConfiguration()
        noExperts.experts = 0
        #expect(throws: LabError.self) { try PMOEAgent(observationSize: 3, descriptorSize: 2, actionSize: 2, configuration: Self.smallSAC(),
                                                       mixture: noExperts, seed: 0) }
    }

    @Test func gaussianLogProbMatchesTheClosedFormAndFiniteDifferences() {
        let a = Tensor(shape: [1, 2], scalars: [0.3, -1.2]), m = Tensor(shape: [1, 2], scalars: [0.1, 0.4]), s = Tensor([-0.3, 0.5])
        var expected = 0.0
        for j in 0..<2 {
            let sigma: Double = exp(Double(s.scalars[j]))
            let z: Double = (Double(a.scalars[j]) - Double(m.scalars[j])) / sigma
            let term: Double = -z * z / 2 - log(sigma)
            expected += term - 0.5 * log(2 * Double.pi)
        }
        #expect(abs(Double(GaussianMLPPolicy.logProb(a, mean: m, logStd: s).item) - expected) < 1e-5)
        checkGradients([randomTensor([3, 2], seed: 1), randomTensor([3, 2], seed: 2), randomTensor([2], seed: 3, low: -1, high: 0.5)]) {
            GaussianMLPPolicy.logProb($0[0], mean: $0[1], logStd: $0[2])
        }
    }

    @Test func reinforceSurrogateGradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 5)
        let policy = GaussianMLPPolicy(observationSize: 3, actionSize: 2, hiddenSizes: [6], initialStd: 0.8, using: &rng)
        let obs = randomTensor([5, 3], seed: 6), actions = randomTensor([5, 2], seed: 7)
        let advantages = Reinforce.normalized([1, -2, 0.5, 3, -1])
        checkGradients(policy.weights.map { $0.detached() }, step: 1e-2) { w in
            let (mean, logStd) = policy.forward(obs, weights: w)
            return Reinforce.surrogate(logProbs: GaussianMLPPolicy.logProb(actions, mean: mean, logStd: logStd), advantages: advantages)
        }
        #expect(Reinforce.returns([1, 0, 2], discount: 0.5) == [1.5, 1, 2])
        let n = Reinforce.normalized([1, 2, 3])
        #expect(abs(n.reduce(0, +)) < 1e-6 && abs(n[2] - 1.2247448) < 1e-5)
    }

    /// A one-step bandit with reward −(a − 0.5)²: REINFORCE with normalised advantages moves the
    /// Gaussian's mean to the optimum 0.5.
    @Test func reinforceBanditConvergesToTheOptimum() {
        var rng = RandomSource(seed: 21)
        let policy = GaussianMLPPolicy(observationSize: 1, actionSize: 1, hiddenSizes: [8], initialStd: 0.5, using: &rng)
        var adam = Adam(policy.parameters), act = RandomSource(seed: 22)
        let obs = Tensor(shape: [64, 1], scalars: Array(repeating: 1, count: 64))
        for _ in 0..<300 {
            let actions = (0..<64).map { _ in policy.act([1], weights: policy.weights, deterministic: false, using: &act)[0] }
            let advantages = Reinforce.normalized(actions.map { -($0 - 0.5) * ($0 - 0.5) })
            adam.zeroGrad()
            let (mean, logStd) = policy.forward(obs, weights: policy.weights)
            Reinforce.surrogate(logProbs: GaussianMLPPolicy.logProb(Tensor(shape: [64, 1], scalars: actions), mean: mean, logStd: logStd),
                                advantages: advantages).backward()
            adam.step(learningRate: 1e-2)
        }
        let greedy = policy.act([1], weights: policy.weights, deterministic: true, using: &act)[0]
        #expect(abs(greedy - 0.5) < 0.05, "mean action \(greedy)")
    }

    @Test func linearBaselineRecoversAnExactLinearFunctionOfItsFeatures() {
        // y = 2·s₀ − s₁² + 3·(t/100) + 0.5: representable, so least squares must find it.
        var rng = RandomSource(seed: 30)
        var obs: [Float] = [], steps: [Int] = [], y: [Float] = []
        for i in 0..<40 {
            let s0 = rng.nextFloat(), s1 = rng.nextFloat(), t = i % 20 + 1
            obs += [s0, s1]
            steps.append(t)
            y.append(2 * s0 - s1 * s1 + 3 * Float(t) / 100 + 0.5)
        }
        var b = LinearFeatureBaseline(observationSize: 2)
        #expect(b.featureSize == 8)
        let fitted = b.fit(observations: obs, timesteps: steps, returns: y)
        #expect(fitted)
        for (p, target) in zip(b.predict(observations: obs, timesteps: steps), y) { #expect(abs(p - target) < 1e-3) }
        // Fewer rows than features: the ridge term keeps the system solvable.
        var wide = LinearFeatureBaseline(observationSize: 10)
        let underdetermined = wide.fit(observations: Array(obs.prefix(30)), timesteps: [1, 2, 3], returns: [1, 0.5, 0.2])
        #expect(underdetermined)
        let before = wide.coefficients
        let nonFinite = wide.fit(observations: [.nan] + Array(obs.prefix(29)), timesteps: [1, 2, 3], returns: [1, 0.5, 0.2])
        #expect(!nonFinite && wide.coefficients == before)
    }
}
