import LabCore
import Tensors

/// One GADSG attention layer on the padded users × slots grid (docs/gadsg.md §7.6 with the §7.9
/// resolutions 16-19).
///
/// With `h_u`, `h_s`, `e_us` of hidden size `H` and `K` heads of width `d = H/K`:
/// - **(28) gate:** `ê_us = A·h_s + B·h_u + C·e_us`, `σ_us = sigmoid(ê_us) ⊙ flag_us` (the
///   same form as GDSG's gate, §3.3).
/// - **(29) score, resolution 17:** `s^(k)_us = a^(k) · tanh(ê_us)`. The score uses both
///   endpoints *and* the edge embedding; it reuses the gate's pre-activation, which already
///   is `W₁h_u + W₂h_s + W₃e_us` of the resolution, so no second set of H×H maps is needed.
///   The vectors `a^(k)` (length H) form the columns of ``score`` `[H, K]` (no bias).
/// - **(30) edge gate per head:** `g^(k)_us = sigmoid(W_g^(k)·e_us)`, ``headGate`` `H → K`.
///   Without it (the §8.3 ablation "GADSG without the edge gate") the logit is `s^(k)_us`.
/// - **(31) masked softmax, resolution 16:** `α^(k)_us = softmax_s(s^(k)_us·g^(k)_us)` over the
///   *real* links of u only: padded slots get exactly 0 weight and 0 gradient (the engine's
///   masked softmax), and a user without links gets all-zero weights. Servers attend over
///   their incoming links with the same logits, `softmax_u` (resolution 17, bidirectional).
///   Without server aggregation (the §8.3 ablation "GADSG without server aggregation") servers
///   receive nothing, as in GDSG: `ĥ_s = U·h_s`, and `V_u` does not exist.
/// - **(32) messages, resolution 18:** `m_us = σ_us ⊙ (V_s·h_s)` to users and
///   `m_su = σ_us ⊙ (V_u·h_u)` to servers, each split into K heads of width d;
///   `h'_u = Concat_k Σ_s α^(k)_us·m^(k)_us` (size H), likewise `h'_s` over users.
///   The flag factor of σ is carried by α, which is exactly 0 on padded slots.
/// - **(33) node update, resolution 18:** `h ← h + ReLU(LayerNorm(U·h + W_o·h'))`, with U,
///   W_o and the LayerNorm shared by users and servers (as GDSG shares them over all nodes).
/// - **(34) edge update, resolution 19:** `ê` goes through GDSG's ``EdgeUpdate`` (LayerNorm,
///   ReLU, time injection, zero-initialised residual out-layer).
///
/// Parameters: `7(H² + H)` (A, B, C, U, V_s, V_u, W_o) + `H·K` (score) + `H·K + K` (head gate,
/// if any) + `2H` (node norm) + ``EdgeUpdate``'s `H² + T·H + 6H`, i.e.
/// `8H² + T·H + 15H + 2HK + K`; with `T = H/2`, `8.5H² + 15H + 2HK + K` (36 292 at H = 64,
/// K = 4; `HK + K` fewer without the head gate, `H² + H` fewer without server aggregation).
public final class AttentionEdgeLayer: Module {
    /// `A`: server end of the gate pre-activation.
    public let serverGate: Linear
    /// `B`: user end of the gate pre-activation.
    public let userGate: Linear
    /// `C`: edge term of the gate pre-activation.
    public let edgeGate: Linear
    /// Score vectors `a^(k)` as a `[H, K]` map without bias.
    public let score: Linear
    /// Per-head edge gates `W_g^(k)`: `H → K` (nil in the ablation without them).
    public let headGate: Linear?
    /// Value map of server messages to users, `V_s`.
    public let serverValue: Linear
    /// Value map of user messages to servers, `V_u` (nil when servers do not aggregate).
    public let userValue: Linear?
    /// Self map `U` of the node update.
    public let selfMap: Linear
    /// Output map `W_o` of the concatenated heads.
    public let attentionOut: Linear
    /// LayerNorm of the node update (shared by users and servers).
    public let nodeNorm: LayerNorm
    /// Edge-stream wiring (norm, time, residual out-layer).
    public let edgeUpdate: EdgeUpdate
    /// Number of heads `K` (divides H).
    public let heads: Int

