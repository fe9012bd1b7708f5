/// Attention-weighted aggregation over neighbours, fused.
extension Tensor {
    /// `out[b, h, :] = Σ_k weights[b, k, h] · values[b, k, h, :]` for values `[B, K, H, D]` and
    /// weights `[B, K, H]` (e.g. softmax over a node's K incoming edges, per head).
    ///
    /// Equivalent to `(values * weights.unsqueezed(3)).sum(alongAxis: 1)` without the `[B, K, H, D]`
    /// temporary or the broadcast; the backward pass gives `dvalues = weights ⊗ g` and
    /// `dweights[b, k, h] = ⟨g[b, h, :], values[b, k, h, :]⟩`.
    public static func weightedSum(values v: Tensor, weights w: Tensor) -> Tensor {
        precondition(v.rank == 4 && w.shape == Array(v.shape.prefix(3)), "weightedSum: values [B,K,H,D] and weights [B,K,H], got \(v.shape), \(w.shape)")
        let (b, k, h, d) = (v.shape[0], v.shape[1], v.shape[2], v.shape[3])
        let pv = v.storage.base, pw = w.storage.base
        let out = Tensor(shape: [b, h, d]) { o in
            let po = o.baseAddress!
            po.update(repeating: 0, count: o.count)
            for i in 0..<b {
                for j in 0..<k {
                    for head in 0..<h {
                        let weight = pw[(i * k + j) * h + head]
                        let src = pv + ((i * k + j) * h + head) * d, dst = po + (i * h + head) * d
                        for c in 0..<d { dst[c] += weight * src[c] }
                    }
                }
            }
        }
        let (nv, nw) = (v.requiresGrad, w.requiresGrad)
        return out.recording([v, w]) { g in
            let pg = g.storage.base
            let dv: Tensor? = nv ? Tensor(shape: v.shape) { o in
                let po = o.baseAddress!
                for i in 0..<b {
                    for j in 0..<k {
                        for head in 0..<h {
                            let weight = pw[(i * k + j) * h + head]
                            let src = pg + (i * h + head) * d, dst = po + ((i * k + j) * h + head) * d
                            for c in 0..<d { dst[c] = weight * src[c] }
                        }
                    }
                }
            } : nil
            let dw: Tensor? = nw ? Tensor(shape: w.shape) { o in
                for i in 0..<b {
                    for j in 0..<k {
                        for head in 0..<h {
                            let x = pv + ((i * k + j) * h + head) * d, y = pg + (i * h + head) * d
                            o[(i * k + j) * h + head] = VectorMath.dot(x, y, d)
                        }
                    }
                }
            } : nil
            return [dv, dw]
        }
    }
}
