#if canImport(Glibc)
import Glibc
#endif

/// Softmax and log-softmax along an axis, with an optional mask.
///
/// A mask has 1 where an entry takes part and 0 where it must get exactly zero probability
/// (padded graph slots, absent links). It broadcasts to the input's shape. A row whose entries
/// are all masked gets all-zero probabilities and zero gradient.
extension Tensor {
    /// Probabilities along `axis`: `exp(x - max) / Σ exp(x - max)` over unmasked entries.
    public func softmax(alongAxis axis: Int = -1, mask: Tensor? = nil) -> Tensor {
        let ax = axisIndex(axis)
        let (outer, n, inner) = split3(ax)
        let m = expandedMask(mask)
        let src = storage.base, pm = m?.storage.base
        let out = Tensor(shape: shape) { o in
            let po = o.baseAddress!
            for a in 0..<outer {
                for j in 0..<inner {
                    let base = a * n * inner + j
                    let mx = Tensor.maskedMax(src, pm, base: base, count: n, stride: inner)
                    if mx == -Float.infinity {
                        for k in 0..<n { po[base + k * inner] = 0 }
                        continue
                    }
                    var total: Float = 0
                    for k in 0..<n {
                        let idx = base + k * inner
                        let e: Float = (pm == nil || pm![idx] != 0) ? expf(src[idx] - mx) : 0
                        po[idx] = e
                        total += e
                    }
                    let inv = 1 / total
                    for k in 0..<n { po[base + k * inner] *= inv }
                }
            }
        }
        return out.recording([self]) { g in
            // dx = y ⊙ (g − Σ g⊙y); y = 0 on masked entries makes their gradient exactly 0.
            let py = out.storage.base, pg = g.storage.base
            return [Tensor(shape: out.shape) { o in
                for a in 0..<outer {
                    for j in 0..<inner {
                        let base = a * n * inner + j
                        var dot: Float = 0
                        for k in 0..<n { dot += pg[base + k * inner] * py[base + k * inner] }
                        for k in 0..<n {
                            let idx = base + k * inner
                            o[idx] = py[idx] * (pg[idx] - dot)
                        }
                    }
                }
            }]
        }
    }

    /// Log-probabilities along `axis`; masked entries are `-infinity` and get zero gradient.
    public func logSoftmax(alongAxis axis: Int = -1, mask: Tensor? = nil) -> Tensor {
        let ax = axisIndex(axis)
        let (outer, n, inner) = split3(ax)
        let m = expandedMask(mask)
        let src = storage.base, pm = m?.storage.base
        let out = Tensor(shape: shape) { o in
            let po = o.baseAddress!
            for a in 0..<outer {
                for j in 0..<inner {
                    let base = a * n * inner + j
                    let mx = Tensor.maskedMax(src, pm, base: base, count: n, stride: inner)
                    var total: Float = 0
                    if mx > -Float.infinity {
                        for k in 0..<n where pm == nil || pm![base + k * inner] != 0 { total += expf(src[base + k * inner] - mx) }
                    }
                    let lse = mx + logf(total)
                    for k in 0..<n {
                        let idx = base + k * inner
                        po[idx] = (pm == nil || pm![idx] != 0) && mx > -Float.infinity ? src[idx] - lse : -Float.infinity
                    }
                }
            }
        }
        return out.recording([self]) { g in
            // dx = g − softmax · Σ g over unmasked entries; masked entries get 0.
            let py = out.storage.base, pg = g.storage.base
            return [Tensor(shape: out.shape) { o in
                for a in 0..<outer {
                    for j in 0..<inner {
                        let base = a * n * inner + j
                        var total: Float = 0
                        for k in 0..<n where py[base + k * inner] > -Float.infinity { total += pg[base + k * inner] }
                        for k in 0..<n {
                            let idx = base + k * inner
                            o[idx] = py[idx] > -Float.infinity ? pg[idx] - expf(py[idx]) * total : 0
                        }
                    }
                }
            }]
        }
    }

    /// The largest unmasked entry of a strided row (−∞ when every entry is masked).
    @inline(__always)
    static func maskedMax(_ src: UnsafeMutablePointer<Float>, _ mask: UnsafeMutablePointer<Float>?, base: Int, count n: Int, stride: Int) -> Float {
        var mx = -Float.infinity
        for k in 0..<n where mask == nil || mask![base + k * stride] != 0 { mx = Swift.max(mx, src[base + k * stride]) }
        return mx
    }

    /// `mask` broadcast to this tensor's shape (no autodiff history), or nil.
    func expandedMask(_ mask: Tensor?) -> Tensor? {
        mask.map { mk in mk.shape == shape ? mk : Tensor.withoutGrad { mk.broadcast(to: shape) } }
    }
}
