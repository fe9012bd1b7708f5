/// Broadcasting: NumPy rules (align trailing axes; an extent of 1 stretches).
extension Tensor {
    /// The shape two operands broadcast to, or nil when they are incompatible.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }

    /// Row-major strides of a shape, with 0 on axes that broadcast into `target`.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let offset = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 && target[i + offset] != 1 ? 0 : running
            running *= shape[i]
        }
        return strides
    }

    /// Calls `body(outOffset, aOffset, bOffset, innerCount, aInnerStride, bInnerStride)` for each
    /// innermost row of a broadcast iteration over `shape`.
    @inline(__always)
    static func forEachRow(
        _ shape: [Int], _ sa: [Int], _ sb: [Int],
        _ body: (Int, Int, Int, Int, Int, Int) -> Void
    ) {
        let rank = shape.count
        guard rank > 0 else { body(0, 0, 0, 1, 0, 0); return }
        let inner = shape[rank - 1]
        let rows = shape.dropLast().reduce(1, *)
        guard inner > 0 && rows > 0 else { return }
        var index = [Int](repeating: 0, count: rank)
        var oa = 0, ob = 0
        for r in 0..<rows {
            body(r * inner, oa, ob, inner, sa[rank - 1], sb[rank - 1])
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                oa += sa[axis]
                ob += sb[axis]
                if index[axis] < shape[axis] { break }
                oa -= sa[axis] * shape[axis]
                ob -= sb[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// Sums a gradient of a broadcast result back down to an operand's `shape`.
    public func sumToShape(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        var t = self
        let offset = rank - target.count
        precondition(offset >= 0, "cannot sum shape \(shape) down to \(target)")
        for axis in 0..<rank where axis < offset || (target[axis - offset] == 1 && shape[axis] != 1) {
            t = t.sum(alongAxis: axis, keepingDims: true)
        }
        return t.reshaped(target)
    }

    /// This tensor repeated along size-1 (or missing leading) axes to `target`.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(Tensor.broadcastShape(shape, target) == target, "cannot broadcast \(shape) to \(target)")
        let sa = Tensor.broadcastStrides(shape, to: target)
        let src = storage.base
        let out = Tensor(shape: target) { o in
            Tensor.forEachRow(target, sa, sa) { off, ia, _, n, sta, _ in
                let dst = o.baseAddress! + off
                if sta == 0 {
                    dst.update(repeating: src[ia], count: n)
                } else {
                    dst.update(from: src + ia, count: n)
                }
            }
        }
        let inShape = shape
        return out.recording([self]) { g in [g.sumToShape(inShape)] }
    }
}
