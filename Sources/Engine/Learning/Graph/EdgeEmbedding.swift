import LabCore
import Tensors

/// Initial slot (edge) embeddings: `e⁰ = W_e2·(W_e1·x + b₁) + b₂` (docs/gadsg.md §3.2).
///
/// GDSG has **no nonlinearity** between the two maps; kept as is. Input `[..., Cₑ]`, output
/// `[..., H]`. Parameters: `Cₑ·H + H + H² + H`.
public final class EdgeEmbedding: Module {
    /// `W_e1`: `Cₑ → H`.
    public let first: Linear
    /// `W_e2`: `H → H`.
    public let second: Linear

    /// Creates the embedding of `inputs` channels into `hidden`.
    public init(inputs: Int, hidden: Int, using rng: inout RandomSource) {
        first = Linear(inputs, hidden, using: &rng)
        second = Linear(hidden, hidden, using: &rng)
    }

    public var children: [(String, any Module)] { [("first", first), ("second", second)] }

    /// Embeds `[..., Cₑ]` into `[..., H]`.
    public func callAsFunction(_ x: Tensor) -> Tensor { second(first(x)) }
}
