import LabCore
import Tensors

/// A per-slot output head: `LayerNorm → Linear(H→H) → ReLU → Linear(H→k)` (docs/gadsg.md §3.4).
///
/// GDSG's head starts with GroupNorm(32) pooled over all slots of an instance; docs/gadsg.md §8.3
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
