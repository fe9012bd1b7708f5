import Tensors

/// Hidden state of a graph batch between encoder layers.
///
/// `users` `[B, U, H]`, `servers` `[B, S, H]`, `edges` `[B, U, S, H]` (one row per slot,
/// padded slots included: the layers keep them from influencing real ones).
public struct GraphState: Sendable {
    /// User node embeddings `[B, U, H]`.
    public var users: Tensor
    /// Server node embeddings `[B, S, H]`.
    public var servers: Tensor
    /// Slot (edge) embeddings `[B, U, S, H]`.
    public var edges: Tensor

    /// Wraps the three tensors.
    public init(users: Tensor, servers: Tensor, edges: Tensor) {
        self.users = users
        self.servers = servers
        self.edges = edges
    }
}
