import LabCore
import Tensors

/// Initial slot (edge) embeddings: `e⁰ = W_e2·(W_e1·x + b₁) + b₂` (brief §3.2).
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

/// Diffusion-time features: sinusoidal embedding of t (width H), then
/// `Linear(H → H/2) → ReLU → Linear(H/2 → H/2)` giving `temb` (brief §3.2).
///
/// The layers consume `ReLU(temb)` `[B, H/2]` (brief §3.3), which ``callAsFunction(_:)``
/// returns. The sinusoid is the engine's ``timestepEmbedding(_:dimension:)`` (sines first,
/// then cosines; GDSG puts cosines first, an equivalent permutation). The raw integer t is used
/// as a float, as in GDSG. Parameters: `H·H/2 + H/2 + (H/2)² + H/2` = `0.75H² + H`.
public final class TimeEmbedding: Module {
    /// The two-layer MLP.
    public let mlp: MLP
    /// Width of the sinusoidal embedding (H).
    public let dimension: Int

    /// Creates the embedding for hidden size `hidden` (even).
    public init(hidden: Int, using rng: inout RandomSource) {
        precondition(hidden % 2 == 0 && hidden >= 2, "time embedding needs an even hidden size, got \(hidden)")
        mlp = MLP([hidden, hidden / 2, hidden / 2], activation: .relu, using: &rng)
        dimension = hidden
    }

    public var children: [(String, any Module)] { [("mlp", mlp)] }

    /// `ReLU(temb)` `[B, H/2]` for one timestep per instance.
    public func callAsFunction(_ timesteps: [Float]) -> Tensor {
        mlp(timestepEmbedding(timesteps, dimension: dimension)).relu()
    }
}

/// A per-slot output head: `LayerNorm → Linear(H→H) → ReLU → Linear(H→k)` (brief §3.4).
///
/// GDSG's head starts with GroupNorm(32) pooled over all slots of an instance; the brief's §8.3
/// allows LayerNorm over H instead, which also keeps padded slots from influencing real ones.
/// The 1×1 convolutions are per-slot linear maps. Input `[..., H]`, output `[..., k]`.
/// Parameters: `2H + H² + H + H·k + k`.
public final class SlotHead: Module {
    /// The normalisation.
    public let norm: LayerNorm
    /// First 1×1 map `H → H`.
    public let hidden: Linear
    /// Second 1×1 map `H → k`.
    public let out: Linear

    /// Creates a head from `hidden` to `outputs` channels.
    public init(hidden width: Int, outputs: Int, using rng: inout RandomSource) {
        norm = LayerNorm(width)
        hidden = Linear(width, width, using: &rng)
        out = Linear(width, outputs, using: &rng)
    }

    public var children: [(String, any Module)] { [("norm", norm), ("hidden", hidden), ("out", out)] }

    /// Maps `[..., H]` to `[..., k]`.
    public func callAsFunction(_ x: Tensor) -> Tensor { out(hidden(norm(x)).relu()) }
}
