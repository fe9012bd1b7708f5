#if canImport(Glibc)
import Glibc
#endif

/// Smooth activations of the diffusion actor and the QMIX mixer.
extension Tensor {
    /// Mish, `x·tanh(softplus(x))` (Misra 2019), the activation of Diffusion-QL/GDMOPT denoisers.
    ///
    /// `softplus(x) = max(x, 0) + log(1 + e^{−|x|})` is evaluated without overflow. The derivative
    /// is `tanh(s) + x·(1 − tanh²(s))·σ(x)` with `s = softplus(x)`.
    public func mish() -> Tensor {
        unaryFromInput({ x in x * tanhf(Tensor.softplus(x)) }) { g, x in
            let t = tanhf(Tensor.softplus(x))
            return g * (t + x * (1 - t * t) * Tensor.sigmoid(x))
        }
    }

    /// Exponential linear unit: `x` for `x > 0`, `α·(eˣ − 1)` otherwise (QMIX's mixing activation).
    public func elu(alpha: Float = 1) -> Tensor {
        unaryFromInput({ x in x > 0 ? x : alpha * (expf(x) - 1) }) { g, x in x > 0 ? g : g * alpha * expf(x) }
    }

    @inline(__always)
    static func softplus(_ x: Float) -> Float { Swift.max(x, 0) + log1pf(expf(-Swift.abs(x))) }
}
