import LabCore
import Testing
import TestSupport
@testable import Tensors

/// The random-tensor kernels and fused dropout against the per-element formulas they replaced:
/// same seed ⇒ the same bits and the same generator state afterwards.
@Suite struct RandomKernelTests {
    static let seeds: [UInt64] = [1, 7, 2024]
    static let shapes: [[Int]] = [[0], [1], [3, 5], [2, 3, 17], [1000]]

    /// The formula before the rewrite: a closure per element through `Tensor(shape:)`.
    static func reference(_ shape: [Int], _ rng: inout RandomSource, _ draw: (inout RandomSource) -> Float) -> Tensor {
        Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = draw(&rng) } }
    }

    static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

    @Test(arguments: seeds, shapes) func uniformMatchesTheFormula(_ seed: UInt64, _ shape: [Int]) {
        var a = RandomSource(seed: seed), b = a
        let fast = Tensor.uniform(shape, low: -1.5, high: 2.25, using: &a)
        let slow = Self.reference(shape, &b) { -1.5 + (2.25 - -1.5) * $0.nextFloat() }
        #expect(Self.bits(fast) == Self.bits(slow))
        #expect(a.state == b.state)
    }

    @Test(arguments: seeds, shapes) func normalMatchesTheFormula(_ seed: UInt64, _ shape: [Int]) {
        var a = RandomSource(seed: seed), b = a
        let fast = Tensor.normal(shape, mean: 0.5, std: 0.02, using: &a)
        let slow = Self.reference(shape, &b) { 0.5 + 0.02 * Float($0.normal()) }
        #expect(Self.bits(fast) == Self.bits(slow))
        #expect(a.state == b.state)
    }

    @Test(arguments: seeds, shapes) func bernoulliMatchesTheFormula(_ seed: UInt64, _ shape: [Int]) {
        for p: Float in [0, 0.1, 0.9, 1] {
            var a = RandomSource(seed: seed), b = a
            let fast = Tensor.bernoulli(shape, probability: p, using: &a)
            let slow = Self.reference(shape, &b) { $0.nextFloat() < p ? 1 : 0 }
            #expect(Self.bits(fast) == Self.bits(slow))
            #expect(a.state == b.state)
        }
    }

    /// Dropout before the fused kernel: a Bernoulli keep mask, scaled, then multiplied in.
    static func referenceDropout(_ x: Tensor, rate: Float, _ rng: inout RandomSource) -> Tensor {
        let keep = reference(x.shape, &rng) { $0.nextFloat() < 1 - rate ? 1 : 0 }
        return x * (keep * (1 / (1 - rate)))
    }

    @Test(arguments: seeds, shapes) func droppingOutMatchesMaskTimesScale(_ seed: UInt64, _ shape: [Int]) {
        for rate: Float in [0.1, 0.5, 0.75] {
            let x = randomTensor(shape, seed: seed &+ 11, awayFromZero: false).requiringGrad()
            let w = randomTensor(shape, seed: seed &+ 12)
            var a = RandomSource(seed: seed), b = a
            let fast = x.droppingOut(rate: rate, using: &a)
            let slow = Self.referenceDropout(x, rate: rate, &b)
            #expect(Self.bits(fast) == Self.bits(slow))
            #expect(a.state == b.state)
            (fast * w).sum().backward()
            let fastGrad = x.grad.map(Self.bits)
            x.zeroGrad()
            (slow * w).sum().backward()
            #expect(fastGrad == x.grad.map(Self.bits))
        }
    }

    @Test func droppingOutKeepsSignedZerosInfinitiesAndNaN() {
        let x = Tensor([0, -0.0, .infinity, -.infinity, .nan, 1, -1, 3e38])
        for seed in Self.seeds {
            var a = RandomSource(seed: seed), b = a
            #expect(Self.bits(x.droppingOut(rate: 0.5, using: &a)) == Self.bits(Self.referenceDropout(x, rate: 0.5, &b)))
        }
    }

    @Test func droppingOutGradientMatchesFiniteDifferences() {
        checkGradients([randomTensor([4, 6], seed: 5)]) { t in
            var rng = RandomSource(seed: 8)  // the same mask on every evaluation
            return t[0].droppingOut(rate: 0.3, using: &rng)
        }
    }
}

/// The split pullback against the concatenation of zero pieces it replaced, bit for bit.
@Suite struct SplitPullbackTests {
    @Test(arguments: [([2, 9, 3], 1, [2, 3, 4]), ([4, 12], 1, [4, 4, 4]), ([6, 2], 0, [1, 5]), ([3, 4, 5], 2, [5])])
    func pullbackIsTheGradientBetweenZeros(_ shape: [Int], _ axis: Int, _ sizes: [Int]) {
        let x = randomTensor(shape, seed: 3).requiringGrad()
        let pieces = x.split(sizes: sizes, alongAxis: axis)
        for (index, piece) in pieces.enumerated() {
            var g = randomTensor(piece.shape, seed: UInt64(10 + index))
            g.withUnsafeMutableBufferPointer { $0[0] = -0.0 }  // a signed zero survives, as in concat
            x.zeroGrad()
            (piece * g).sum().backward()
            let parts = sizes.enumerated().map { i, n -> Tensor in
                if i == index { return g }
                var zs = shape
                zs[axis] = n
                return Tensor.zeros(zs)
            }
            let expected = Tensor.withoutGrad { Tensor.concat(parts, alongAxis: axis) }
            #expect(x.grad?.scalars.map(\.bitPattern) == expected.scalars.map(\.bitPattern))
        }
    }

    @Test func gradientMatchesFiniteDifferences() {
        checkGradients([randomTensor([2, 7, 3], seed: 4)]) { t in
            let p = t[0].split(sizes: [2, 4, 1], alongAxis: 1)
            return p[0].sum(alongAxis: 1, keepingDims: true) * p[2] + p[1].sum(alongAxis: 1, keepingDims: true)
        }
    }
}
