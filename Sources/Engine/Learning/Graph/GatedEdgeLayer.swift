import LabCore
import Tensors

/// One GDSG gated-GCN layer on the padded users × slots grid (docs/gadsg.md §3.3).
///
/// With `h_u` the user, `h_s` the server and `e_us` the slot embeddings (hidden size `H`):
/// - edge pre-activation `ê_us = A·h_s + B·h_u + C·e_us` (A on the server end, B on the user
///   end, as in GDSG's code);
/// - gate `g_us = sigmoid(ê_us) ⊙ flag_us`;
/// - users: `ĥ_u = U·h_u + Σ_s g_us ⊙ (V·h_s)` (GDSG's default "sum" aggregation);
/// - servers: `ĥ_s = U·h_s` — GDSG's servers never aggregate (the §3.3 quirk). With
///   `serverAggregation` they also receive `Σ_u g_us ⊙ (V·h_u)`, the "GDSG + bidirectional
///   aggregation" ablation of §8.3 (same parameters);
/// - nodes: `h ← h + ReLU(LayerNorm(ĥ))`, one LayerNorm shared by users and servers (GDSG
///   normalises all V nodes with one layer);
/// - edges: ``EdgeUpdate`` (ReLU(LayerNorm), time injection, zero-initialised out-layer).
///
/// Padded slots cannot influence real ones: their gate is multiplied by the flag, and a real
/// slot's update reads only its own row and its two endpoints.
///
/// Parameters: `5(H² + H)` (U, V, A, B, C) + `2H` (node norm) + ``EdgeUpdate``'s
/// `H² + T·H + 6H`, i.e. `6H² + T·H + 13H`; with GDSG's `T = H/2`, `6.5H² + 13H`
/// (27 456 at H = 64; 429 312 at H = 256, matching the ≈ 0.43 M per layer of docs/gadsg.md §3.5).
public final class GatedEdgeLayer: Module {
    /// Self map `U` of the node update.
    public let selfMap: Linear
    /// Message map `V` of the node update.
    public let message: Linear
    /// `A`: server end of the edge pre-activation.
    public let serverGate: Linear
    /// `B`: user end of the edge pre-activation.
    public let userGate: Linear
    /// `C`: edge term of the edge pre-activation.
    public let edgeGate: Linear
    /// LayerNorm of the node update (shared by users and servers).
    public let nodeNorm: LayerNorm
    /// Edge-stream wiring (norm, time, residual out-layer).
    public let edgeUpdate: EdgeUpdate
    /// Whether servers aggregate their users' gated messages (ablation; GDSG: false).
    public let serverAggregation: Bool

    /// Creates a layer of hidden size `hidden` reading time features of width `timeWidth`.
    public init(hidden: Int, timeWidth: Int, serverAggregation: Bool = false, using rng: inout RandomSource) {
        selfMap = Linear(hidden, hidden, using: &rng)
        message = Linear(hidden, hidden, using: &rng)
        serverGate = Linear(hidden, hidden, using: &rng)
        userGate = Linear(hidden, hidden, using: &rng)
        edgeGate = Linear(hidden, hidden, using: &rng)
        nodeNorm = LayerNorm(hidden)
        edgeUpdate = EdgeUpdate(hidden: hidden, timeWidth: timeWidth, using: &rng)
        self.serverAggregation = serverAggregation
    }

    public var children: [(String, any Module)] {
        [("U", selfMap), ("V", message), ("A", serverGate), ("B", userGate), ("C", edgeGate),
         ("nodeNorm", nodeNorm), ("edge", edgeUpdate)]
    }

    /// Applies the layer: state `[B, U, H]`, `[B, S, H]`, `[B, U, S, H]` in and out.
    public func callAsFunction(_ state: GraphState, context: GraphContext) -> GraphState {
        let (b, u, s) = (context.batchSize, context.userCount, context.slotCount)
        let h = state.users.shape[2]
        let users = state.users.reshaped([b * u, h]), servers = state.servers.reshaped([b * s, h])
        // ê = C·e + A·h_s + B·h_u, one fused pass over the slot rows.
        let pre = Tensor.gatherAdd(edgeGate(state.edges.reshaped([b * u * s, h])),
                                   [(serverGate(servers), context.serverIndex), (userGate(users), context.userIndex)])
        // Users: Σ_s flag·σ(ê)⊙(V·h_s).
        let toUsers = Tensor.gatedGather(gate: pre, values: message(servers), indices: context.serverIndex)
        let userSum = Tensor.weightedSum(values: toUsers.reshaped([b * u, s, 1, h]), weights: context.mask.reshaped([b * u, s, 1]))
        let userHat = selfMap(state.users) + userSum.reshaped([b, u, h])
        var serverHat = selfMap(state.servers)
        if serverAggregation {
            let toServers = Tensor.gatedGather(gate: pre, values: message(users), indices: context.userIndex)
                .reshaped([b, u, s, h]).permuted([0, 2, 1, 3]).reshaped([b * s, u, 1, h])
            let weights = context.mask.reshaped([b, u, s]).permuted([0, 2, 1]).reshaped([b * s, u, 1])
            serverHat = serverHat + Tensor.weightedSum(values: toServers, weights: weights).reshaped([b, s, h])
        }
        return GraphState(users: state.users + nodeNorm.activated(userHat),
                          servers: state.servers + nodeNorm.activated(serverHat),
                          edges: edgeUpdate(pre, edges: state.edges, context: context))
    }
}
