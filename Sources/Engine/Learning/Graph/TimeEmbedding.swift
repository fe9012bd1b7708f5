import LabCore
import Tensors

/// Diffusion-time features: sinusoidal embedding of t (width H), then
/// `Linear(H → H/2) → ReLU → Linear(H/2 → H/2)` giving `temb` (docs/gadsg.md §3.2).
///
/// The layers consume `ReLU(temb)` `[B, H/2]` (docs/gadsg.md §3.3), which ``callAsFunction(_:)``
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
