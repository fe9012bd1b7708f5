import Foundation
import LabCore
import Learning
import Tensors
import TestSupport
import Testing

/// Mish, ELU, the categorical entropy, the QMIX mixer and the diffusion actor of the MAD2RL learners.
@Suite struct SmoothActivationTests {
    @Test func mishAndELUValues() {
        let x = Tensor([-100, -1, 0, 1, 100])
        let mish = x.mish().scalars
        // Mish(1) = tanh(log(1 + e)); Mish(x) → x for large x and → 0⁻ for very negative x.
        #expect(abs(mish[3] - 0.865_098_4) < 1e-6)
        #expect(mish[2] == 0 && mish[4] == 100 && mish[0] <= 0 && mish[0] > -1e-30)
        #expect(abs(mish[1] - (-0.303_401_4)) < 1e-6)
        let elu = x.elu().scalars
        #expect(abs(elu[1] - (Float(-0.632_120_56))) < 1e-6 && elu[3] == 1 && elu[0] == -1)
    }

    @Test func mishAndELUGradients() {
        checkGradients([randomTensor([3, 5], seed: 1, low: -4, high: 4)]) { $0[0].mish() }
        checkGradients([randomTensor([3, 5], seed: 2, low: -3, high: 3)]) { $0[0].elu(alpha: 1.5) }
    }

    @Test func maskedEntropyValueAndGradient() {
        let mask = Tensor(shape: [2, 4], scalars: [1, 1, 1, 0, 1, 1, 1, 1])
        let uniform = Entropy.categorical(logits: Tensor.zeros([2, 4]), mask: mask).scalars
        #expect(abs(uniform[0] - Float(log(3.0))) < 1e-6 && abs(uniform[1] - Float(log(4.0))) < 1e-6)
        checkGradients([randomTensor([2, 4], seed: 3)]) { Entropy.categorical(logits: $0[0], mask: mask) }
        let logits = randomTensor([2, 4], seed: 4).requiringGrad()
        Entropy.categorical(logits: logits, mask: mask).sum().backward()
        #expect(logits.grad!.scalars.allSatisfy { $0.isFinite })
        #expect(logits.grad!.scalars[3] == 0, "a masked action gets no gradient")
    }
}

@Suite struct QMIXMixerTests {
    @Test func gradientsMatchFiniteDifferences() {
        var rng = RandomSource(seed: 5)
        let mixer = QMIXMixer(stateWidth: 6, agents: 3, embedding: 4, using: &rng)
        checkGradients([randomTensor([2, 3], seed: 6), randomTensor([2, 6], seed: 7)]) { mixer($0[0], state: $0[1]) }
        // And into the hypernetworks' parameters.
        let q = randomTensor([2, 3], seed: 8), s = randomTensor([2, 6], seed: 9)
        checkGradients([mixer.hyperW1.weight.value.detached(), mixer.hyperB2Out.weight.value.detached()]) { p in
            let w1 = (s.matmul(p[0]) + mixer.hyperW1.bias!.value).abs().reshaped([2, 3, 4])
            var w = mixer.weights(s)
            w.w1 = w1
            w.b2 = (mixer.hyperB2Hidden(s).relu().matmul(p[1]) + mixer.hyperB2Out.bias!.value).reshaped([2, 1, 1])
            return mixer.mix(q, weights: w)
        }
    }

    @Test func teamValueIsMonotoneInEveryUtility() {
        for trial in 0..<20 {
            var rng = RandomSource(seed: UInt64(100 + trial))
            let mixer = QMIXMixer(stateWidth: 8, agents: 4, embedding: 8, using: &rng)
            let q = Tensor.normal([16, 4], std: 5, using: &rng).requiringGrad()
            let s = Tensor.normal([16, 8], std: 3, using: &rng)
            mixer(q, state: s).sum().backward()
            let grad = q.grad!.scalars
            #expect(grad.allSatisfy { $0 >= 0 }, "trial \(trial): min ∂Q_tot/∂q_i = \(grad.min()!)")
            // Raising one utility never lowers the team value.
            let base = Tensor.withoutGrad { mixer(q.detached(), state: s) }.scalars
            var raised = q.detached()
            raised.withUnsafeMutableBufferPointer { $0[trial % 4] += 1 }
            let after = Tensor.withoutGrad { mixer(raised, state: s) }.scalars
            #expect(after[0] >= base[0])
        }
    }
}

@Suite struct DiffusionActorTests {
    static func tinyActor(steps: Int = 3, seed: UInt64 = 11) -> DiffusionActor {
        var c = DiffusionActorConfiguration(observationWidth: 4, actions: 3)
        (c.hidden, c.stepEmbedding, c.stepHidden, c.steps) = (8, 4, 6, steps)
        var rng = RandomSource(seed: seed)
        return DiffusionActor(c, using: &rng)
    }

