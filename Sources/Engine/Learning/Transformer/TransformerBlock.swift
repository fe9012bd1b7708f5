import LabCore
import Tensors

/// One GPT-2 block: pre-LayerNorm causal self-attention and a pre-LayerNorm MLP, each residual.
///
/// `h = x + attention(LN₁(x))`, then `h + dropout(Linear(inner, D)(act(Linear(D, inner)(LN₂(h)))))`,
/// with the activation of the configuration (GPT-2 uses GELU; the diffusion planner Mish).
/// Linear weights are 𝒩(0, 0.02²) with zero biases, LayerNorms start at (1, 0), as GPT-2's
/// `_init_weights` sets them.
public final class TransformerBlock: Module {
    /// LayerNorm before attention.
    public let norm1: LayerNorm
    /// Causal multi-head self-attention.
    public let attention: CausalSelfAttention
    /// LayerNorm before the MLP.
    public let norm2: LayerNorm
    /// The MLP's expansion `Linear(D, inner)`.
    public let expand: Linear
    /// The MLP's contraction `Linear(inner, D)`.
    public let contract: Linear
    /// The MLP's activation.
    public let activation: Activation
    /// Dropout on the MLP's output.
    public let dropout: Dropout

    /// Creates a block of width `width`, `heads` heads and MLP width `inner`.
    public init(width: Int, heads: Int, inner: Int, activation: Activation = .mish, dropout: Float, using rng: inout RandomSource) {
        norm1 = LayerNorm(width)
        attention = CausalSelfAttention(width: width, heads: heads, dropout: dropout, using: &rng)
        norm2 = LayerNorm(width)
        expand = Linear(width, inner, normalStd: 0.02, using: &rng)
        contract = Linear(inner, width, normalStd: 0.02, using: &rng)
        self.activation = activation
        self.dropout = Dropout(rate: dropout)
    }

    public var children: [(String, any Module)] {
        [("norm1", norm1), ("attention", attention), ("norm2", norm2), ("expand", expand), ("contract", contract)]
    }

    /// Applies the block to `[B, T, D]`.
    public func callAsFunction(_ x: Tensor, training: Bool, using rng: inout RandomSource) -> Tensor {
        let h = x + attention(norm1(x), training: training, using: &rng)
        return h + dropout(contract(activation(expand(norm2(h)))), training: training, using: &rng)
    }
}

/// A GPT-2 trunk on given token embeddings: dropout, a stack of ``TransformerBlock``s, a final LayerNorm.
///
/// There is no token or position table here: callers embed their own tokens (and add their own
/// positions, e.g. a ``PositionalTable``), as GPT-2 does when given `inputs_embeds` with its
/// position embedding removed.
public final class CausalTransformer: Module {
    /// The blocks, input first.
    public let blocks: [TransformerBlock]
    /// The final LayerNorm (`ln_f`).
    public let finalNorm: LayerNorm
    /// Dropout on the input embeddings (`embd_pdrop`).
    public let dropout: Dropout

    /// Creates `layers` blocks of width `width`.
    public init(width: Int, layers: Int, heads: Int, inner: Int, activation: Activation = .mish, dropout: Float, using rng: inout RandomSource) {
        blocks = (0..<layers).map { _ in
            TransformerBlock(width: width, heads: heads, inner: inner, activation: activation, dropout: dropout, using: &rng)
        }
        finalNorm = LayerNorm(width)
        self.dropout = Dropout(rate: dropout)
    }

    public var children: [(String, any Module)] {
        var out: [(String, any Module)] = blocks.enumerated().map { ("blocks.\($0.offset)", $0.element) }
        out.append(("finalNorm", finalNorm))
        return out
    }

    /// Runs the trunk on `[B, T, D]` embeddings; dropout draws from `rng` only when `training`.
    public func callAsFunction(_ x: Tensor, training: Bool, using rng: inout RandomSource) -> Tensor {
        var h = dropout(x, training: training, using: &rng)
        for block in blocks { h = block(h, training: training, using: &rng) }
        return finalNorm(h)
    }
}
