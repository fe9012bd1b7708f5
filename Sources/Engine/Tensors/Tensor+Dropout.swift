import LabCore

/// Inverted dropout as one fused kernel.
extension Tensor {
    /// `x·m` with `m = 1/(1 − rate)` where a uniform draw is below `1 − rate`, else 0.
    ///
    /// One ``RandomSource/nextFloat()`` per element in order, so the mask and the result are bit
    /// for bit those of `x * (Tensor.bernoulli(x.shape, probability: 1 - rate) * (1 / (1 - rate)))`;
    /// the draw, the mask and the product are one pass, without the intermediate tensors. The
    /// pullback is `g·m`.
    public func droppingOut(rate: Float, using rng: inout RandomSource) -> Tensor {
        let keep = 1 - rate, scale = 1 / (1 - rate)
        let maskStorage = TensorStorage(uninitializedCount: count)
        let pm = maskStorage.base, px = storage.base
        var r = rng
        let out = Tensor(shape: shape) { o in
            let q = o.baseAddress!
            var local = r  // a local the loop keeps in registers, not the captured variable
            for i in 0..<o.count {
                let m: Float = local.nextFloat() < keep ? scale : 0
                pm[i] = m
                q[i] = px[i] * m
            }
            r = local
        }
        rng = r
        let mask = Tensor(shape: shape, storage: maskStorage)
        return out.recording([self]) { g in
            let pg = g.storage.base, pm = mask.storage.base
            return [Tensor(shape: mask.shape) { o in
                let q = o.baseAddress!
                for i in 0..<o.count { q[i] = pg[i] * pm[i] }
            }]
        }
    }
}
