#if canImport(Glibc)
import Glibc
#endif

/// Element-wise functions and their derivatives.
extension Tensor {
    /// Applies `f` and records a pullback `g ⊙ df(x, y)` computed from input `x` and output `y`.
    @inline(__always)
    func unary(_ f: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let out = map(f)
        let input = self
        return out.recording([self]) { g in
            let px = input.storage.base, py = out.storage.base, pg = g.storage.base
            return [Tensor(shape: g.shape) { o in
                for i in 0..<o.count { o[i] = pg[i] * derivative(px[i], py[i]) }
            }]
        }
    }

    /// eˣ.
    public func exp() -> Tensor { unary({ expf($0) }, derivative: { _, y in y }) }
    /// Natural logarithm.
    public func log() -> Tensor { unary({ logf($0) }, derivative: { x, _ in 1 / x }) }
    /// Square root.
    public func sqrt() -> Tensor { unary({ $0.squareRoot() }, derivative: { _, y in 0.5 / y }) }
    /// Absolute value (derivative 0 at 0).
    public func abs() -> Tensor { unary({ Swift.abs($0) }, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }) }
    /// xᵖ for a constant exponent.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return unary({ $0 * $0 }, derivative: { x, _ in 2 * x }) }
        return unary({ powf($0, p) }, derivative: { x, _ in p * powf(x, p - 1) })
    }
    /// Squares every element.
    public func squared() -> Tensor { pow(2) }
    /// max(0, x).
    public func relu() -> Tensor { unary({ $0 > 0 ? $0 : 0 }, derivative: { x, _ in x > 0 ? 1 : 0 }) }
    /// x for x > 0, slope·x otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        unary({ $0 > 0 ? $0 : slope * $0 }, derivative: { x, _ in x > 0 ? 1 : slope })
    }
    /// 1 / (1 + e⁻ˣ), computed without overflow for large |x|.
    public func sigmoid() -> Tensor { unary(Tensor.sigmoid, derivative: { _, y in y * (1 - y) }) }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { unary({ tanhf($0) }, derivative: { _, y in 1 - y * y }) }
    /// x·σ(x) (also called swish).
    public func silu() -> Tensor {
        unary({ $0 * Tensor.sigmoid($0) }, derivative: { x, _ in
            let s = Tensor.sigmoid(x)
            return s * (1 + x * (1 - s))
        })
    }
    /// Gaussian error linear unit, tanh approximation (as in BERT/GPT-2).
    public func gelu() -> Tensor {
        let c: Float = 0.797_884_56  // √(2/π)
        return unary({ x in 0.5 * x * (1 + tanhf(c * (x + 0.044715 * x * x * x))) }, derivative: { x, _ in
            let u = c * (x + 0.044715 * x * x * x)
            let t = tanhf(u)
            return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x)
        })
    }
    /// Clamps into [low, high]; the gradient passes only strictly inside.
    public func clamped(_ low: Float, _ high: Float) -> Tensor {
        unary({ Swift.min(Swift.max($0, low), high) }, derivative: { x, _ in x > low && x < high ? 1 : 0 })
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}
