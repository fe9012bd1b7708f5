/// Mish, the smooth self-gated activation of the diffusion planners' MLPs, in 8-lane SIMD.
extension Tensor {
    /// `x·tanh(softplus(x))` element-wise (Misra 2019; PyTorch's `nn.Mish`).
    ///
    /// With `n = eˣ` and `ω = n(n + 2)`, `tanh(log(1 + n)) = ω/(ω + 2)`, so one vectorised exp
    /// per element gives the value; above x = 20, where `tanh(softplus(x))` is 1 in Float32, the
    /// result is `x` (which also keeps `ω` finite). The pullback is
    /// `g·(t + x·(1 − t²)·σ(x))` with `t = ω/(ω + 2)`, `1 − t² = 4(ω + 1)/(ω + 2)²` and
    /// `σ(x) = n/(1 + n)`, recomputed from the input. Every element goes through the same SIMD
    /// lanes (tails zero-padded), so equal inputs give equal bits wherever they sit.
    public func mish() -> Tensor {
        let src = storage.base
        let out = Tensor(shape: shape) { o in VectorMath.apply(src, o.baseAddress!, o.count, Tensor.mishLanes) }
        let input = self
        return out.recording([self]) { g in
            [Tensor(shape: input.shape) { o in
                Tensor.mishDerivative(g.storage.base, input.storage.base, o.baseAddress!, o.count)
            }]
        }
    }

    @inline(__always)
    static func mishLanes(_ x: VectorMath.V) -> VectorMath.V {
        let n = VectorMath.exp(x.replacing(with: 0, where: x .> 20))
        let omega = n * (n + 2)
        return (x * omega / (omega + 2)).replacing(with: x, where: x .> 20)
    }

    /// `dst = g · mish′(x)` over `count` elements.
    static func mishDerivative(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
        typealias V = VectorMath.V
        @inline(__always) func lanes(_ gv: V, _ xv: V) -> V {
            let big = xv .> 20
            let n = VectorMath.exp(xv.replacing(with: 0, where: big))
            let omega = n * (n + 2), denominator = omega + 2
            let t = omega / denominator
            let squared: V = denominator * denominator
            let secant: V = 4 * (omega + 1) / squared
            let logistic: V = n / (1 + n)
            let slope: V = t + xv * secant * logistic
            return gv * slope.replacing(with: 1, where: big)
        }
        var i = 0
        while i + 8 <= count {
            let r = lanes(UnsafeRawPointer(g + i).loadUnaligned(as: V.self), UnsafeRawPointer(x + i).loadUnaligned(as: V.self))
            UnsafeMutableRawPointer(dst + i).storeBytes(of: r, as: V.self)
            i += 8
        }
        if i < count {
            var gv = V(repeating: 0), xv = V(repeating: 0)
            for j in 0..<(count - i) { (gv[j], xv[j]) = (g[i + j], x[i + j]) }
            let r = lanes(gv, xv)
            for j in 0..<(count - i) { dst[i + j] = r[j] }
        }
    }
}
