import Learning

/// The encoder switches of the GADSG–GDSG ablations (docs/gadsg.md §8.3, §10), applied on top
/// of a learned solver kind's own encoder.
///
/// Each kind has a ``standard(for:)`` setting that reproduces its encoder exactly (GDSG: servers
/// do not aggregate, role-only nodes, no positional encoding; GADSG, DiGNN and GRLO: servers
/// attend over their users, GADSG's node features, the per-head edge gate, no positional
/// encoding). Changing one field gives one ablation:
/// - GDSG + servers aggregating (`serverAggregation: true` on a GDSG model);
/// - GDSG + GADSG's node features (`nodeFeatures: .gadsg`);
/// - GADSG without the per-head edge gate (`edgeGate: false`);
/// - GADSG without server aggregation (`serverAggregation: false`);
/// - either with the paper's 2-D positional encoding (`positionalEncoding: true`).
public struct EncoderAblation: Sendable, Codable, Hashable {
    /// Whether servers aggregate their users' messages.
    public var serverAggregation: Bool
    /// Which node inputs the embedding reads.
    public var nodeFeatures: NodeEmbedding.Variant
    /// Whether attention layers have the per-head edge gate (ignored by gated layers).
    public var edgeGate: Bool
    /// Whether the 2-D positional encoding is added to the node embeddings.
    public var positionalEncoding: Bool

    /// A setting with every switch given.
    public init(serverAggregation: Bool, nodeFeatures: NodeEmbedding.Variant, edgeGate: Bool, positionalEncoding: Bool) {
        self.serverAggregation = serverAggregation
        self.nodeFeatures = nodeFeatures
        self.edgeGate = edgeGate
        self.positionalEncoding = positionalEncoding
    }

    /// The setting that reproduces `kind`'s own encoder.
    public static func standard(for kind: LearnedSolverKind) -> EncoderAblation {
        switch kind {
        case .gdsg: EncoderAblation(serverAggregation: false, nodeFeatures: .gdsg, edgeGate: true, positionalEncoding: false)
        case .gadsg, .dignn, .grlo: EncoderAblation(serverAggregation: true, nodeFeatures: .gadsg, edgeGate: true, positionalEncoding: false)
        }
    }

    /// `configuration` with these switches.
    public func applied(to configuration: EdgeEncoderConfiguration) -> EdgeEncoderConfiguration {
        var c = configuration
        c.serverAggregation = serverAggregation
        c.nodeEmbedding = nodeFeatures
        c.attentionEdgeGate = edgeGate
        c.positionalEncoding = positionalEncoding
        return c
    }

    /// The fields that differ from `kind`'s standard, as `name=value` (empty for the standard).
    public func differences(from kind: LearnedSolverKind) -> [String] {
        let s = Self.standard(for: kind)
        var out: [String] = []
        if serverAggregation != s.serverAggregation { out.append("server_aggregation=\(serverAggregation)") }
        if nodeFeatures != s.nodeFeatures { out.append("node_features=\(nodeFeatures.rawValue)") }
        if edgeGate != s.edgeGate { out.append("edge_gate=\(edgeGate)") }
        if positionalEncoding != s.positionalEncoding { out.append("positional_encoding=\(positionalEncoding)") }
        return out
    }
}
