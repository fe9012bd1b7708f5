#if canImport(Glibc)
import Glibc
#endif

/// Element-wise functions and their derivatives.
extension Tensor {
    /// Applies `f` element-wise; the pullback is `g ⊙ f'(x)` with `f'` from the input.
    ///
    /// Both closures are literals at each call site and this function is always inlined, so the
    /// compiler specialises (and vectorises) the loops; `derivative` is only called inside the
    /// pullback's own ``zipMap(_:_:_:)``.
    @inline(__always)
    func unaryFromInput(_ f: (Float) -> Float, _ derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let input = self
        return map(f).recording([self]) { g in [Tensor.zipMap(g, input, derivative)] }
    }

    /// Applies a 16-lane function; the pullback is `g ⊙ f'` computed from the output `y`.
    @inline(__always)
    func vectorUnaryFromOutput(_ f: (VectorMath.V) -> VectorMath.V, _ derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let src = storage.base
        let out = Tensor(shape: shape) { o in VectorMath.apply(src, o.baseAddress!, o.count, f) }
        return out.recording([self]) { g in [Tensor.zipMap(g, out, derivative)] }
    }

    /// eˣ.
    public func exp() -> Tensor { vectorUnaryFromOutput(VectorMath.exp) { g, y in g * y } }
    /// Natural logarithm.
    public func log() -> Tensor { unaryFromInput({ logf($0) }) { g, x in g / x } }
    /// Square root.
    public func sqrt() -> Tensor {
        let out = map { $0.squareRoot() }
        return out.recording([self]) { g in [Tensor.zipMap(g, out) { g, y in 0.5 * g / y }] }
    }
    /// Absolute value (derivative 0 at 0).
    public func abs() -> Tensor { unaryFromInput({ Swift.abs($0) }) { g, x in x > 0 ? g : (x < 0 ? -g : 0) } }
    /// xᵖ for a constant exponent.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return unaryFromInput({ $0 * $0 }) { g, x in 2 * x * g } }
        return unaryFromInput({ powf($0, p) }) { g, x in g * p * powf(x, p - 1) }
    }
    /// Squares every element.
    public func squared() -> Tensor { pow(2) }
    /// max(0, x).
    public func relu() -> Tensor { unaryFromInput({ $0 > 0 ? $0 : 0 }) { g, x in x > 0 ? g : 0 } }
    /// x for x > 0, slope·x otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        unaryFromInput({ $0 > 0 ? $0 : slope * $0 }) { g, x in x > 0 ? g : slope * g }
    }
    /// 1 / (1 + e⁻ˣ), without overflow for large |x|.
    public func sigmoid() -> Tensor { vectorUnaryFromOutput(VectorMath.sigmoid) { g, y in g * y * (1 - y) } }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { vectorUnaryFromOutput(VectorMath.tanh) { g, y in g * (1 - y * y) } }
    /// x·σ(x) (also called swish).
    public func silu() -> Tensor {
        unaryFromInput({ $0 * Tensor.sigmoid($0) }) { g, x in
            let s = Tensor.sigmoid(x)
            return g * s * (1 + x * (1 - s))
        }
    }
    /// Gaussian error linear unit, tanh approximation (as in BERT/GPT-2).
    public func gelu() -> Tensor {
        let c: Float = 0.797_884_56  // √(2/π)
        return unaryFromInput({ x in 0.5 * x * (1 + tanhf(c * (x + 0.044715 * x * x * x))) }) { g, x in
            let u = c * (x + 0.044715 * x * x * x)
            let t = tanhf(u)
            return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x))
        }
    }
    /// Clamps into [low, high]; the gradient passes only strictly inside.
    public func clamped(_ low: Float, _ high: Float) -> Tensor {
        unaryFromInput({ Swift.min(Swift.max($0, low), high) }) { g, x in x > low && x < high ? g : 0 }
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}
