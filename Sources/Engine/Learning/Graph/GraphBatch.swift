import Tensors

/// A batch of padded dense bipartite graphs, the encoders' input (docs/architecture.md §7, docs/gadsg.md §8.1).
///
/// Every instance of the batch has the same `U` users and `S` server slots (slot `s` is server
/// `s`; the flag says whether the link user–server exists). Shapes:
/// - ``edges`` `[B, U, S, Cₑ]`: per-slot input channels (for the diffusion model: the noisy
///   state followed by the slot features, docs/gadsg.md §3.1 / §7.5);
/// - ``flags`` `[B, U, S]`: 1 on real links, 0 on padded slots;
/// - ``userNodes`` `[B, U, F]` and ``serverNodes`` `[B, S, F]`: node features whose column 0
///   is the node type θ (0 HAP, 1 GS, 2 GU, 3 AU, docs/gadsg.md §7.5) and whose other `F − 1`
///   columns are continuous features (`[D, f, w]` for LAENet, docs/gadsg.md §7.9 item 14).
public struct GraphBatch: Sendable {
    /// Per-slot input channels `[B, U, S, Cₑ]`.
    public var edges: Tensor
    /// Link existence `[B, U, S]` (exactly 0 or 1).
    public var flags: Tensor
    /// User node features `[B, U, F]`, column 0 the type.
    public var userNodes: Tensor
    /// Server node features `[B, S, F]`, column 0 the type.
    public var serverNodes: Tensor
    /// Normalised ground positions of the users `[B, U, 2]`, or nil (read only by the 2-D
    /// positional encoding, ``NodeEmbedding/positionalEncoding(_:hidden:)``).
    public var userPositions: Tensor?
    /// Normalised ground positions of the servers `[B, S, 2]`, or nil.
    public var serverPositions: Tensor?

    /// Wraps the tensors, checking that their shapes agree.
    public init(edges: Tensor, flags: Tensor, userNodes: Tensor, serverNodes: Tensor,
                userPositions: Tensor? = nil, serverPositions: Tensor? = nil) {
        precondition(edges.rank == 4, "graph edges must be [B, U, S, C], got \(edges.shape)")
        let (b, u, s) = (edges.shape[0], edges.shape[1], edges.shape[2])
        precondition(flags.shape == [b, u, s], "flags must be \([b, u, s]), got \(flags.shape)")
        precondition(userNodes.rank == 3 && Array(userNodes.shape.prefix(2)) == [b, u],
                     "user nodes must be [\(b), \(u), F], got \(userNodes.shape)")
        precondition(serverNodes.rank == 3 && Array(serverNodes.shape.prefix(2)) == [b, s] && serverNodes.shape[2] == userNodes.shape[2],
                     "server nodes must be [\(b), \(s), \(userNodes.shape[2])], got \(serverNodes.shape)")
        precondition(userPositions.map { $0.shape == [b, u, 2] } ?? true, "user positions must be [\(b), \(u), 2]")
        precondition(serverPositions.map { $0.shape == [b, s, 2] } ?? true, "server positions must be [\(b), \(s), 2]")
        self.edges = edges
        self.flags = flags
        self.userNodes = userNodes
        self.serverNodes = serverNodes
        self.userPositions = userPositions
        self.serverPositions = serverPositions
    }

    /// A batch from LAENet-style slot features (channel 0 the flag, docs/gadsg.md §7.5) with optional
    /// per-slot state channels (e.g. the noisy `[x_t, y_t]` of diffusion) put in front.
    ///
    /// - Parameters:
    ///   - slots: `[B, U, S, C]` slot features whose channel 0 is the existence flag.
    ///   - state: `[B, U, S, k]` extra channels, or nil; the edge input is `[state, slots]`
    ///     (`k + C` channels, GDSG's order: noisy solution first, docs/gadsg.md §3.1).
    ///   - userNodes: `[B, U, F]`; serverNodes: `[B, S, F]`.
    ///   - userPositions, serverPositions: `[B, U, 2]`, `[B, S, 2]` or nil.
    public init(slots: Tensor, state: Tensor? = nil, userNodes: Tensor, serverNodes: Tensor,
                userPositions: Tensor? = nil, serverPositions: Tensor? = nil) {
        precondition(slots.rank == 4, "slots must be [B, U, S, C], got \(slots.shape)")
        let flags = Tensor.withoutGrad {
            slots.split(sizes: [1, slots.shape[3] - 1], alongAxis: 3)[0].squeezed(3)
        }
        let edges: Tensor
        if let state {
            precondition(Array(state.shape.prefix(3)) == Array(slots.shape.prefix(3)),
                         "state \(state.shape) does not fit slots \(slots.shape)")
            edges = Tensor.concat([state, slots], alongAxis: 3)
        } else {
            edges = slots
        }
        self.init(edges: edges, flags: flags.detached(), userNodes: userNodes, serverNodes: serverNodes,
                  userPositions: userPositions, serverPositions: serverPositions)
    }

    /// Batch size `B`.
    public var batchSize: Int { edges.shape[0] }
    /// Users per instance `U`.
    public var userCount: Int { edges.shape[1] }
    /// Server slots per instance `S`.
    public var slotCount: Int { edges.shape[2] }
}
