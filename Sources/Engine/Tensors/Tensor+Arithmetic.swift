/// Element-wise arithmetic with broadcasting, and the scalar forms.
extension Tensor {
    /// Applies `f` element-wise to two broadcast operands (no autodiff history).
    @inline(__always)
    static func zipMap(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let pa = a.storage.base, pb = b.storage.base
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { o in
                for i in 0..<o.count { o[i] = f(pa[i], pb[i]) }
            }
        }
        guard let shape = broadcastShape(a.shape, b.shape) else {
            preconditionFailure("shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        if b.count == 1 && shape == a.shape {
            let s = pb[0]
            return Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = f(pa[i], s) } }
        }
        if a.count == 1 && shape == b.shape {
            let s = pa[0]
            return Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = f(s, pb[i]) } }
        }
        let sa = broadcastStrides(a.shape, to: shape), sb = broadcastStrides(b.shape, to: shape)
        return Tensor(shape: shape) { o in
            let po = o.baseAddress!
            forEachRow(shape, sa, sb) { off, ia, ib, n, sta, stb in
                let x = pa + ia, y = pb + ib, z = po + off
                switch (sta, stb) {
                case (1, 1): for j in 0..<n { z[j] = f(x[j], y[j]) }
                case (1, 0): let s = y[0]; for j in 0..<n { z[j] = f(x[j], s) }
                case (0, 1): let s = x[0]; for j in 0..<n { z[j] = f(s, y[j]) }
                default: for j in 0..<n { z[j] = f(x[j * sta], y[j * stb]) }
                }
            }
        }
    }

    /// Applies `f` to every element (no autodiff history).
    @inline(__always)
    func map(_ f: (Float) -> Float) -> Tensor {
        let p = storage.base
        return Tensor(shape: shape) { o in for i in 0..<o.count { o[i] = f(p[i]) } }
    }

    /// `self + other`, reusing this tensor's buffer when it is not shared (gradient accumulation).
    mutating func addInPlaceOrCopy(_ other: Tensor) {
        if shape == other.shape && isKnownUniquelyReferenced(&storage) {
            let p = storage.base, q = other.storage.base
            for i in 0..<count { p[i] += q[i] }
        } else {
            self = Tensor.zipMap(self, other, +)
        }
    }

    /// Element-wise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        return zipMap(a, b, +).recording([a, b]) { g in [g.sumToShape(sa), g.sumToShape(sb)] }
    }

    /// Element-wise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        return zipMap(a, b, -).recording([a, b]) { g in [g.sumToShape(sa), (-g).sumToShape(sb)] }
    }

    /// Element-wise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        let (na, nb) = (a.requiresGrad, b.requiresGrad)
        return zipMap(a, b, *).recording([a, b]) { g in
            [na ? zipMap(g, b, *).sumToShape(sa) : nil, nb ? zipMap(g, a, *).sumToShape(sb) : nil]
        }
    }

    /// Element-wise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (sa, sb) = (a.shape, b.shape)
        let (na, nb) = (a.requiresGrad, b.requiresGrad)
        let out = zipMap(a, b, /)
        return out.recording([a, b]) { g in
            [
                na ? zipMap(g, b, /).sumToShape(sa) : nil,
                nb ? zipMap(zipMap(g, out, *), b, { -$0 / $1 }).sumToShape(sb) : nil,
            ]
        }
    }

    /// Element-wise negation.
    public static prefix func - (a: Tensor) -> Tensor {
        a.map { -$0 }.recording([a]) { g in [g.map { -$0 }] }
    }

    /// Adds a constant to every element.
    public static func + (a: Tensor, s: Float) -> Tensor { a.map { $0 + s }.recording([a]) { g in [g] } }
    /// Adds a constant to every element.
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    /// Subtracts a constant from every element.
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }
    /// Subtracts every element from a constant.
    public static func - (s: Float, a: Tensor) -> Tensor { a.map { s - $0 }.recording([a]) { g in [g.map { -$0 }] } }
    /// Multiplies every element by a constant.
    public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s }.recording([a]) { g in [g.map { $0 * s }] } }
    /// Multiplies every element by a constant.
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    /// Divides every element by a constant.
    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    /// Divides a constant by every element.
    public static func / (s: Float, a: Tensor) -> Tensor {
        let out = a.map { s / $0 }
        return out.recording([a]) { g in [zipMap(zipMap(g, out, *), a, { -$0 / $1 })] }
    }
}
