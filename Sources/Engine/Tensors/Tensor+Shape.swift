/// Reshape, transpose/permute, concatenation, splitting and stacking.
extension Tensor {
    /// The same values under a new shape (one extent may be -1, inferred). Shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let hole = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != hole }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            target[hole] = count / known
        }
        precondition(target.reduce(1, *) == count, "cannot reshape \(shape) (\(count) values) to \(newShape)")
        if target == shape { return self }
        let inShape = shape
        return Tensor(shape: target, storage: storage).recording([self]) { g in [g.reshaped(inShape)] }
    }

    /// Swaps the last two axes (materialised; matmul takes transposes without copying instead).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transpose needs rank ≥ 2")
        var perm = Array(0..<rank)
        perm.swapAt(rank - 1, rank - 2)
        return permuted(perm)
    }

    /// Reorders axes: output axis `i` is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "\(order) is not a permutation of \(rank) axes")
        if order == Array(0..<rank) { return self }
        let outShape = order.map { shape[$0] }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let gathered = order.map { inStrides[$0] }
        let src = storage.base
        let out = Tensor(shape: outShape) { o in
            let po = o.baseAddress!
            Tensor.forEachRow(outShape, gathered, gathered) { off, ia, _, n, st, _ in
                for j in 0..<n { po[off + j] = src[ia + j * st] }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in order.enumerated() { inverse[a] = i }
        return out.recording([self]) { g in [g.permuted(inverse)] }
    }

    /// Joins tensors along an existing axis; all other extents must match.
    public static func concat(_ parts: [Tensor], alongAxis axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concat needs at least one tensor")
        let ax = parts[0].axisIndex(axis)
        var outShape = parts[0].shape
        for p in parts.dropFirst() {
            precondition(p.rank == outShape.count, "concat rank mismatch: \(p.shape) vs \(outShape)")
            for d in 0..<p.rank where d != ax {
                precondition(p.shape[d] == outShape[d], "concat shape mismatch: \(p.shape) vs \(parts[0].shape)")
            }
        }
        outShape[ax] = parts.map { $0.shape[ax] }.reduce(0, +)
        let outer = outShape[..<ax].reduce(1, *)
        let inner = outShape[(ax + 1)...].reduce(1, *)
        let rowOut = outShape[ax] * inner
        let out = Tensor(shape: outShape) { o in
            var colOffset = 0
            for p in parts {
                let w = p.shape[ax] * inner
                let src = p.storage.base
                for a in 0..<outer {
                    (o.baseAddress! + a * rowOut + colOffset).update(from: src + a * w, count: w)
                }
                colOffset += w
            }
        }
        let sizes = parts.map { $0.shape[ax] }
        return out.recording(parts) { g in g.split(sizes: sizes, alongAxis: ax) }
    }

    /// Cuts along an axis into pieces of the given extents (which must add up to the axis).
    public func split(sizes: [Int], alongAxis axis: Int) -> [Tensor] {
        let ax = axisIndex(axis)
        precondition(sizes.reduce(0, +) == shape[ax], "split sizes \(sizes) do not add up to \(shape[ax])")
        let outer = shape[..<ax].reduce(1, *)
        let inner = shape[(ax + 1)...].reduce(1, *)
        let rowIn = shape[ax] * inner
        var pieces: [Tensor] = []
        var start = 0
        let src = storage.base
        for size in sizes {
            var s = shape
            s[ax] = size
            let w = size * inner, off = start
            let piece = Tensor(shape: s) { o in
                for a in 0..<outer { (o.baseAddress! + a * w).update(from: src + a * rowIn + off, count: w) }
            }
            let fullShape = shape
            // The pullback is `g` between zeros, the values of concatenating zero tensors around
            // it, written into one zero-filled tensor without building the zero pieces.
            pieces.append(piece.recording([self]) { g in
                let pg = g.storage.base
                return [Tensor(shape: fullShape) { o in
                    let po = o.baseAddress!
                    for a in 0..<outer {
                        let row = po + a * rowIn
                        row.update(repeating: 0, count: off)
                        (row + off).update(from: pg + a * w, count: w)
                        (row + off + w).update(repeating: 0, count: rowIn - off - w)
                    }
                }]
            })
            start += w
        }
        return pieces
    }

    /// Cuts along an axis into `count` equal pieces.
    public func chunked(_ count: Int, alongAxis axis: Int) -> [Tensor] {
        let n = shape[axisIndex(axis)]
        precondition(n % count == 0, "axis of \(n) does not split into \(count) equal parts")
        return split(sizes: Array(repeating: n / count, count: count), alongAxis: axis)
    }

    /// Stacks equally shaped tensors along a new axis.
    public static func stack(_ parts: [Tensor], alongAxis axis: Int = 0) -> Tensor {
        precondition(!parts.isEmpty, "stack needs at least one tensor")
        let base = parts[0].shape
        let ax = axis < 0 ? axis + base.count + 1 : axis
        var expanded = base
        expanded.insert(1, at: ax)
        return concat(parts.map {
            precondition($0.shape == base, "stack needs equal shapes: \($0.shape) vs \(base)")
            return $0.reshaped(expanded)
        }, alongAxis: ax)
    }

    /// Inserts an axis of extent 1.
    public func unsqueezed(_ axis: Int) -> Tensor {
        var s = shape
        s.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return reshaped(s)
    }

    /// Removes an axis of extent 1.
    public func squeezed(_ axis: Int) -> Tensor {
        let ax = axisIndex(axis)
        precondition(shape[ax] == 1, "cannot squeeze axis \(axis) of extent \(shape[ax])")
        var s = shape
        s.remove(at: ax)
        return reshaped(s)
    }
}
