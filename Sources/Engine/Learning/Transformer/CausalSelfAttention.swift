import LabCore
import Tensors

/// Multi-head self-attention with a causal mask, as in GPT-2: token `i` attends to tokens `0…i`.
///
/// `x` `[B, T, D]` is projected to queries, keys and values by one `Linear(D, 3D)`, split into
/// `heads` heads of width `D/heads`, and each head computes
/// `softmax(q·kᵀ/√(D/heads) + causal mask)·v`; the heads are concatenated and projected by
/// `Linear(D, D)`. Dropout (seeded, training only) acts on the attention probabilities and on
/// the projected output, as GPT-2's `attn_pdrop` and `resid_pdrop` do. Masked entries get
/// exactly zero probability (GPT-2 adds −10⁴ instead, which is zero in Float32 after `exp`).
public final class CausalSelfAttention: Module {
    /// The query, key and value projection `Linear(D, 3D)` (queries first).
    public let qkv: Linear
    /// The output projection `Linear(D, D)`.
    public let projection: Linear
    /// Number of heads (divides D).
    public let heads: Int
    /// Dropout on the attention probabilities and on the output.
    public let dropout: Dropout

    /// Creates the layer for width `width`, GPT-2 initialised (weights 𝒩(0, 0.02²), zero biases).
    ///
    /// - Precondition: `heads` divides `width`.
    public init(width: Int, heads: Int, dropout: Float, using rng: inout RandomSource) {
        precondition(heads >= 1 && width % heads == 0, "attention heads \(heads) must divide the width \(width)")
        qkv = Linear(width, 3 * width, normalStd: 0.02, using: &rng)
        projection = Linear(width, width, normalStd: 0.02, using: &rng)
        self.heads = heads
        self.dropout = Dropout(rate: dropout)
    }

    public var children: [(String, any Module)] { [("qkv", qkv), ("projection", projection)] }

    /// Attends over `x` `[B, T, D]`; dropout draws from `rng` only when `training`.
    public func callAsFunction(_ x: Tensor, training: Bool, using rng: inout RandomSource) -> Tensor {
        precondition(x.rank == 3, "self-attention takes [B, T, D], got \(x.shape)")
        let (b, t, d) = (x.shape[0], x.shape[1], x.shape[2])
        let width = d / heads
        let parts = qkv(x).split(sizes: [d, d, d], alongAxis: 2).map {
            $0.reshaped([b, t, heads, width]).permuted([0, 2, 1, 3])  // [B, heads, T, width]
        }
        let scores = parts[0].matmul(parts[1], transposeB: true) * (1 / Float(width).squareRoot())
        var probabilities = scores.softmax(alongAxis: -1, mask: Self.causalMask(t))
        probabilities = dropout(probabilities, training: training, using: &rng)
        let mixed = probabilities.matmul(parts[2]).permuted([0, 2, 1, 3]).reshaped([b, t, d])
        return dropout(projection(mixed), training: training, using: &rng)
    }

    /// The `[T, T]` lower-triangular mask: 1 where key `j ≤` query `i`.
    public static func causalMask(_ t: Int) -> Tensor {
        Tensor(shape: [t, t]) { o in
            for i in 0..<t { for j in 0..<t { o[i * t + j] = j <= i ? 1 : 0 } }
        }
    }
}

extension Linear {
    /// A layer with weights drawn from 𝒩(0, `normalStd`²) and zero biases (GPT-2's initialisation).
    public convenience init(_ inputs: Int, _ outputs: Int, normalStd: Float, using rng: inout RandomSource) {
        self.init(zeroed: inputs, outputs)
        weight.assign(.normal([inputs, outputs], std: normalStd, using: &rng))
    }
}
