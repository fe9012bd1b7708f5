import TestSupport
import Testing
@testable import Tensors

/// Finite-difference checks for every differentiable op, broadcasting included.
@Suite struct ElementwiseGradientTests {
    static let broadcastPairs: [([Int], [Int])] = [([3, 4], [3, 4]), ([2, 3, 4], [4]), ([3, 1], [1, 5]), ([2, 1, 3], [4, 1]), ([3, 4], [])]

    @Test(arguments: broadcastPairs) func add(_ sa: [Int], _ sb: [Int]) {
        checkGradients([randomTensor(sa, seed: 1), randomTensor(sb, seed: 2)]) { $0[0] + $0[1] }
    }

    @Test(arguments: broadcastPairs) func sub(_ sa: [Int], _ sb: [Int]) {
        checkGradients([randomTensor(sa, seed: 3), randomTensor(sb, seed: 4)]) { $0[0] - $0[1] }
    }

    @Test(arguments: broadcastPairs) func mul(_ sa: [Int], _ sb: [Int]) {
        checkGradients([randomTensor(sa, seed: 5), randomTensor(sb, seed: 6)]) { $0[0] * $0[1] }
    }

    @Test(arguments: broadcastPairs) func div(_ sa: [Int], _ sb: [Int]) {
        checkGradients([randomTensor(sa, seed: 7), randomTensor(sb, seed: 8, low: 0.5, high: 2)]) { $0[0] / $0[1] }
    }

    @Test func scalarForms() {
        let x = randomTensor([3, 4], seed: 9, low: 0.5, high: 2)
        checkGradients([x]) { ($0[0] + 2) * 3 - 1 }
        checkGradients([x]) { 2 - $0[0] / 4 }
        checkGradients([x]) { 3 / $0[0] }
        checkGradients([x]) { -$0[0] }
    }

    @Test func unaryFunctions() {
        let x = randomTensor([4, 5], seed: 10)
        let positive = randomTensor([4, 5], seed: 11, low: 0.3, high: 3)
        checkGradients([x]) { $0[0].exp() }
        checkGradients([positive]) { $0[0].log() }
        checkGradients([positive]) { $0[0].sqrt() }
        checkGradients([positive]) { $0[0].pow(1.7) }
        checkGradients([x]) { $0[0].pow(2) }
        checkGradients([x]) { $0[0].abs() }
        checkGradients([x]) { $0[0].relu() }
        checkGradients([x]) { $0[0].leakyRelu(slope: 0.2) }
        checkGradients([x]) { $0[0].sigmoid() }
        checkGradients([x]) { $0[0].tanh() }
        checkGradients([x]) { $0[0].silu() }
        checkGradients([x]) { $0[0].gelu() }
        checkGradients([Tensor([-2, -1.5, -0.7, -0.2, 0.3, 0.8, 1.4, 1.9])]) { $0[0].clamped(-1, 1) }
    }
}

@Suite struct LinearAlgebraGradientTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matmul2D(_ ta: Bool, _ tb: Bool) {
        let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 20)
        let b = randomTensor(tb ? [5, 4] : [4, 5], seed: 21)
        checkGradients([a, b]) { $0[0].matmul($0[1], transposeA: ta, transposeB: tb) }
    }

    @Test func matmulFoldsLeadingAxes() {
        checkGradients([randomTensor([2, 3, 4], seed: 22), randomTensor([4, 5], seed: 23)]) { $0[0].matmul($0[1]) }
        checkGradients([randomTensor([2, 3, 4], seed: 24), randomTensor([5, 4], seed: 25)]) { $0[0].matmul($0[1], transposeB: true) }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func batchedMatmul(_ ta: Bool, _ tb: Bool) {
        let a = randomTensor(ta ? [2, 4, 3] : [2, 3, 4], seed: 26)
        let b = randomTensor(tb ? [2, 5, 4] : [2, 4, 5], seed: 27)
        checkGradients([a, b]) { $0[0].matmul($0[1], transposeA: ta, transposeB: tb) }
    }

    @Test func batchedTransposedLeftWithSharedRight() {
        checkGradients([randomTensor([2, 4, 3], seed: 28), randomTensor([4, 5], seed: 29)]) {
            $0[0].matmul($0[1], transposeA: true)
        }
    }

    @Test func affine() {
        checkGradients([randomTensor([4, 3], seed: 32), randomTensor([3, 5], seed: 33), randomTensor([5], seed: 34)]) {
            Tensor.affine($0[0], weight: $0[1], bias: $0[2])
        }
        checkGradients([randomTensor([2, 4, 3], seed: 35), randomTensor([3, 5], seed: 36)]) {
            Tensor.affine($0[0], weight: $0[1], bias: nil)
        }
        let x = randomTensor([4, 3], seed: 37), w = randomTensor([3, 5], seed: 38), b = randomTensor([5], seed: 39)
        let fused = Tensor.affine(x, weight: w, bias: b).scalars, plain = (x.matmul(w) + b).scalars
        #expect(zip(fused, plain).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func matmulMatchesNaiveProduct() {
        let a = randomTensor([3, 4], seed: 30), b = randomTensor([4, 2], seed: 31)
        let c = a.matmul(b)
        for i in 0..<3 {
            for j in 0..<2 {
                let expected = (0..<4).map { a[i, $0] * b[$0, j] }.reduce(0, +)
                #expect(abs(c[i, j] - expected) < 1e-5)
            }
        }
    }
}

