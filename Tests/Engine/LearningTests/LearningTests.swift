import Foundation
import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

@Suite struct LayerTests {
    @Test func linearComputesAffineMap() {
        var rng = RandomSource(seed: 1)
        let layer = Linear(3, 2, using: &rng)
        let x = randomTensor([4, 3], seed: 2)
        let y = layer(x)
        for i in 0..<4 {
            for j in 0..<2 {
                let expected = (0..<3).map { x[i, $0] * layer.weight.value[$0, j] }.reduce(0, +) + layer.bias!.value[j]
                #expect(abs(y[i, j] - expected) < 1e-5)
            }
        }
    }

    @Test func linearGradientsThroughModule() {
        var rng = RandomSource(seed: 3)
        let layer = Linear(3, 2, using: &rng)
        checkGradients([randomTensor([4, 3], seed: 4), layer.weight.value.detached(), layer.bias!.value.detached()]) {
            $0[0].matmul($0[1]) + $0[2]
        }
    }

    @Test func namedParametersAreDottedAndStable() {
        var rng = RandomSource(seed: 5)
        let mlp = MLP([2, 4, 1], using: &rng)
        #expect(mlp.namedParameters().map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(mlp.parameterCount == 2 * 4 + 4 + 4 + 1)
    }

    @Test func embeddingAndTimestepEmbedding() {
        var rng = RandomSource(seed: 6)
        let e = Embedding(4, 3, using: &rng)
        #expect(e([2, 0]).scalars == Array(e.table.value.scalars[6..<9]) + Array(e.table.value.scalars[0..<3]))
        let t = timestepEmbedding([0, 5], dimension: 4)
        #expect(t.scalars[0..<4] == [0, 0, 1, 1])
        #expect(abs(t[1, 0] - Float(sin(5.0))) < 1e-6)  // ω₀ = 1
        #expect(abs(t[1, 1] - Float(sin(5.0 / 100))) < 1e-6)  // ω₁ = 10000^(-1/2)
    }

    @Test func dropoutKeepsExpectationAndIsSeeded() {
        let x = Tensor.ones([10_000])
        var r1 = RandomSource(seed: 7), r2 = RandomSource(seed: 7)
        let a = Dropout(rate: 0.3)(x, training: true, using: &r1)
        let b = Dropout(rate: 0.3)(x, training: true, using: &r2)
        #expect(a.digest == b.digest)
        #expect(abs(a.mean().item - 1) < 0.03)
        #expect(Set(a.scalars).isSubset(of: [0, 1 / 0.7]))
        #expect(Dropout(rate: 0.3)(x, training: false, using: &r1).digest == x.digest)
    }
}

@Suite struct LossTests {
    @Test func crossEntropyOfUniformLogitsIsLogC() {
        let loss = Loss.crossEntropy(logits: .zeros([3, 5]), targets: [0, 2, 4])
        #expect(abs(loss.item - Float(log(5.0))) < 1e-6)
        let masked = Loss.crossEntropy(logits: .zeros([1, 5]), targets: [1], classMask: Tensor([1, 1, 0, 0, 0]))
        #expect(abs(masked.item - Float(log(2.0))) < 1e-6)
    }

    @Test func lossGradients() {
        let logits = randomTensor([4, 3], seed: 10)
        checkGradients([logits]) { Loss.crossEntropy(logits: $0[0], targets: [0, 2, 1, 2]) }
        let mask = Tensor(shape: [4, 3], scalars: [1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0])
        checkGradients([logits]) { Loss.crossEntropy(logits: $0[0], targets: [0, 2, 1, 1], classMask: mask, reduction: .sum) }
        let t = Tensor(shape: [4, 3], scalars: [1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0])
        checkGradients([logits]) { Loss.binaryCrossEntropy(logits: $0[0], targets: t) }
        checkGradients([logits, randomTensor([4, 3], seed: 11)]) { Loss.mse($0[0], $0[1]) }
        checkGradients([randomTensor([4, 3], seed: 12, low: -3, high: 3)]) { Loss.huber($0[0], .zeros([4, 3]), delta: 1) }
    }

    @Test func lossValues() {
        let p = Tensor([0, 2, -3]), y = Tensor([0, 0, 0])
        #expect(abs(Loss.mse(p, y).item - Float(13) / 3) < 1e-6)
        #expect(Loss.huber(p, y, delta: 1, reduction: .sum).item == 0 + 1.5 + 2.5)
        let bce = Loss.binaryCrossEntropy(logits: Tensor([0]), targets: Tensor([1]))
        #expect(abs(bce.item - Float(log(2.0))) < 1e-6)
        let big = Loss.binaryCrossEntropy(logits: Tensor([-100]), targets: Tensor([1]))
        #expect(abs(big.item - 100) < 1e-3)
    }
}

