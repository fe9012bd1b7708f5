/// The affine map `x·W + b` as one fused operation.
extension Tensor {
    /// `x·W + b` over the last axis of `x` (`[..., in]`), with `W` `[in, out]` and `b` `[out]`.
    ///
    /// The bias rows are written first and the GEMM accumulates onto them (`beta = 1`), so the
    /// bias costs no extra pass; the backward pass gives `dx = g·Wᵀ`, `dW = xᵀ·g` (both through
    /// BLAS with transposes passed, never materialised) and `db` = column sums of `g`.
    public static func affine(_ x: Tensor, weight w: Tensor, bias b: Tensor?) -> Tensor {
        precondition(w.rank == 2 && x.shape.last == w.shape[0], "affine: \(x.shape) · \(w.shape) do not fit")
        let (k, n) = (w.shape[0], w.shape[1])
        if let b { precondition(b.shape == [n], "affine: bias \(b.shape) must be [\(n)]") }
        let rows = x.count / Swift.max(k, 1)
        let outShape = Array(x.shape.dropLast()) + [n]
        let out = Tensor(shape: outShape) { o in
            let po = o.baseAddress!
            if let b {
                let pb = b.storage.base
                for r in 0..<rows { (po + r * n).update(from: pb, count: n) }
            }
            gemm(x.storage.base, transposeA: false, w.storage.base, transposeB: false, po, m: rows, n: n, k: k, beta: b == nil ? 0 : 1)
        }
        let (nx, nw, nb) = (x.requiresGrad, w.requiresGrad, b?.requiresGrad ?? false)
        return out.recording(b.map { [x, w, $0] } ?? [x, w]) { g in
            let pg = g.storage.base
            let dx: Tensor? = nx ? Tensor(shape: x.shape) { o in
                gemm(pg, transposeA: false, w.storage.base, transposeB: true, o.baseAddress!, m: rows, n: k, k: n)
            } : nil
            let dw: Tensor? = nw ? Tensor(shape: w.shape) { o in
                gemm(x.storage.base, transposeA: true, pg, transposeB: false, o.baseAddress!, m: k, n: n, k: rows)
            } : nil
            var grads = [dx, dw]
            if b != nil {
                grads.append(nb ? Tensor(shape: [n]) { o in
                    let po = o.baseAddress!
                    po.update(repeating: 0, count: n)
                    for r in 0..<rows {
                        let row = pg + r * n
                        for j in 0..<n { po[j] += row[j] }
                    }
                } : nil)
            }
            return grads
        }
    }
}