    @Test func vpScheduleMatchesItsDefinition() {
        let s = DiffusionActorSchedule(steps: 5)
        let alpha1 = exp(-0.1 / 5 - 0.5 * 9.9 * 1 / 25)
        #expect(abs(s.betas[0] - (1 - alpha1)) < 1e-15)
        #expect(abs(s.alphaBars[4] - exp(-0.1 - 0.5 * 9.9)) < 1e-12)  // Σ(2t − 1) = K²
        #expect(abs(s.meanFromStart[0] - 1) < 1e-12 && s.meanFromSample[0] == 0 && s.sigmas[0] == 1e-10)
        for k in 1..<5 { #expect(s.sigmas[k] > 0 && s.meanFromStart[k] > 0 && s.meanFromSample[k] > 0) }
    }

    @Test func concatenatedFormMatchesTheBlockForm() {
        let actor = Self.tinyActor()
        let o = randomTensor([5, 4], seed: 12), x = randomTensor([5, 3], seed: 13)
        let blocks = actor(x, step: 1, observations: o)
        let features = actor.observationFeatures(o)
        let step = actor.stepFeatures(1).broadcast(to: [5, 4])
        let concatenated = actor.trunk[2](actor.trunk[1](actor.trunk[0](Tensor.concat([features, x, step], alongAxis: 1)).mish()).mish())
        for (a, b) in zip(blocks.scalars, concatenated.scalars) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func samplingIsDeterministicGivenTheNoiseAndMasksActions() {
        let actor = Self.tinyActor()
        var rng = RandomSource(seed: 14)
        let noise = DiffusionNoise(rows: 4, actions: 3, denoisingSteps: 3, using: &rng)
        let o = randomTensor([4, 4], seed: 15)
        let mask = Tensor(shape: [4, 3], scalars: [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0])
        let p1 = actor.probabilities(o, mask: mask, noise: noise), p2 = actor.probabilities(o, mask: mask, noise: noise)
        #expect(p1.scalars == p2.scalars)
        let x0 = actor.sample(o, noise: noise).scalars
        #expect(x0.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(p1.scalars[2] == 0 && p1.scalars[6] == 0 && p1.scalars[10] == 0 && p1.scalars[11] == 0)
        for r in 0..<4 { #expect(abs(p1.scalars[(3 * r)..<(3 * r + 3)].reduce(0, +) - 1) < 1e-6) }
    }

    /// The reparameterised gradient of `Σ w ⊙ π(o; θ, z)` with the noise `z` fixed, against
    /// central differences in every parameter. The clip passes no gradient where it is active;
    /// an entry within the step of the boundary would make the difference quotient meaningless,
    /// so parameters whose perturbation moves a clipped entry across the boundary are skipped
    /// (counted, and required to be few).
    @Test func reparameterisedGradientMatchesFiniteDifferences() {
        let actor = Self.tinyActor(steps: 3)
        var rng = RandomSource(seed: 16)
        let noise = DiffusionNoise(rows: 6, actions: 3, denoisingSteps: 3, using: &rng)
        let o = randomTensor([6, 4], seed: 17)
        let weights = Tensor.uniform([6, 3], low: 0.5, high: 1.5, using: &rng)
        func objective() -> Tensor { (actor.logits(o, noise: noise).softmax() * weights).sum() }
        func clipPattern() -> [Bool] { Tensor.withoutGrad { actor.sample(o, noise: noise) }.scalars.map { abs($0) >= 1 } }
        actor.zeroGrad()
        objective().backward()
        let h: Float = 1e-3
        let reference = clipPattern()
        var checked = 0, skipped = 0, informative = 0
        for p in actor.parameters {
            let analytic = p.grad?.scalars ?? Array(repeating: 0, count: p.value.count)
            for j in 0..<p.value.count {
                let original = p.value.scalars[j]
                p.update { $0[j] = original + h }
                let (plus, patternPlus) = (Tensor.withoutGrad { objective() }.item, clipPattern())
                p.update { $0[j] = original - h }
                let (minus, patternMinus) = (Tensor.withoutGrad { objective() }.item, clipPattern())
                p.update { $0[j] = original }
                guard patternPlus == reference, patternMinus == reference else { skipped += 1; continue }
                let numeric = (plus - minus) / (2 * h)
                #expect(abs(analytic[j] - numeric) <= 2e-2 + 5e-2 * abs(numeric), "parameter entry \(j): analytic \(analytic[j]) vs numeric \(numeric)")
                checked += 1
                if abs(numeric) > 1e-3 { informative += 1 }
            }
        }
        #expect(checked > 10 * max(skipped, 1), "checked \(checked), skipped \(skipped)")
        #expect(informative > checked / 4, "only \(informative) of \(checked) entries have a gradient: the chain is clipped almost everywhere")
    }

    /// Entries of `x_0` that the last clip holds at ±1 pass no gradient to any parameter.
    @Test func clippedEntriesPassNoGradient() throws {
        let actor = Self.tinyActor(steps: 2)
        var rng = RandomSource(seed: 18)
        let noise = DiffusionNoise(rows: 32, actions: 3, denoisingSteps: 2, using: &rng)
        let o = randomTensor([32, 4], seed: 19, low: -6, high: 6)
        let x0 = actor.sample(o, noise: noise)
        let clipped = x0.scalars.map { abs($0) >= 1 ? Float(1) : 0 }
        try #require(clipped.contains(1) && clipped.contains(0), "the test needs both clipped and free entries")
        actor.zeroGrad()
        (x0 * Tensor(shape: [32, 3], scalars: clipped)).sum().backward()
        for p in actor.parameters { #expect((p.grad?.scalars ?? [0]).allSatisfy { $0 == 0 }) }
    }
}
