/// Layer normalisation over the last axis, with a fused forward and backward pass.
extension Tensor {
    /// `(x − mean) / √(var + eps) · gamma + beta` per row of the last axis.
    ///
    /// `gamma` and `beta` have shape `[d]` where `d` is the last extent. One pass computes the
    /// statistics and the output; the backward pass uses the saved mean and reciprocal standard
    /// deviation: `dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂))` with `ĝ = g ⊙ gamma`.
    ///
    /// With `relu: true` the result is `max(0, …)` in the same pass (and the backward pass masks
    /// the incoming gradient with it), saving a full read and write of the activations.
    public func layerNorm(gamma: Tensor, beta: Tensor, epsilon: Float = 1e-5, relu: Bool = false) -> Tensor {
        let d = shape.last ?? 1
        precondition(gamma.shape == [d] && beta.shape == [d], "layerNorm gamma/beta must be [\(d)], got \(gamma.shape), \(beta.shape)")
        let rows = count / Swift.max(d, 1)
        let src = storage.base, pgm = gamma.storage.base, pb = beta.storage.base
        var stats = [Float](repeating: 0, count: 2 * rows)  // mean, rstd
        let invD = 1 / Float(d)
        let out = Tensor(shape: shape) { o in
            let po = o.baseAddress!
            for r in 0..<rows {
                let x = src + r * d, y = po + r * d
                let mean = VectorMath.sum(x, d) * invD
                let sq = VectorMath.centredSquares(x, mean, d)
                let rstd = 1 / (sq * invD + epsilon).squareRoot()
                stats[2 * r] = mean
                stats[2 * r + 1] = rstd
                if relu {
                    for j in 0..<d { y[j] = Swift.max(0, (x[j] - mean) * rstd * pgm[j] + pb[j]) }
                } else {
                    for j in 0..<d { y[j] = (x[j] - mean) * rstd * pgm[j] + pb[j] }
                }
            }
        }
        let input = self
        let (nx, ng, nb) = (requiresGrad, gamma.requiresGrad, beta.requiresGrad)
        return out.recording([self, gamma, beta]) { g0 in
            // Through the fused ReLU: pass the gradient only where the output is positive.
            let g = relu ? Tensor.zipMap(g0, out) { d, y in y > 0 ? d : 0 } : g0
            let pg = g.storage.base, px = input.storage.base
            // The column sums through pointers (not array subscripts in the loop), so the
            // compiler keeps them in vector registers; each column still adds rows in order.
            let dGammaBase = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(d, 1))
            let dBetaBase = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(d, 1))
            defer { dGammaBase.deallocate(); dBetaBase.deallocate() }
            dGammaBase.initialize(repeating: 0, count: d)
            dBetaBase.initialize(repeating: 0, count: d)
            let dx: Tensor? = nx ? Tensor(shape: input.shape) { o in
                let po = o.baseAddress!, dGamma = dGammaBase, dBeta = dBetaBase
                for r in 0..<rows {
                    let mean = stats[2 * r], rstd = stats[2 * r + 1]
                    let x = px + r * d, gy = pg + r * d, dxr = po + r * d
                    var sumG: Float = 0, sumGX: Float = 0
                    for j in 0..<d {
                        let xh = (x[j] - mean) * rstd
                        let gh = gy[j] * pgm[j]
                        sumG += gh
                        sumGX += gh * xh
                        dGamma[j] += gy[j] * xh
                        dBeta[j] += gy[j]
                    }
                    let mG = sumG * invD, mGX = sumGX * invD
                    for j in 0..<d {
                        let xh = (x[j] - mean) * rstd
                        dxr[j] = rstd * (gy[j] * pgm[j] - mG - xh * mGX)
                    }
                }
            } : nil
            if !nx {
                let dGamma = dGammaBase, dBeta = dBetaBase
                for r in 0..<rows {
                    let mean = stats[2 * r], rstd = stats[2 * r + 1]
                    for j in 0..<d {
                        dGamma[j] += pg[r * d + j] * (px[r * d + j] - mean) * rstd
                        dBeta[j] += pg[r * d + j]
                    }
                }
            }
            let dGamma = Array(UnsafeBufferPointer(start: dGammaBase, count: d))
            let dBeta = Array(UnsafeBufferPointer(start: dBetaBase, count: d))
            return [dx, ng ? Tensor(dGamma) : nil, nb ? Tensor(dBeta) : nil]
        }
    }
}
