import LabCore
import Testing
import TestSupport
@testable import Tensors

/// Layer normalisation's pullback against the loop it had before its column sums moved to
/// pointers, bit for bit (with and without the fused ReLU, with and without an input gradient).
@Suite struct LayerNormPullbackTests {
    /// The previous backward pass: `dx`, `dGamma`, `dBeta` from the saved statistics.
    static func reference(_ x: Tensor, _ gamma: Tensor, _ g0: Tensor, relu: Bool, epsilon: Float = 1e-5) -> (dx: [Float], dGamma: [Float], dBeta: [Float], dGammaWithoutDx: [Float]) {
        let d = x.shape.last!, rows = x.count / d, invD = 1 / Float(d)
        let px = x.scalars, pgm = gamma.scalars, beta = Tensor.zeros([d])
        let out = Tensor.withoutGrad { x.layerNorm(gamma: gamma, beta: beta, epsilon: epsilon, relu: relu) }.scalars
        let pg = zip(g0.scalars, out).map { relu ? ($1 > 0 ? $0 : 0) : $0 }
        var dGamma = [Float](repeating: 0, count: d), dBeta = [Float](repeating: 0, count: d)
        var dx = [Float](repeating: 0, count: x.count), dGammaWithoutDx = dGamma
        for r in 0..<rows {
            let row = Array(px[(r * d)..<((r + 1) * d)])
            let mean = row.withUnsafeBufferPointer { VectorMath.sum($0.baseAddress!, d) } * invD
            let sq = row.withUnsafeBufferPointer { VectorMath.centredSquares($0.baseAddress!, mean, d) }
            let rstd = 1 / (sq * invD + epsilon).squareRoot()
            var sumG: Float = 0, sumGX: Float = 0
            for j in 0..<d {
                let xh = (px[r * d + j] - mean) * rstd
                let gh = pg[r * d + j] * pgm[j]
                sumG += gh
                sumGX += gh * xh
                dGamma[j] += pg[r * d + j] * xh
                dBeta[j] += pg[r * d + j]
                dGammaWithoutDx[j] += pg[r * d + j] * (px[r * d + j] - mean) * rstd
            }
            let mG = sumG * invD, mGX = sumGX * invD
            for j in 0..<d {
                let xh = (px[r * d + j] - mean) * rstd
                dx[r * d + j] = rstd * (pg[r * d + j] * pgm[j] - mG - xh * mGX)
            }
        }
        return (dx, dGamma, dBeta, dGammaWithoutDx)
    }

    @Test(arguments: [[1, 1], [3, 5], [2, 13, 128], [7, 160]], [false, true])
    func pullbackMatchesTheLoop(_ shape: [Int], _ relu: Bool) {
        let d = shape.last!
        let x = randomTensor(shape, seed: UInt64(shape.reduce(0, +)), awayFromZero: false).requiringGrad()
        let gamma = randomTensor([d], seed: 2).requiringGrad(), beta = Tensor.zeros([d]).requiringGrad()
        let g = randomTensor(shape, seed: 3, awayFromZero: false)
        (x.layerNorm(gamma: gamma, beta: beta, relu: relu) * g).sum().backward()
        let (dx, dGamma, dBeta, dGammaWithoutDx) = Self.reference(x, gamma, g, relu: relu)
        #expect(x.grad!.scalars.map(\.bitPattern) == dx.map(\.bitPattern))
        #expect(gamma.grad!.scalars.map(\.bitPattern) == dGamma.map(\.bitPattern))
        #expect(beta.grad!.scalars.map(\.bitPattern) == dBeta.map(\.bitPattern))
        // Without an input gradient the parameter gradients take the other loop.
        let constant = x.detached(), gamma2 = gamma.detached().requiringGrad(), beta2 = beta.detached().requiringGrad()
        (constant.layerNorm(gamma: gamma2, beta: beta2, relu: relu) * g).sum().backward()
        #expect(beta2.grad!.scalars.map(\.bitPattern) == dBeta.map(\.bitPattern))
        #expect(gamma2.grad!.scalars.map(\.bitPattern) == dGammaWithoutDx.map(\.bitPattern))
    }
}
