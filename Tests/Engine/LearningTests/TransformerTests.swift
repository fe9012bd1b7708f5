import Foundation
import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

@Suite struct TransformerTests {
    static func attention(seed: UInt64 = 1, dropout: Float = 0) -> CausalSelfAttention {
        var rng = RandomSource(seed: seed)
        let layer = CausalSelfAttention(width: 4, heads: 2, dropout: dropout, using: &rng)
        GraphFixture.randomise(layer, seed: seed + 100)
        return layer
    }

    @Test func attentionInputGradients() {
        let layer = Self.attention()
        var rng = RandomSource(seed: 0)
        checkGradients([randomTensor([2, 3, 4], seed: 5)]) { layer($0[0], training: false, using: &rng) }
    }

    @Test func attentionWeightGradients() {
        let layer = Self.attention(seed: 2)
        let x = randomTensor([2, 3, 4], seed: 6)
        var rng = RandomSource(seed: 0)
        checkParameterGradients(layer) { layer(x, training: false, using: &rng) }
    }

    @Test func changingAFutureTokenLeavesEarlierOutputsUnchanged() {
        let layer = Self.attention(seed: 3)
        var rng = RandomSource(seed: 0)
        let x = randomTensor([1, 5, 4], seed: 7)
        var y = x
        y[0, 3, 1] += 2.5
        y[0, 4, 0] -= 1.5
        let a = layer(x, training: false, using: &rng).scalars, b = layer(y, training: false, using: &rng).scalars
        #expect(Array(a[0..<12]) == Array(b[0..<12]), "tokens 0–2 must not see tokens 3–4")
        #expect(Array(a[12..<20]) != Array(b[12..<20]))
        // And no gradient flows from an earlier output to a later input.
        let leaf = x.requiringGrad()
        layer(leaf, training: false, using: &rng).split(sizes: [3, 2], alongAxis: 1)[0].sum().backward()
        let grad = leaf.grad!.scalars
        let laterUntouched = grad[12..<20].allSatisfy { $0 == 0 }, earlierReached = grad[0..<12].contains { $0 != 0 }
        #expect(laterUntouched && earlierReached)
    }

    @Test func causalMaskIsLowerTriangular() {
        #expect(CausalSelfAttention.causalMask(3).scalars == [1, 0, 0, 1, 1, 0, 1, 1, 1])
    }

