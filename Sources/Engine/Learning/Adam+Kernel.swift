/// The element update of ``Adam``, eight lanes at a time.
extension Adam {
    /// The constants of one Adam step: decays, bias corrections, learning rate, weight decay.
    struct StepConstants {
        var beta1: Float, beta2: Float, epsilon: Float
        /// `1 − β₁ᵗ` and `1 − β₂ᵗ`.
        var correction1: Float, correction2: Float
        var learningRate: Float, weightDecay: Float
        var decoupled: Bool
    }

    /// Updates `count` weights, first and second moments in place from the gradient.
    ///
    /// Per element, in this order of operations (the scalar formula the tests keep as the
    /// reference; SIMD lanes round exactly like scalars, and no step is fused or reassociated):
    /// `d = g (+ λw unless decoupled)`, `m = β₁m + (1 − β₁)d`, `v = β₂v + (1 − β₂)d·d`,
    /// `u = (m/c₁)/(√(v/c₂) + ε)`, `w −= η(u + (decoupled ? λw : 0))`.
    static func update(weights w: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
                       first m: UnsafeMutablePointer<Float>, second v: UnsafeMutablePointer<Float>,
                       count: Int, _ k: StepConstants) {
        typealias V = SIMD8<Float>
        let (b1, b2, eps, c1, c2, lr, wd) = (k.beta1, k.beta2, k.epsilon, k.correction1, k.correction2, k.learningRate, k.weightDecay)
        let (a1, a2) = (1 - b1, 1 - b2)
        var i = 0
        if k.decoupled {
            while i + 8 <= count {
                let wv = load(w + i), d = load(g + i)
                let mv = b1 * load(m + i) + a1 * d
                let vv = b2 * load(v + i) + a2 * d * d
                let u = (mv / c1) / ((vv / c2).squareRoot() + eps)
                store(wv - lr * (u + wd * wv), w + i)
                store(mv, m + i)
                store(vv, v + i)
                i += 8
            }
        } else {
            let zero = V(repeating: 0)
            while i + 8 <= count {
                let wv = load(w + i), d = load(g + i) + wd * wv
                let mv = b1 * load(m + i) + a1 * d
                let vv = b2 * load(v + i) + a2 * d * d
                let u = (mv / c1) / ((vv / c2).squareRoot() + eps)
                store(wv - lr * (u + zero), w + i)
                store(mv, m + i)
                store(vv, v + i)
                i += 8
            }
        }
        while i < count {
            var d = g[i]
            if !k.decoupled { d += wd * w[i] }
            m[i] = b1 * m[i] + a1 * d
            v[i] = b2 * v[i] + a2 * d * d
            let u = (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
            w[i] -= lr * (u + (k.decoupled ? wd * w[i] : 0))
            i += 1
        }

        @inline(__always) func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func store(_ x: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: V.self) }
    }
}
