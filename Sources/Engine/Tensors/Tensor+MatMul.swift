import CBLAS

/// Matrix products through OpenBLAS `cblas_sgemm`; transposes are passed to BLAS, never copied.
extension Tensor {
    /// `C[m,n] = op(A)[m,k] · op(B)[k,n]` into `c` (accumulating when `beta` is 1).
    static func gemm(
        _ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>, transposeB: Bool,
        _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, beta: Float = 0
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if beta == 0 { c.update(repeating: 0, count: m * n) }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n),
            beta, c, Int32(n))
    }

    /// Matrix product of the last two axes, batched over leading axes.
    ///
    /// Shapes: `[..., m, k] · [k, n] → [..., m, n]` (the right operand shared by every batch,
    /// done as one large GEMM), or `[b..., m, k] · [b..., k, n] → [b..., m, n]` with equal batch
    /// axes. `transposeA`/`transposeB` use the operand's last two axes transposed.
    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(rank >= 2 && other.rank >= 2, "matmul needs rank ≥ 2 operands, got \(shape) and \(other.shape)")
        let (ar, ac) = (shape[rank - 2], shape[rank - 1])
        let (br, bc) = (other.shape[other.rank - 2], other.shape[other.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (k2, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == k2, "matmul inner extents differ: \(shape)\(transposeA ? "ᵀ" : "") · \(other.shape)\(transposeB ? "ᵀ" : "")")
        let a = self, b = other
        let (na, nb) = (a.requiresGrad, b.requiresGrad)

        if other.rank == 2 && !transposeA {
            // Fold every leading axis into M: one GEMM.
            let rows = count / k
            var outShape = Array(shape.dropLast())
            outShape.append(n)
            let out = Tensor(shape: outShape) { o in
                Tensor.gemm(a.storage.base, transposeA: false, b.storage.base, transposeB: transposeB,
                            o.baseAddress!, m: rows, n: n, k: k)
            }
            return out.recording([a, b]) { g in
                // dA = g · op(B)ᵀ ; dB = (Aᵀ · g) or its transpose.
                let dA: Tensor? = na ? Tensor(shape: a.shape) { o in
                    Tensor.gemm(g.storage.base, transposeA: false, b.storage.base, transposeB: !transposeB,
                                o.baseAddress!, m: rows, n: k, k: n)
                } : nil
                let dB: Tensor? = nb ? Tensor(shape: b.shape) { o in
                    if transposeB {  // B is [n, k]: dB = gᵀ · A
                        Tensor.gemm(g.storage.base, transposeA: true, a.storage.base, transposeB: false,
                                    o.baseAddress!, m: n, n: k, k: rows)
                    } else {  // B is [k, n]: dB = Aᵀ · g
                        Tensor.gemm(a.storage.base, transposeA: true, g.storage.base, transposeB: false,
                                    o.baseAddress!, m: k, n: n, k: rows)
                    }
                } : nil
                return [dA, dB]
            }
        }

        let batchShape = Array(shape.dropLast(2))
        precondition(batchShape == Array(other.shape.dropLast(2)) || other.rank == 2,
                     "batched matmul needs equal batch axes: \(shape) · \(other.shape)")
        let batches = batchShape.reduce(1, *)
        let sharedB = other.rank == 2
        let (sa, sb, sc) = (ar * ac, sharedB ? 0 : br * bc, m * n)
        let out = Tensor(shape: batchShape + [m, n]) { o in
            for i in 0..<batches {
                Tensor.gemm(a.storage.base + i * sa, transposeA: transposeA, b.storage.base + i * sb,
                            transposeB: transposeB, o.baseAddress! + i * sc, m: m, n: n, k: k)
            }
        }
        return out.recording([a, b]) { g in
            let pg = g.storage.base
            let dA: Tensor? = na ? Tensor(shape: a.shape) { o in
                for i in 0..<batches {
                    if transposeA {  // A stored [k, m]: dA = op(B) · gᵀ
                        Tensor.gemm(b.storage.base + i * sb, transposeA: transposeB, pg + i * sc, transposeB: true,
                                    o.baseAddress! + i * sa, m: k, n: m, k: n)
                    } else {  // dA = g · op(B)ᵀ
                        Tensor.gemm(pg + i * sc, transposeA: false, b.storage.base + i * sb, transposeB: !transposeB,
                                    o.baseAddress! + i * sa, m: m, n: k, k: n)
                    }
                }
            } : nil
            let dB: Tensor? = nb ? Tensor(shape: b.shape) { o in
                for i in 0..<batches {
                    let beta: Float = sharedB && i > 0 ? 1 : 0
                    if transposeB {  // B stored [n, k]: dB = gᵀ · op(A)
                        Tensor.gemm(pg + i * sc, transposeA: true, a.storage.base + i * sa, transposeB: transposeA,
                                    o.baseAddress! + i * sb, m: n, n: k, k: m, beta: beta)
                    } else {  // dB = op(A)ᵀ · g
                        Tensor.gemm(a.storage.base + i * sa, transposeA: !transposeA, pg + i * sc, transposeB: false,
                                    o.baseAddress! + i * sb, m: k, n: n, k: m, beta: beta)
                    }
                }
            } : nil
            return [dA, dB]
        }
    }
}