@Suite struct ReductionAndShapeGradientTests {
    @Test func reductions() {
        let x = randomTensor([2, 3, 4], seed: 40)
        checkGradients([x]) { $0[0].sum() }
        checkGradients([x]) { $0[0].mean() }
        for axis in [0, 1, 2, -1] {
            checkGradients([x]) { $0[0].sum(alongAxis: axis) }
            checkGradients([x]) { $0[0].mean(alongAxis: axis, keepingDims: true) }
            checkGradients([x]) { $0[0].max(alongAxis: axis) }
        }
        checkGradients([x]) { $0[0].sum(alongAxes: [0, 2]) }
        checkGradients([x]) { $0[0].mean(alongAxes: [1, 2], keepingDims: true) }
        checkGradients([x]) { $0[0].max() }
    }

    @Test func shapes() {
        let x = randomTensor([2, 3, 4], seed: 41)
        checkGradients([x]) { $0[0].reshaped([6, -1]) }
        checkGradients([x]) { $0[0].transposed() }
        checkGradients([x]) { $0[0].permuted([2, 0, 1]) }
        checkGradients([x]) { $0[0].unsqueezed(1).broadcast(to: [2, 5, 3, 4]) }
        checkGradients([x]) { $0[0].split(sizes: [1, 2], alongAxis: 1)[1] }
        checkGradients([x]) { Tensor.concat($0[0].chunked(2, alongAxis: 2).reversed(), alongAxis: 2) }
        checkGradients([x, randomTensor([2, 2, 4], seed: 42)]) { Tensor.concat([$0[0], $0[1]], alongAxis: 1) }
        checkGradients([x, randomTensor([2, 3, 4], seed: 43)]) { Tensor.stack([$0[0], $0[1]], alongAxis: 1) }
    }

    @Test func forwardValues() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(x.sum(alongAxis: 0).scalars == [5, 7, 9])
        #expect(x.max(alongAxis: 1).scalars == [3, 6])
        #expect(Tensor.concat([x, x], alongAxis: 0).shape == [4, 3])
        #expect(Tensor.stack([x, x], alongAxis: 2).shape == [2, 3, 2])
        #expect((x + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
    }
}

@Suite struct GraphOpGradientTests {
    @Test func gatherAndScatter() {
        let h = randomTensor([5, 3], seed: 50)
        let src = [0, 4, 4, 2, 1, 0, 3]
        checkGradients([h]) { $0[0].gather(src, alongAxis: 0) }
        checkGradients([randomTensor([2, 5, 3], seed: 51)]) { $0[0].gather([1, 1, 3], alongAxis: 1) }
        checkGradients([randomTensor([7, 3], seed: 52)]) { $0[0].scatterAdd(src, count: 5, alongAxis: 0) }
    }

    @Test func scatterAddValues() {
        let m = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        #expect(m.scatterAdd([1, 0, 1], count: 2).scalars == [3, 4, 6, 8])
        #expect(Tensor.oneHot([2, 0], classes: 3).scalars == [0, 0, 1, 1, 0, 0])
    }

    @Test func maskingAndSelect() {
        let x = randomTensor([3, 4], seed: 53), y = randomTensor([4], seed: 54)
        let mask = Tensor(shape: [3, 4], scalars: [1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0])
        checkGradients([x]) { $0[0].maskedFill(mask, with: -5) }
        checkGradients([x, y]) { Tensor.select(mask, $0[0], $0[1]) }
    }

    @Test func weightedSum() {
        let v = randomTensor([3, 4, 2, 5], seed: 62), w = randomTensor([3, 4, 2], seed: 63)
        checkGradients([v, w]) { Tensor.weightedSum(values: $0[0], weights: $0[1]) }
        let plain = (v * w.unsqueezed(3)).sum(alongAxis: 1).scalars
        #expect(zip(Tensor.weightedSum(values: v, weights: w).scalars, plain).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func layerNorm() {
        checkGradients([randomTensor([4, 6], seed: 55), randomTensor([6], seed: 56), randomTensor([6], seed: 57)], atol: 2e-2) {
            $0[0].layerNorm(gamma: $0[1], beta: $0[2])
        }
        checkGradients([randomTensor([2, 3, 5], seed: 58), randomTensor([5], seed: 59), randomTensor([5], seed: 60)], atol: 2e-2) {
            $0[0].layerNorm(gamma: $0[1], beta: $0[2])
        }
    }

