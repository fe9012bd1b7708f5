import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

/// Adam's eight-lane element update against the scalar loop it replaced, bit for bit.
@Suite struct AdamKernelTests {
    /// The update before vectorising: one element at a time, in the original order of operations.
    static func reference(_ w: inout [Float], _ g: [Float], _ m: inout [Float], _ v: inout [Float], _ k: Adam.StepConstants) {
        let (b1, b2, eps, c1, c2, lr, wd, decoupled) = (k.beta1, k.beta2, k.epsilon, k.correction1, k.correction2, k.learningRate, k.weightDecay, k.decoupled)
        for j in 0..<w.count {
            var d = g[j]
            if !decoupled { d += wd * w[j] }
            m[j] = b1 * m[j] + (1 - b1) * d
            v[j] = b2 * v[j] + (1 - b2) * d * d
            let update = (m[j] / c1) / ((v[j] / c2).squareRoot() + eps)
            w[j] -= lr * (update + (decoupled ? wd * w[j] : 0))
        }
    }

    static func values(_ n: Int, _ rng: inout RandomSource, scale: Float) -> [Float] {
        (0..<n).map { i in i % 11 == 5 ? (i % 2 == 0 ? 0 : -0.0) : scale * Float(rng.normal()) }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 37, 1000], [false, true])
    func kernelMatchesTheScalarLoop(_ n: Int, _ decoupled: Bool) {
        for seed: UInt64 in [1, 2, 3] {
            var rng = RandomSource(seed: seed)
            var w = Self.values(n, &rng, scale: 1), m = Self.values(n, &rng, scale: 0.1)
            var v = Self.values(n, &rng, scale: 0.01).map { $0 * $0 }
            var (w2, m2, v2) = (w, m, v)
            for step in 1...3 {
                let g = Self.values(n, &rng, scale: 2)
                let k = Adam.StepConstants(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, correction1: 1 - Float.pow(0.9, step),
                                           correction2: 1 - Float.pow(0.999, step), learningRate: 3e-4,
                                           weightDecay: seed == 1 ? 0 : 0.01, decoupled: decoupled)
                Self.reference(&w, g, &m, &v, k)
                if n > 0 {
                    g.withUnsafeBufferPointer { pg in
                        w2.withUnsafeMutableBufferPointer { pw in
                            m2.withUnsafeMutableBufferPointer { pm in
                                v2.withUnsafeMutableBufferPointer { pv in
                                    Adam.update(weights: pw.baseAddress!, gradient: pg.baseAddress!, first: pm.baseAddress!,
                                                second: pv.baseAddress!, count: n, k)
                                }
                            }
                        }
                    }
                }
                #expect(w.map(\.bitPattern) == w2.map(\.bitPattern))
                #expect(m.map(\.bitPattern) == m2.map(\.bitPattern))
                #expect(v.map(\.bitPattern) == v2.map(\.bitPattern))
            }
        }
    }

    @Test func optimiserStepMatchesTheScalarLoop() {
        let shapes = [[3, 5], [17], [2, 8]]
        let parameters = shapes.enumerated().map { Parameter(randomTensor($1, seed: UInt64($0) + 40)) }
        var expected = parameters.map(\.value.scalars)
        var m = expected.map { [Float](repeating: 0, count: $0.count) }, v = m
        var adam = Adam(parameters, weightDecay: 0.01)
        for step in 1...4 {
            for (i, p) in parameters.enumerated() { (p.value * randomTensor(shapes[i], seed: UInt64(step * 10 + i))).sum().backward() }
            let grads = parameters.map { $0.grad!.scalars }
            adam.step(learningRate: 1e-2)
            let k = Adam.StepConstants(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, correction1: 1 - Float.pow(0.9, step),
                                       correction2: 1 - Float.pow(0.999, step), learningRate: 1e-2, weightDecay: 0.01, decoupled: false)
            for i in parameters.indices { Self.reference(&expected[i], grads[i], &m[i], &v[i], k) }
            adam.zeroGrad()
            #expect(parameters.map { $0.value.scalars.map(\.bitPattern) } == expected.map { $0.map(\.bitPattern) })
        }
    }
}
