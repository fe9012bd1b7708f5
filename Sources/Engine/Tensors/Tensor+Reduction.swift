/// Reductions along axes: sum, mean, max.
extension Tensor {
    /// Normalises a possibly negative axis.
    func axisIndex(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return a
    }

    /// The `[outer, n, inner]` view of this tensor around `axis`.
    func split3(_ axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    func shape(removing axis: Int, keepingDims: Bool) -> [Int] {
        var s = shape
        if keepingDims { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// Sum of all elements (a scalar).
    public func sum() -> Tensor {
        let p = storage.base
        var acc: Float = 0
        for i in 0..<count { acc += p[i] }
        let inShape = shape
        return Tensor(acc).recording([self]) { g in [g.broadcast(to: inShape)] }
    }

    /// Mean of all elements (a scalar).
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Sum along one axis.
    public func sum(alongAxis axis: Int, keepingDims: Bool = false) -> Tensor {
        let ax = axisIndex(axis)
        let (outer, n, inner) = split3(ax)
        let src = storage.base
        let out = Tensor(shape: shape(removing: ax, keepingDims: keepingDims)) { o in
            let po = o.baseAddress!
            if inner == 1 {  // contiguous rows: one running sum each
                for a in 0..<outer {
                    let row = src + a * n
                    var acc: Float = 0
                    for k in 0..<n { acc += row[k] }
                    po[a] = acc
                }
                return
            }
            for a in 0..<outer {
                let dst = po + a * inner
                dst.update(repeating: 0, count: inner)
                for k in 0..<n {
                    let row = src + (a * n + k) * inner
                    for j in 0..<inner { dst[j] += row[j] }
                }
            }
        }
        let keptShape = shape(removing: ax, keepingDims: true), inShape = shape
        return out.recording([self]) { g in [g.reshaped(keptShape).broadcast(to: inShape)] }
    }

    /// Sum along several axes.
    public func sum(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let sorted = axes.map(axisIndex).sorted(by: >)
        var t = self
        for a in sorted { t = t.sum(alongAxis: a, keepingDims: keepingDims) }
        return t
    }

    /// Mean along one axis.
    public func mean(alongAxis axis: Int, keepingDims: Bool = false) -> Tensor {
        sum(alongAxis: axis, keepingDims: keepingDims) * (1 / Float(shape[axisIndex(axis)]))
    }

    /// Mean along several axes.
    public func mean(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let n = axes.map { shape[axisIndex($0)] }.reduce(1, *)
        return sum(alongAxes: axes, keepingDims: keepingDims) * (1 / Float(n))
    }

    /// Maximum along one axis; the gradient goes to the first maximal element.
    public func max(alongAxis axis: Int, keepingDims: Bool = false) -> Tensor {
        let ax = axisIndex(axis)
        let (outer, n, inner) = split3(ax)
        precondition(n > 0, "max over an empty axis")
        let src = storage.base
        var argmax = [Int32](repeating: 0, count: outer * inner)
        let out = Tensor(shape: shape(removing: ax, keepingDims: keepingDims)) { o in
            for a in 0..<outer {
                for j in 0..<inner {
                    var best = src[a * n * inner + j], bi: Int32 = 0
                    for k in 1..<n {
                        let v = src[(a * n + k) * inner + j]
                        if v > best { best = v; bi = Int32(k) }
                    }
                    o[a * inner + j] = best
                    argmax[a * inner + j] = bi
                }
            }
        }
        let inShape = shape
        return out.recording([self]) { g in
            let pg = g.storage.base
            return [Tensor(repeating: 0, shape: inShape).mutated { d in
                for a in 0..<outer {
                    for j in 0..<inner {
                        d[(a * n + Int(argmax[a * inner + j])) * inner + j] = pg[a * inner + j]
                    }
                }
            }]
        }
    }

    /// Maximum of all elements (a scalar).
    public func max() -> Tensor { reshaped([count]).max(alongAxis: 0) }

    /// Index of the maximum along the last axis, for every leading position (no gradient).
    public func argmaxLastAxis() -> [Int] {
        let n = shape.last ?? 1
        let rows = count / Swift.max(n, 1)
        let p = storage.base
        return (0..<rows).map { r in
            var best = p[r * n], bi = 0
            for k in 1..<n where p[r * n + k] > best { best = p[r * n + k]; bi = k }
            return bi
        }
    }

    /// A copy whose buffer `body` may modify (helper for kernels; no autodiff history).
    func mutated(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        var copy = self
        copy.withUnsafeMutableBufferPointer(body)
        return copy
    }
}
