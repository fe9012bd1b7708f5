#if canImport(Glibc)
import Glibc
#endif

/// Mish, the smooth self-gated activation of the diffusion planners' MLPs.
extension Tensor {
    /// `x·tanh(softplus(x))` element-wise (Misra 2019; PyTorch's `nn.Mish`).
    ///
    /// softplus is `log(1 + eˣ)`, taken as `x` above 20 (where the two agree in Float32) so
    /// large inputs never overflow. The pullback is `g·(tanh(sp) + x·(1 − tanh²(sp))·σ(x))`.
    public func mish() -> Tensor {
        unaryFromInput({ x in x * tanhf(Tensor.softplus(x)) }) { g, x in
            let t = tanhf(Tensor.softplus(x))
            return g * (t + x * (1 - t * t) * Tensor.sigmoid(x))
        }
    }

    /// `log(1 + eˣ)` without overflow.
    @inline(__always)
    static func softplus(_ x: Float) -> Float { x > 20 ? x : log1pf(expf(x)) }
}
