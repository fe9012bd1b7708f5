/// Gather, scatter-add, one-hot, masking and selection: the pieces of graph message passing.
extension Tensor {
    /// Picks slices along `axis` by index: `out[…, i, …] = self[…, indices[i], …]` (index_select).
    ///
    /// For message passing, `h.gather(src, alongAxis: 0)` turns node rows into edge rows. The
    /// gradient is the matching ``scatterAdd(_:count:alongAxis:)``.
    public func gather(_ indices: [Int], alongAxis axis: Int = 0) -> Tensor {
        let ax = axisIndex(axis)
        let (outer, n, inner) = split3(ax)
        var outShape = shape
        outShape[ax] = indices.count
        let src = storage.base
        let out = Tensor(shape: outShape) { o in
            let po = o.baseAddress!
            for a in 0..<outer {
                for (i, idx) in indices.enumerated() {
                    precondition(idx >= 0 && idx < n, "gather index \(idx) out of range 0..<\(n)")
                    (po + (a * indices.count + i) * inner).update(from: src + (a * n + idx) * inner, count: inner)
                }
            }
        }
        return out.recording([self]) { g in [g.scatterAdd(indices, count: n, alongAxis: ax)] }
    }

    /// Sums slices into `count` buckets along `axis`: `out[…, indices[i], …] += self[…, i, …]`.
    ///
    /// For message passing, `messages.scatterAdd(dst, count: nodes)` aggregates edge rows into
    /// node rows. The gradient is the matching ``gather(_:alongAxis:)``.
    public func scatterAdd(_ indices: [Int], count: Int, alongAxis axis: Int = 0) -> Tensor {
        let ax = axisIndex(axis)
        let (outer, n, inner) = split3(ax)
        precondition(indices.count == n, "scatterAdd needs one index per slice: \(indices.count) vs \(n)")
        var outShape = shape
        outShape[ax] = count
        let src = storage.base
        let out = Tensor(shape: outShape) { o in
            let po = o.baseAddress!
            po.update(repeating: 0, count: o.count)
            for a in 0..<outer {
                for (i, idx) in indices.enumerated() {
                    precondition(idx >= 0 && idx < count, "scatterAdd index \(idx) out of range 0..<\(count)")
                    let d = po + (a * count + idx) * inner, s = src + (a * n + i) * inner
                    for j in 0..<inner { d[j] += s[j] }
                }
            }
        }
        return out.recording([self]) { g in [g.gather(indices, alongAxis: ax)] }
    }

    /// `base + Σ sources[i].tensor.gather(sources[i].indices)` in one pass over the output.
    ///
    /// The edge update of graph layers, `ê = A·e + (B·h)[src] + (C·h)[dst]`, without the gathered
    /// temporaries. Gathers are along axis 0; each gathered row must match `base`'s row shape.
    public static func gatherAdd(_ base: Tensor, _ sources: [(tensor: Tensor, indices: [Int])]) -> Tensor {
        let rows = base.shape.first ?? 0
        let inner = base.count / Swift.max(rows, 1)
        for s in sources {
            precondition(s.indices.count == rows && s.tensor.count / Swift.max(s.tensor.shape[0], 1) == inner && Array(s.tensor.shape.dropFirst()) == Array(base.shape.dropFirst()),
                         "gatherAdd: source \(s.tensor.shape) with \(s.indices.count) indices does not fit base \(base.shape)")
        }
        let pb = base.storage.base
        let out = Tensor(shape: base.shape) { o in
            let po = o.baseAddress!
            for r in 0..<rows {
                let dst = po + r * inner, b = pb + r * inner
                switch sources.count {
                case 2:
                    let (t0, t1) = (sources[0], sources[1])
                    let x = t0.tensor.storage.base + t0.indices[r] * inner, y = t1.tensor.storage.base + t1.indices[r] * inner
                    for j in 0..<inner { dst[j] = b[j] + x[j] + y[j] }
                default:
                    dst.update(from: b, count: inner)
                    for s in sources {
                        let x = s.tensor.storage.base + s.indices[r] * inner
                        for j in 0..<inner { dst[j] += x[j] }
                    }
                }
            }
        }
        let counts = sources.map { $0.tensor.shape[0] }
        return out.recording([base] + sources.map(\.tensor)) { g in
            [g] + zip(sources, counts).map { s, n in g.scatterAdd(s.indices, count: n, alongAxis: 0) }
        }
    }

    /// Rows of the identity: `[indices.count, classes]` with a 1 at each index (no gradient).
    public static func oneHot(_ indices: [Int], classes: Int) -> Tensor {
        Tensor(shape: [indices.count, classes]) { o in
            o.update(repeating: 0)
            for (i, c) in indices.enumerated() {
                precondition(c >= 0 && c < classes, "one-hot class \(c) out of range 0..<\(classes)")
                o[i * classes + c] = 1
            }
        }
    }

    /// Replaces entries where `mask` is non-zero by `value`; the gradient flows only elsewhere.
    public func maskedFill(_ mask: Tensor, with value: Float) -> Tensor {
        let m = mask.shape == shape ? mask : Tensor.withoutGrad { mask.broadcast(to: shape) }
        let out = Tensor.zipMap(self, m) { x, k in k != 0 ? value : x }
        return out.recording([self]) { g in [Tensor.zipMap(g, m) { d, k in k != 0 ? 0 : d }] }
    }

    /// Element-wise choice: `condition ≠ 0 ? a : b`, with broadcasting of all three.
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        guard let s1 = broadcastShape(condition.shape, a.shape), let shape = broadcastShape(s1, b.shape) else {
            preconditionFailure("select shapes \(condition.shape), \(a.shape), \(b.shape) do not broadcast")
        }
        let c = Tensor.withoutGrad { condition.broadcast(to: shape) }
        let (ea, eb) = Tensor.withoutGrad { (a.broadcast(to: shape), b.broadcast(to: shape)) }
        let out = zipMap(zipMap(c, ea) { k, x in k != 0 ? x : 0 }, zipMap(c, eb) { k, y in k != 0 ? 0 : y }, +)
        let (sa, sb) = (a.shape, b.shape)
        return out.recording([a, b]) { g in
            [zipMap(g, c) { d, k in k != 0 ? d : 0 }.sumToShape(sa), zipMap(g, c) { d, k in k != 0 ? 0 : d }.sumToShape(sb)]
        }
    }
}
