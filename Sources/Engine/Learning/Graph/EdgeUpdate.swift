import LabCore
import Tensors

/// GDSG's edge-stream wiring around a layer's edge pre-activation (docs/gadsg.md §3.3, kept for GADSG
/// by §7.9 item 19).
///
/// Given the pre-activation `ê` of every slot and the current slot embeddings `e`:
/// 1. `ê ← ReLU(LayerNorm(ê))`;
/// 2. time injection on edges only: `ê ← ê + W_t·ReLU(temb)`, `W_t` `[T, H]` with bias,
///    broadcast from the instance to each of its slots;
/// 3. residual: `e ← e + Out(ê)` with `Out = LayerNorm → SiLU → Linear(H→H)`, the last
///    linear layer **zero-initialised** so every layer starts as the identity on edges.
///
/// Parameters: `2H` (norm) + `T·H + H` (time) + `2H + H² + H` (out) = `H² + T·H + 6H`.
public final class EdgeUpdate: Module {
    /// LayerNorm of the pre-activation.
    public let norm: LayerNorm
    /// Per-layer time projection `W_tℓ`: `T → H`.
    public let time: Linear
    /// The out-layer's LayerNorm.
    public let outNorm: LayerNorm
    /// The out-layer's zero-initialised linear map `H → H`.
    public let out: Linear

    /// Creates the wiring for hidden size `hidden` and time features of width `timeWidth`.
    public init(hidden: Int, timeWidth: Int, using rng: inout RandomSource) {
        norm = LayerNorm(hidden)
        time = Linear(timeWidth, hidden, using: &rng)
        outNorm = LayerNorm(hidden)
        out = Linear(zeroed: hidden, hidden)
    }

    public var children: [(String, any Module)] {
        [("norm", norm), ("time", time), ("outNorm", outNorm), ("out", out)]
    }

    /// The updated slot embeddings `[B, U, S, H]`.
    ///
    /// - Parameters:
    ///   - preActivation: `ê` as slot rows `[B·U·S, H]`.
    ///   - edges: the current `e` `[B, U, S, H]`.
    ///   - context: supplies the time features `[B, T]` and each slot row's instance.
    public func callAsFunction(_ preActivation: Tensor, edges: Tensor, context: GraphContext) -> Tensor {
        let activated = norm.activated(preActivation)
        let timed = Tensor.gatherAdd(activated, [(time(context.time), context.batchIndex)])
        let update = out(outNorm(timed).silu())
        return edges + update.reshaped(edges.shape)
    }
}
