#if canImport(Glibc)
import Glibc
#endif

/// Smooth activations: Mish (the diffusion actor's and the planner's MLPs) and ELU (the QMIX mixer).
extension Tensor {
    /// Mish, `x·tanh(softplus(x))` (Misra 2019), the activation of Diffusion-QL/GDMOPT denoisers.
    ///
    /// Evaluated with one exponential per element: with `e = eˣ` and `n = e·(e + 2)`,
    /// `tanh(log(1 + e)) = n/(n + 2)`, so `mish(x) = x·n/(n + 2)` and
    /// `mish'(x) = n/(n + 2) + x·4e(e + 1)/(n + 2)²`; above x = 20 both are x and 1 to float
    /// precision (and `n` would overflow beyond 44). Vectorised 8 lanes at a time with
    /// ``VectorMath``'s exp; results do not depend on an element's position.
    public func mish() -> Tensor {
        let src = storage.base
        let out = Tensor(shape: shape) { o in VectorMath.apply(src, o.baseAddress!, o.count, VectorMath.mish) }
        let input = self
        return out.recording([self]) { g in
            let pg = g.storage.base, px = input.storage.base
            return [Tensor(shape: input.shape) { o in VectorMath.apply2(pg, px, o.baseAddress!, o.count, VectorMath.mishPullback) }]
        }
    }

    /// Exponential linear unit: `x` for `x > 0`, `α·(eˣ − 1)` otherwise (QMIX's mixing activation).
    public func elu(alpha: Float = 1) -> Tensor {
        unaryFromInput({ x in x > 0 ? x : alpha * (expf(x) - 1) }) { g, x in x > 0 ? g : g * alpha * expf(x) }
    }

}

extension VectorMath {
    /// `x·n/(n + 2)` with `n = eˣ(eˣ + 2)`; `x` above 20.
    @inline(__always)
    static func mish(_ x: V) -> V {
        let cap = V(repeating: 20)
        let e = exp(x.replacing(with: cap, where: x .> cap))
        let n = e * (e + 2)
        return (x * n / (n + 2)).replacing(with: x, where: x .> cap)
    }

    /// `g·mish'(x)`: `g·(n/(n + 2) + x·4e(e + 1)/(n + 2)²)`; `g` above x = 20.
    @inline(__always)
    static func mishPullback(_ g: V, _ x: V) -> V {
        let cap = V(repeating: 20)
        let e = exp(x.replacing(with: cap, where: x .> cap))
        let n = e * (e + 2), d = n + 2
        let slope = n / d + x * 4 * e * (e + 1) / (d * d)
        return (g * slope).replacing(with: g, where: x .> cap)
    }

    /// `dst[i] = f(a[i], b[i])`, 8 lanes at a time (the tail zero-padded through the same lanes).
    @inline(__always)
    static func apply2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int, _ f: (V, V) -> V) {
        var i = 0
        while i + 8 <= n {
            let va = UnsafeRawPointer(a + i).loadUnaligned(as: V.self), vb = UnsafeRawPointer(b + i).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: f(va, vb), as: V.self)
            i += 8
        }
        if i < n {
            var va = V(repeating: 0), vb = V(repeating: 0)
            for j in 0..<(n - i) { (va[j], vb[j]) = (a[i + j], b[i + j]) }
            let r = f(va, vb)
            for j in 0..<(n - i) { dst[i + j] = r[j] }
        }
    }
}
