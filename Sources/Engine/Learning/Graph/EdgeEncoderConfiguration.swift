/// The shape of an ``EdgeEncoder``: layer kind, sizes and output heads (docs/gadsg.md §3, §7.6, §8.3).
///
/// Parameter count of the encoder, with hidden size H, L layers, K heads, Cₑ edge input
/// channels, F node feature columns and output head widths k₁…k_m (time width H/2):
/// - node embedding: GDSG `H² + 3H`, GADSG `(F + 4)·H` (``NodeEmbedding``);
/// - edge embedding `Cₑ·H + H² + 2H`; time MLP `0.75H² + H`;
/// - per layer: gated `6.5H² + 13H` (``GatedEdgeLayer``), attention
///   `8.5H² + 15H + 2HK + K` (``AttentionEdgeLayer``; `HK + K` fewer without the edge gate,
///   `H² + H` fewer without server aggregation);
/// - heads `Σᵢ (H² + 3H + H·kᵢ + kᵢ)` (``SlotHead``).
///
/// At H = 64, L = 4, Cₑ = 8, F = 4, heads [2, 1]: GDSG 130 755, GADSG (K = 4) 162 323
/// (docs/gadsg.md §8.3: about 0.12-0.15 M and 0.15-0.2 M).
public struct EdgeEncoderConfiguration: Sendable, Codable, Equatable, Hashable {
    /// Which layer the stack repeats.
    public enum LayerKind: String, Sendable, Codable, CaseIterable {
        /// GDSG's gated edge layer (``GatedEdgeLayer``).
        case gated
        /// GADSG's attention layer (``AttentionEdgeLayer``).
        case attention
    }

    /// The layer kind.
    public var layer: LayerKind
    /// Hidden size H (even; a multiple of ``heads`` for attention).
    public var hidden: Int
    /// Number of layers L.
    public var layers: Int
    /// Attention heads K (ignored by gated layers).
    public var heads: Int
    /// Edge input channels Cₑ (8 for hybrid diffusion on LAENet: `[x_t, y_t]` + 6 slot features).
    public var edgeInputs: Int
    /// Node feature columns F, type included (4 for LAENet).
    public var nodeFeatures: Int
    /// Output heads' channel counts, concatenated in order in the output (hybrid diffusion:
    /// `[2, 1]` = x₀ logits, then the share noise prediction, docs/gadsg.md §3.4).
    public var outputHeads: [Int]
    /// Node input variant.
    public var nodeEmbedding: NodeEmbedding.Variant
    /// Whether servers aggregate their users' messages: GDSG's gated layers do not (its §3.3 quirk),
    /// GADSG's attention layers do (resolution 17); the other setting of either is a docs/gadsg.md §8.3 ablation.
    public var serverAggregation: Bool
    /// Whether attention layers have the per-head edge gate (30) (docs/gadsg.md §8.3 ablation when false;
    /// ignored by gated layers).
    public var attentionEdgeGate: Bool
    /// Whether the node embedding adds the 2-D sinusoidal encoding of the node positions
    /// (docs/gadsg.md §7.5, resolution 15; off by default, ``NodeEmbedding/positionalEncoding(_:hidden:)``).
    /// Needs `hidden` divisible by 4 and batches that carry positions.
    public var positionalEncoding: Bool

    /// A configuration with every field given.
    public init(layer: LayerKind, hidden: Int, layers: Int, heads: Int, edgeInputs: Int, nodeFeatures: Int,
                outputHeads: [Int], nodeEmbedding: NodeEmbedding.Variant, serverAggregation: Bool,
                attentionEdgeGate: Bool = true, positionalEncoding: Bool = false) {
        self.layer = layer
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.edgeInputs = edgeInputs
        self.nodeFeatures = nodeFeatures
        self.outputHeads = outputHeads
        self.nodeEmbedding = nodeEmbedding
        self.serverAggregation = serverAggregation
        self.attentionEdgeGate = attentionEdgeGate
        self.positionalEncoding = positionalEncoding
    }

    /// GDSG-faithful (docs/gadsg.md §8.3): gated layers, role-only nodes, servers do not aggregate.
    /// The ablations: `serverAggregation: true` (GDSG + servers aggregating), `nodeEmbedding: .gadsg`
    /// (GDSG + GADSG's node features), `positionalEncoding: true`.
    public static func gdsg(hidden: Int = 64, layers: Int = 4, edgeInputs: Int = 8, nodeFeatures: Int = 4,
                            outputHeads: [Int] = [2, 1], serverAggregation: Bool = false,
                            nodeEmbedding: NodeEmbedding.Variant = .gdsg, positionalEncoding: Bool = false) -> EdgeEncoderConfiguration {
        EdgeEncoderConfiguration(layer: .gated, hidden: hidden, layers: layers, heads: 1, edgeInputs: edgeInputs,
                                 nodeFeatures: nodeFeatures, outputHeads: outputHeads, nodeEmbedding: nodeEmbedding,
                                 serverAggregation: serverAggregation, positionalEncoding: positionalEncoding)
    }

    /// GADSG (docs/gadsg.md §8.3): attention layers with K heads, servers attending over their users,
    /// 4-way node types plus node features. The ablations: `edgeGate: false` (without the per-head
    /// edge gate), `serverAggregation: false` (servers never aggregate, as in GDSG) and
    /// `positionalEncoding: true` (the paper's 2-D positional encoding).
    public static func gadsg(hidden: Int = 64, layers: Int = 4, heads: Int = 4, edgeInputs: Int = 8, nodeFeatures: Int = 4,
                             outputHeads: [Int] = [2, 1], edgeGate: Bool = true, serverAggregation: Bool = true,
                             positionalEncoding: Bool = false) -> EdgeEncoderConfiguration {
        EdgeEncoderConfiguration(layer: .attention, hidden: hidden, layers: layers, heads: heads, edgeInputs: edgeInputs,
                                 nodeFeatures: nodeFeatures, outputHeads: outputHeads, nodeEmbedding: .gadsg,
                                 serverAggregation: serverAggregation, attentionEdgeGate: edgeGate, positionalEncoding: positionalEncoding)
    }

    /// Total output channels `Σ kᵢ`.
    public var outputChannels: Int { outputHeads.reduce(0, +) }

    /// The parameter count predicted by the formula above.
    public var expectedParameterCount: Int {
        let h = hidden, l = layers, k = heads
        let node = nodeEmbedding == .gdsg ? h * h + 3 * h : (nodeFeatures + 4) * h
        let edge = edgeInputs * h + h * h + 2 * h
        let time = h * (h / 2) + h / 2 + (h / 2) * (h / 2) + h / 2
        let perLayer = layer == .gated
            ? 6 * h * h + (h / 2) * h + 13 * h
            : 8 * h * h + (h / 2) * h + 15 * h + h * k + (attentionEdgeGate ? h * k + k : 0) - (serverAggregation ? 0 : h * h + h)
        let outs = outputHeads.map { h * h + 3 * h + h * $0 + $0 }.reduce(0, +)
        return node + edge + time + l * perLayer + outs
    }
}
