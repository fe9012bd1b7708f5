/// Gated messages of graph layers, fused: `σ(gate) ⊙ values[indices]`.
extension Tensor {
    /// `σ(gate)[i] ⊙ values[indices[i]]` for gate `[E, d]`, values `[N, d]` and one index per row.
    ///
    /// One pass, no sigmoid or gathered temporaries. The backward pass recomputes σ and gives
    /// `dgate = g ⊙ values[idx] ⊙ σ(1 − σ)` and `dvalues = scatterAdd(g ⊙ σ, idx)`.
    public static func gatedGather(gate: Tensor, values: Tensor, indices: [Int]) -> Tensor {
        let rows = gate.shape.first ?? 0
        let d = gate.count / Swift.max(rows, 1)
        precondition(gate.rank == 2 && values.rank == 2 && values.shape[1] == d && indices.count == rows,
                     "gatedGather: gate \(gate.shape), values \(values.shape), \(indices.count) indices")
        let n = values.shape[0]
        let pg = gate.storage.base, pv = values.storage.base
        let out = Tensor(shape: gate.shape) { o in
            let po = o.baseAddress!
            for r in 0..<rows {
                let idx = indices[r]
                precondition(idx >= 0 && idx < n, "gatedGather index \(idx) out of range 0..<\(n)")
                VectorMath.apply(pg + r * d, po + r * d, d, VectorMath.sigmoid)
                let v = pv + idx * d, y = po + r * d
                for j in 0..<d { y[j] *= v[j] }
            }
        }
        let (ng, nv) = (gate.requiresGrad, values.requiresGrad)
        return out.recording([gate, values]) { g in
            let pgrad = g.storage.base
            var sig = [Float](repeating: 0, count: d)
            let dGate: Tensor? = ng ? Tensor.zeros(gate.shape) : nil
            let dValues: Tensor? = nv ? Tensor.zeros(values.shape) : nil
            let dg = dGate.map { $0.storage.base }, dv = dValues.map { $0.storage.base }
            sig.withUnsafeMutableBufferPointer { s in
                let ps = s.baseAddress!
                for r in 0..<rows {
                    VectorMath.apply(pg + r * d, ps, d, VectorMath.sigmoid)
                    let v = pv + indices[r] * d, gr = pgrad + r * d
                    if let dg {
                        let out = dg + r * d
                        for j in 0..<d { out[j] = gr[j] * v[j] * ps[j] * (1 - ps[j]) }
                    }
                    if let dv {
                        let acc = dv + indices[r] * d
                        for j in 0..<d { acc[j] += gr[j] * ps[j] }
                    }
                }
            }
            return [dGate, dValues]
        }
    }
}
