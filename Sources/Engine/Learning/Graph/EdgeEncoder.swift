import LabCore
import Tensors

/// The graph encoder of GDSG / GADSG: embeddings, L message-passing layers and per-slot output
/// heads, from a padded graph batch to `[B, U, S, Σkᵢ]` (docs/gadsg.md §3, §7.6, §8.3).
///
/// ```swift
/// var rng = RandomSource(seed: 1)
/// let encoder = EdgeEncoder(.gadsg(hidden: 64, layers: 4), using: &rng)
/// let f = LAENetFeatures.batch(items)                       // slots [B, U, S, 6], nodes [B, ·, 4]
/// let batch = GraphBatch(slots: f.slots, state: noisy,      // noisy [B, U, S, 2]
///                        userNodes: f.userNodes, serverNodes: f.serverNodes)
/// let out = encoder(batch, timesteps: t)                     // [B, U, S, 3]
/// ```
///
/// Forward pass:
/// 1. `h⁰` by ``NodeEmbedding``, `e⁰` by ``EdgeEmbedding``, `ReLU(temb)` by ``TimeEmbedding``;
/// 2. L layers (``GatedEdgeLayer`` or ``AttentionEdgeLayer``);
/// 3. each ``SlotHead`` on the final slot embeddings; heads concatenated along the last axis.
/// Outputs at padded slots are computed but carry no information about real slots, and real
/// slots' outputs never depend on padded slots' inputs. The parameter count is
/// ``EdgeEncoderConfiguration/expectedParameterCount``.
public final class EdgeEncoder: Module {
    /// The configuration it was built from.
    public let configuration: EdgeEncoderConfiguration
    /// Node embedding.
    public let nodes: NodeEmbedding
    /// Slot embedding.
    public let edges: EdgeEmbedding
    /// Diffusion-time embedding.
    public let time: TimeEmbedding
    /// The L layers, input first.
    public let layers: [any GraphLayer]
    /// The output heads, in output channel order.
    public let heads: [SlotHead]

    /// Creates an encoder with seeded initial values (same seed ⇒ same bits).
    public init(_ configuration: EdgeEncoderConfiguration, using rng: inout RandomSource) {
        let c = configuration
        precondition(c.hidden >= 2 && c.hidden % 2 == 0 && c.layers >= 0 && !c.outputHeads.isEmpty && c.outputHeads.allSatisfy { $0 > 0 },
                     "encoder needs an even hidden size, L ≥ 0 and positive output heads: \(c)")
        precondition(!c.positionalEncoding || c.hidden % 4 == 0, "the 2-D positional encoding needs a hidden size divisible by 4: \(c)")
        self.configuration = c
        nodes = NodeEmbedding(c.nodeEmbedding, hidden: c.hidden, features: c.nodeFeatures,
                              positionalEncoding: c.positionalEncoding, using: &rng)
        edges = EdgeEmbedding(inputs: c.edgeInputs, hidden: c.hidden, using: &rng)
        time = TimeEmbedding(hidden: c.hidden, using: &rng)
        var stack: [any GraphLayer] = []
        for _ in 0..<c.layers {
            switch c.layer {
            case .gated:
                stack.append(GatedEdgeLayer(hidden: c.hidden, timeWidth: c.hidden / 2,
                                            serverAggregation: c.serverAggregation, using: &rng))
            case .attention:
                stack.append(AttentionEdgeLayer(hidden: c.hidden, heads: c.heads, timeWidth: c.hidden / 2,
                                                withEdgeGate: c.attentionEdgeGate, serverAggregation: c.serverAggregation, using: &rng))
            }
        }
        layers = stack
        heads = c.outputHeads.map { SlotHead(hidden: c.hidden, outputs: $0, using: &rng) }
    }

    public var children: [(String, any Module)] {
        [("nodes", nodes), ("edges", edges), ("time", time)]
            + layers.enumerated().map { ("layers.\($0.offset)", $0.element as any Module) }
            + heads.enumerated().map { ("heads.\($0.offset)", $0.element as any Module) }
    }

    /// The per-slot outputs `[B, U, S, Σkᵢ]` for one diffusion timestep per instance.
    ///
    /// - Parameters:
    ///   - batch: edges `[B, U, S, Cₑ]` (Cₑ = ``EdgeEncoderConfiguration/edgeInputs``), flags,
    ///     nodes `[B, ·, F]`.
    ///   - timesteps: `B` values of t (raw integers as floats, docs/gadsg.md §3.1).
    public func callAsFunction(_ batch: GraphBatch, timesteps: [Float]) -> Tensor {
        let state = encode(batch, timesteps: timesteps)
        let outs = heads.map { $0(state.edges) }
        return outs.count == 1 ? outs[0] : Tensor.concat(outs, alongAxis: 3)
    }

    /// The final hidden state (before the heads): `[B, U, H]`, `[B, S, H]`, `[B, U, S, H]`.
    public func encode(_ batch: GraphBatch, timesteps: [Float]) -> GraphState {
        let c = configuration
        precondition(batch.edges.shape[3] == c.edgeInputs, "encoder expects \(c.edgeInputs) edge channels, got \(batch.edges.shape)")
        precondition(batch.userNodes.shape[2] == c.nodeFeatures,
                     "encoder expects \(c.nodeFeatures) node feature columns, got \(batch.userNodes.shape)")
        precondition(timesteps.count == batch.batchSize, "one timestep per instance: \(timesteps.count) for batch \(batch.batchSize)")
        let context = GraphContext(flags: batch.flags, time: time(timesteps))
        var state = GraphState(users: nodes(batch.userNodes, positions: batch.userPositions, isServer: false),
                               servers: nodes(batch.serverNodes, positions: batch.serverPositions, isServer: true),
                               edges: edges(batch.edges))
        for layer in layers { state = layer(state, context: context) }
        return state
    }
}