    /// Creates a layer of hidden size `hidden` with `heads` heads reading time features of
    /// width `timeWidth`; `withEdgeGate: false` drops the per-head edge gate (30) and
    /// `serverAggregation: false` the servers' attention over their users.
    public init(hidden: Int, heads: Int, timeWidth: Int, withEdgeGate: Bool = true, serverAggregation: Bool = true,
                using rng: inout RandomSource) {
        precondition(heads > 0 && hidden % heads == 0, "hidden size \(hidden) must split into \(heads) heads")
        serverGate = Linear(hidden, hidden, using: &rng)
        userGate = Linear(hidden, hidden, using: &rng)
        edgeGate = Linear(hidden, hidden, using: &rng)
        score = Linear(hidden, heads, bias: false, using: &rng)
        headGate = withEdgeGate ? Linear(hidden, heads, using: &rng) : nil
        serverValue = Linear(hidden, hidden, using: &rng)
        userValue = serverAggregation ? Linear(hidden, hidden, using: &rng) : nil
        selfMap = Linear(hidden, hidden, using: &rng)
        attentionOut = Linear(hidden, hidden, using: &rng)
        nodeNorm = LayerNorm(hidden)
        edgeUpdate = EdgeUpdate(hidden: hidden, timeWidth: timeWidth, using: &rng)
        self.heads = heads
    }

    public var children: [(String, any Module)] {
        [("A", serverGate), ("B", userGate), ("C", edgeGate), ("score", score)]
            + (headGate.map { [("headGate", $0 as any Module)] } ?? [])
            + [("Vs", serverValue)] + (userValue.map { [("Vu", $0 as any Module)] } ?? [])
            + [("U", selfMap), ("Wo", attentionOut), ("nodeNorm", nodeNorm), ("edge", edgeUpdate)]
    }

    /// Attention weights of one layer application.
    ///
    /// `users` `[B, U, S, K]` sums to 1 over the real slots of each user (axis 2); `servers`
    /// `[B, U, S, K]` sums to 1 over the real links of each server (axis 1), nil when servers
    /// do not aggregate. Both are exactly 0 on padded slots.
    public struct Weights: Sendable {
        /// Per user, over its slots: `[B, U, S, K]`.
        public var users: Tensor
        /// Per server, over its users: `[B, U, S, K]` (nil without server aggregation).
        public var servers: Tensor?
    }

    /// Applies the layer: state `[B, U, H]`, `[B, S, H]`, `[B, U, S, H]` in and out.
    public func callAsFunction(_ state: GraphState, context: GraphContext) -> GraphState {
        attend(state, context: context).state
    }

    /// Applies the layer and also returns its attention weights (for tests and inspection).
    public func attend(_ state: GraphState, context: GraphContext) -> (state: GraphState, weights: Weights) {
        let (b, u, s, k) = (context.batchSize, context.userCount, context.slotCount, heads)
        let h = state.users.shape[2], d = h / k
        let users = state.users.reshaped([b * u, h]), servers = state.servers.reshaped([b * s, h])
        let edges = state.edges.reshaped([b * u * s, h])
        // (28) ê = C·e + A·h_s + B·h_u in one pass over the slot rows.
        let pre = Tensor.gatherAdd(edgeGate(edges), [(serverGate(servers), context.serverIndex), (userGate(users), context.userIndex)])
        // (29)-(30) logits s·g per head, then (31) masked softmaxes both ways.
        let scores = score(pre.tanh())
        let logits = (headGate.map { scores * $0(edges).sigmoid() } ?? scores).reshaped([b, u, s, k])
        let toUserWeights = logits.softmax(alongAxis: 2, mask: context.mask)
        // (32) gated messages and per-head weighted sums.
        let toUsers = Tensor.gatedGather(gate: pre, values: serverValue(servers), indices: context.serverIndex)
        let userAgg = Tensor.weightedSum(values: toUsers.reshaped([b * u, s, k, d]), weights: toUserWeights.reshaped([b * u, s, k]))
        var serverHat = selfMap(servers)
        var toServerWeights: Tensor?
        if let userValue {
            let weights = logits.softmax(alongAxis: 1, mask: context.mask)
            let toServers = Tensor.gatedGather(gate: pre, values: userValue(users), indices: context.userIndex)
                .reshaped([b, u, s, h]).permuted([0, 2, 1, 3]).reshaped([b * s, u, k, d])
            let serverWeights = weights.permuted([0, 2, 1, 3]).reshaped([b * s, u, k])
            let serverAgg = Tensor.weightedSum(values: toServers, weights: serverWeights)
            serverHat = serverHat + attentionOut(serverAgg.reshaped([b * s, h]))
            toServerWeights = weights
        }
        // (33) node updates with GDSG's residual and LayerNorm.
        let userHat = selfMap(users) + attentionOut(userAgg.reshaped([b * u, h]))
        let next = GraphState(users: state.users + nodeNorm.activated(userHat).reshaped([b, u, h]),
                              servers: state.servers + nodeNorm.activated(serverHat).reshaped([b, s, h]),
                              edges: edgeUpdate(pre, edges: state.edges, context: context))
        return (next, Weights(users: toUserWeights, servers: toServerWeights))
    }
}