    @Test func firstTokenAttendsOnlyToItself() {
        // With one token visible, softmax is 1: the output is the projection of its own value.
        let layer = Self.attention(seed: 4)
        var rng = RandomSource(seed: 0)
        let x = randomTensor([1, 3, 4], seed: 8)
        let single = x.split(sizes: [1, 2], alongAxis: 1)[0]
        let full = layer(x, training: false, using: &rng).scalars, alone = layer(single, training: false, using: &rng).scalars
        for j in 0..<4 { #expect(abs(full[j] - alone[j]) < 1e-6) }
    }

    @Test func dropoutIsSeededAndOffInEvaluation() {
        let layer = Self.attention(seed: 5, dropout: 0.5)
        let x = randomTensor([2, 4, 4], seed: 9)
        var r1 = RandomSource(seed: 11), r2 = RandomSource(seed: 11), r3 = RandomSource(seed: 12)
        let a = layer(x, training: true, using: &r1).scalars, b = layer(x, training: true, using: &r2).scalars
        let c = layer(x, training: true, using: &r3).scalars
        #expect(a == b)
        #expect(a != c)
        var r4 = RandomSource(seed: 11), r5 = RandomSource(seed: 12)
        let before = r4
        #expect(layer(x, training: false, using: &r4).scalars == layer(x, training: false, using: &r5).scalars)
        #expect(r4 == before, "evaluation draws nothing")
    }

    @Test func blockAndTrunkGradients() {
        var rng = RandomSource(seed: 6)
        let block = TransformerBlock(width: 4, heads: 2, inner: 6, activation: .mish, dropout: 0, using: &rng)
        GraphFixture.randomise(block, seed: 60)
        var r = RandomSource(seed: 0)
        checkGradients([randomTensor([2, 3, 4], seed: 10)], step: 1e-3) { block($0[0], training: false, using: &r) }
        let x = randomTensor([2, 3, 4], seed: 11)
        checkParameterGradients(block) { block(x, training: false, using: &r) }
        let trunk = CausalTransformer(width: 4, layers: 2, heads: 2, inner: 6, dropout: 0, using: &rng)
        GraphFixture.randomise(trunk, seed: 61)
        checkParameterGradients(trunk) { trunk(x, training: false, using: &r) }
        #expect(trunk.namedParameters().map(\.name).contains("blocks.1.attention.qkv.weight"))
    }

    @Test func trunkIsCausal() {
        var rng = RandomSource(seed: 7)
        let trunk = CausalTransformer(width: 4, layers: 2, heads: 2, inner: 6, dropout: 0, using: &rng)
        GraphFixture.randomise(trunk, seed: 62)
        var r = RandomSource(seed: 0)
        let x = randomTensor([1, 4, 4], seed: 12)
        var y = x
        y[0, 3, 2] = 5
        let a = trunk(x, training: false, using: &r).scalars, b = trunk(y, training: false, using: &r).scalars
        #expect(Array(a[0..<12]) == Array(b[0..<12]))
    }

    @Test func positionalTableStartsAtZeroAndLearns() {
        let table = PositionalTable(positions: 5, width: 3)
        #expect(table(5).scalars == [Float](repeating: 0, count: 15))
        GraphFixture.randomise(table, seed: 3)
        #expect(table(2).scalars == Array(table.table.value.scalars[0..<6]))
        checkParameterGradients(table) { table(3) * table(3) }
    }

    @Test func gatedTokensGradients() {
        checkGradients([randomTensor([2, 3, 4], seed: 13), randomTensor([2, 4], seed: 14), randomTensor([2, 4], seed: 15),
                        randomTensor([3, 4], seed: 16)]) {
            Tensor.gatedTokens($0[0], scale: $0[1], shift: $0[2], positions: $0[3])
        }
        let e = Tensor.gatedTokens(Tensor(shape: [1, 2, 1], scalars: [2, 3]), scale: Tensor(shape: [1, 1], scalars: [10]),
                                   shift: Tensor(shape: [1, 1], scalars: [1]), positions: Tensor(shape: [2, 1], scalars: [0.5, -0.5]))
        #expect(e.scalars == [21.5, 30.5])
    }

    @Test func rowWeightedHuberValuesAndGradients() {
        let p = Tensor(shape: [1, 2, 2], scalars: [0.5, 3, -2, 0]), t = Tensor.zeros([1, 2, 2])
        // Row 0 (weight 10): 0.125 + 2.5; row 1 (weight 1): 1.5 + 0; mean over 4 entries.
        let loss = Loss.rowWeightedHuber(p, t, rowWeights: [10, 1]).item
        #expect(abs(loss - (10 * 2.625 + 1.5) / 4) < 1e-6)
        checkGradients([randomTensor([3, 2, 4], seed: 17, low: -3, high: 3), randomTensor([3, 2, 4], seed: 18)]) {
            Loss.rowWeightedHuber($0[0], $0[1], rowWeights: [10, 1])
        }
    }

    @Test func mishActivationGradientInAnMLP() {
        var rng = RandomSource(seed: 8)
        let mlp = MLP([3, 5, 2], activation: .mish, using: &rng)
        let x = randomTensor([4, 3], seed: 19)
        checkParameterGradients(mlp) { mlp(x) }
    }

    @Test func diffuserSinusoidReachesTheLowestFrequency() {
        let e = timestepEmbedding([1], dimension: 8, frequencies: .diffuser).scalars
        #expect(abs(e[3] - Float(LibM.sin(1e-4))) < 1e-9)  // ω₃ = 10000^(−3/3)
        #expect(abs(e[0] - Float(LibM.sin(1))) < 1e-7 && abs(e[4] - Float(LibM.cos(1))) < 1e-7)
        let standard = timestepEmbedding([1], dimension: 8).scalars
        #expect(abs(standard[3] - Float(LibM.sin(LibM.pow(10000, -0.75)))) < 1e-7)
    }

    @Test func movingAverageFollowsTheDiffuserSchedule() throws {
        var rng = RandomSource(seed: 9)
        let live = Linear(2, 1, using: &rng), average = Linear(2, 1, using: &rng)
        let ema = ExponentialMovingAverage(decay: 0.5, warmupSteps: 20, every: 10)
        #expect(try !ema.update(average, toward: live, afterStep: 5))
        #expect(try ema.update(average, toward: live, afterStep: 10))
        #expect(average.weight.value.scalars == live.weight.value.scalars, "reset during warm-up")
        let old = average.weight.value.scalars
        live.weight.assign(Tensor(shape: [2, 1], scalars: [4, 8]))
        try ema.update(average, toward: live, afterStep: 20)
        #expect(average.weight.value.scalars == [0.5 * old[0] + 2, 0.5 * old[1] + 4])
        #expect(throws: LabError.self) { try ExponentialMovingAverage(decay: 2, warmupSteps: 0, every: 1).update(average, toward: live, afterStep: 0) }
    }

    @Test func vpScheduleMatchesTheFormula() {
        let s = VPSchedule(steps: 20)
        let expected = 1 - Foundation.exp(-0.1 / 20 - 0.5 * 9.9 * 1 / 400)
        #expect(abs(s.betas[0] - expected) < 1e-15)
        #expect(s.previousAlphaBars[0] == 1 && abs(s.previousAlphaBars[5] - s.alphaBars[4]) == 0)
        #expect(s.posteriorStd(step: 0) < 1e-9)
        // With ε̂ equal to the true noise, x̂₀ recovers x₀ and the posterior mean lies between.
        let x = s.noised(0.3, epsilon: -0.7, step: 10)
        #expect(abs(s.predictedStart(x, epsilon: -0.7, step: 10, clip: true) - 0.3) < 1e-5)
        #expect(s.predictedStart(50, epsilon: 0, step: 19, clip: true) == 1)
        #expect(abs(s.posteriorMean(start: 0.3, current: x, step: 0) - 0.3) < 1e-6, "step 0 lands on x̂₀")
    }
}