@Suite struct OptimizerTests {
    /// Minimises ½‖w − c‖²; the answer is c.
    func quadratic(_ make: ([Parameter]) -> any Optimizer, steps: Int, lr: Float) -> [Float] {
        let w = Parameter(.zeros([3]))
        let c = Tensor([1, -2, 3])
        var opt = make([w])
        for _ in 0..<steps {
            opt.zeroGrad()
            ((w.value - c).squared().sum() * 0.5).backward()
            opt.step(learningRate: lr)
        }
        return w.value.scalars
    }

    @Test func sgdAndMomentumConverge() {
        for v in quadratic({ SGD($0) }, steps: 200, lr: 0.1) .enumerated() {
            #expect(abs(v.element - [1, -2, 3][v.offset]) < 1e-4)
        }
        for v in quadratic({ SGD($0, momentum: 0.9) }, steps: 300, lr: 0.05).enumerated() {
            #expect(abs(v.element - [1, -2, 3][v.offset]) < 1e-3)
        }
    }

    @Test func adamConvergesAndFirstStepIsLearningRate() {
        for v in quadratic({ Adam($0) }, steps: 2000, lr: 0.05).enumerated() {
            #expect(abs(v.element - [1, -2, 3][v.offset]) < 1e-2)
        }
        // Bias correction makes the first step exactly lr·sign(g) (up to ε).
        let first = quadratic({ Adam($0) }, steps: 1, lr: 0.1)
        #expect(zip(first, [0.1, -0.1, 0.1] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func adamWDecaysWeightsIndependentlyOfGradientScale() {
        let w = Parameter(Tensor([10]))
        var opt = Adam.adamW([w], weightDecay: 0.1)
        (w.value * 0).sum().backward()  // zero gradient: only the decay acts
        opt.step(learningRate: 0.5)
        #expect(abs(w.value.scalars[0] - (10 - 0.5 * 0.1 * 10)) < 1e-5)
    }

    @Test func warmupCosineSchedule() {
        let s = WarmupCosineSchedule(peak: 1, warmupSteps: 10, totalSteps: 110, floor: 0.1)
        #expect(s.learningRate(at: 0) == 0.1)
        #expect(s.learningRate(at: 9) == 1)
        #expect(abs(s.learningRate(at: 60) - 0.55) < 1e-6)
        #expect(abs(s.learningRate(at: 110) - 0.1) < 1e-6)
        #expect(abs(s.learningRate(at: 500) - 0.1) < 1e-6)
    }

    @Test func clippingByGlobalNorm() {
        let a = Parameter(.zeros([2])), b = Parameter(.zeros([1]))
        ((a.value * Tensor([3, 0])).sum() + (b.value * 4).sum()).backward()  // grads [3,0], [4]: norm 5
        let before = clipGradients([a, b], maxNorm: 1)
        #expect(abs(before - 5) < 1e-6)
        #expect(a.grad!.scalars == [0.6, 0] && abs(b.grad!.scalars[0] - 0.8) < 1e-6)
        #expect(abs(clipGradients([a, b], maxNorm: 10) - 1) < 1e-6)
    }
}

@Suite struct ParameterSetTests {
    @Test func roundTripAndLoad() throws {
        var rng = RandomSource(seed: 20)
        let a = MLP([2, 3, 1], using: &rng), b = MLP([2, 3, 1], using: &rng)
        let saved = ParameterSet(of: a)
        let decoded = try ParameterSet.decode(saved.encoded())
        #expect(decoded.digest == saved.digest)
        #expect(ParameterSet(of: b).digest != saved.digest)
        try b.load(decoded)
        #expect(ParameterSet(of: b).digest == saved.digest)
    }

    @Test func mismatchedModelsAreRejectedWithTheParameterNamed() {
        var rng = RandomSource(seed: 21)
        let small = MLP([2, 3, 1], using: &rng), wide = MLP([2, 4, 1], using: &rng), deep = MLP([2, 3, 3, 1], using: &rng)
        #expect(throws: LabError.self) { try small.load(ParameterSet(of: wide)) }
        #expect(throws: LabError.self) { try small.load(ParameterSet(of: deep)) }
        #expect(throws: LabError.self) { try ParameterSet.decode(Array(ParameterSet(of: small).encoded().dropLast(3))) }
    }
}

@Suite struct FunctionFitTests {
    @Test func sameSeedGivesIdenticalParameters() throws {
        var config = FunctionFit()
        config.steps = 60
        config.trainingPoints = 128
        let a = try config.run(), b = try config.run()
        #expect(a.parameterDigest == b.parameterDigest)
        config.seed = 2
        #expect(try config.run().parameterDigest != a.parameterDigest)
    }

    @Test func learnsTheFunction() throws {
        // The demo's stated threshold: validation MSE below 2e-3 (the target's variance is about 0.28).
        let result = try FunctionFit().run()
        #expect(result.validationMSE < 2e-3, "validation MSE \(result.validationMSE)")
        #expect(result.trainingLoss.last!.loss < result.trainingLoss.first!.loss / 50)
    }
}