    @Test func fusedReluLayerNormAndGatherAdd() {
        checkGradients([randomTensor([4, 6], seed: 64), randomTensor([6], seed: 65), randomTensor([6], seed: 66)], atol: 2e-2) {
            $0[0].layerNorm(gamma: $0[1], beta: $0[2], relu: true)
        }
        let x = randomTensor([5, 3], seed: 67), p = randomTensor([4, 3], seed: 68), q = randomTensor([2, 3], seed: 69)
        let (src, dst) = ([3, 0, 0, 2, 1], [1, 1, 0, 0, 1])
        checkGradients([x, p, q]) { Tensor.gatherAdd($0[0], [($0[1], src), ($0[2], dst)]) }
        checkGradients([x, p]) { Tensor.gatherAdd($0[0], [($0[1], src)]) }
        let fused = Tensor.gatherAdd(x, [(p, src), (q, dst)]).scalars
        let plain = (x + p.gather(src) + q.gather(dst)).scalars
        #expect(zip(fused, plain).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func gatedGather() {
        let gate = randomTensor([5, 3], seed: 75), values = randomTensor([4, 3], seed: 76)
        let idx = [3, 0, 0, 2, 3]
        checkGradients([gate, values]) { Tensor.gatedGather(gate: $0[0], values: $0[1], indices: idx) }
        let plain = (gate.sigmoid() * values.gather(idx)).scalars
        #expect(zip(Tensor.gatedGather(gate: gate, values: values, indices: idx).scalars, plain).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func layerNormNormalises() {
        let x = randomTensor([3, 8], seed: 61)
        let y = x.layerNorm(gamma: .ones([8]), beta: .zeros([8]))
        for r in 0..<3 {
            let row = (0..<8).map { y[r, $0] }
            let mean = row.reduce(0, +) / 8
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-3)
        }
    }
}

@Suite struct SoftmaxTests {
    static let mask = Tensor(shape: [3, 4], scalars: [1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0])

    @Test func gradients() {
        let x = randomTensor([3, 4], seed: 70)
        checkGradients([x]) { $0[0].softmax(alongAxis: -1) }
        checkGradients([x]) { $0[0].softmax(alongAxis: 0) }
        checkGradients([x]) { $0[0].softmax(alongAxis: -1, mask: SoftmaxTests.mask) }
        checkGradients([x]) { $0[0].logSoftmax(alongAxis: -1) }
        checkGradients([randomTensor([2, 3, 4], seed: 71)]) { $0[0].logSoftmax(alongAxis: 1) }
        // Masked log-softmax: compare only unmasked entries (masked ones are -inf).
        checkGradients([x]) { $0[0].logSoftmax(alongAxis: -1, mask: SoftmaxTests.mask).maskedFill(1 - SoftmaxTests.mask, with: 0) }
    }

    @Test func maskedEntriesGetExactlyZeroProbabilityAndGradient() {
        let x = randomTensor([3, 4], seed: 72).requiringGrad()
        let p = x.softmax(alongAxis: -1, mask: SoftmaxTests.mask)
        let m = SoftmaxTests.mask.scalars
        for (i, v) in p.scalars.enumerated() where m[i] == 0 { #expect(v == 0) }
        for r in 0..<3 {
            let total = (0..<4).map { p[r, $0] }.reduce(0, +)
            #expect(abs(total - 1) < 1e-6)
        }
        (p * randomTensor([3, 4], seed: 73)).sum().backward()
        for (i, g) in x.grad!.scalars.enumerated() where m[i] == 0 { #expect(g == 0) }
    }

    @Test func fullyMaskedRowIsZeroNotNaN() {
        let mask = Tensor(shape: [2, 3], scalars: [0, 0, 0, 1, 1, 0])
        let p = randomTensor([2, 3], seed: 74).softmax(alongAxis: -1, mask: mask)
        #expect(p.scalars[0..<3].allSatisfy { $0 == 0 })
        #expect(p.scalars.allSatisfy { !$0.isNaN })
    }

    @Test func broadcastMaskAndLargeLogitsAreStable() {
        let x = Tensor(shape: [2, 3], scalars: [1000, 1001, 1002, -1000, 0, 1000])
        let p = x.softmax(alongAxis: -1, mask: Tensor([1, 1, 0]))
        #expect(p.scalars.allSatisfy { $0.isFinite })
        #expect(p[0, 2] == 0 && abs(p[0, 0] + p[0, 1] - 1) < 1e-6)
    }
}
