import LabCore
import Tensors

/// Initial node embeddings `h⁰` of users and servers.
///
/// Two variants, chosen by ``Variant``:
/// - ``Variant/gdsg`` (docs/gadsg.md §1.7, §3.2): only the role is used — type 1 for servers, 0 for
///   users, whatever the node features say — and `h⁰ = W_n·Emb(type) + b` with a 2×H table
///   and `W_n` H×H. Parameters: `2H + H² + H`.
/// - ``Variant/gadsg`` (docs/gadsg.md §7.5, §7.9 item 14): the 4-way type θ (0 HAP, 1 GS, 2 GU, 3 AU,
///   column 0 of the node features, rounded) is embedded with a 4×H table and the continuous
///   features (the other `F − 1` columns, `[D, f, w]` for LAENet) are mapped linearly:
///   `h⁰ = Emb(θ) + W_f·x + b`. Parameters: `4H + (F − 1)·H + H`. The 2D positional encoding
///   of §7.5 is dropped (resolution 15: the features carry no coordinates).
public final class NodeEmbedding: Module {
    /// Which of the two papers' node inputs to use.
    public enum Variant: String, Sendable, Codable, CaseIterable {
        /// GDSG: server/user role only.
        case gdsg
        /// GADSG: 4-way node type plus continuous node features.
        case gadsg
    }

    /// The variant.
    public let variant: Variant
    /// Type table `[2, H]` (GDSG) or `[4, H]` (GADSG).
    public let table: Embedding
    /// `W_n` `H → H` (GDSG) or `W_f` `(F − 1) → H` (GADSG).
    public let projection: Linear

    /// Creates the embedding for hidden size `hidden` and node features of width `features`
    /// (including the type column).
    public init(_ variant: Variant, hidden: Int, features: Int, using rng: inout RandomSource) {
        self.variant = variant
        switch variant {
        case .gdsg:
            table = Embedding(2, hidden, using: &rng)
            projection = Linear(hidden, hidden, using: &rng)
        case .gadsg:
            precondition(features >= 2, "GADSG node features need the type and at least one value, got width \(features)")
            table = Embedding(4, hidden, using: &rng)
            projection = Linear(features - 1, hidden, using: &rng)
        }
    }

    public var children: [(String, any Module)] { [("table", table), ("projection", projection)] }

    /// Embeddings `[B, N, H]` of node features `[B, N, F]`; `isServer` selects the GDSG role.
    public func callAsFunction(_ nodes: Tensor, isServer: Bool) -> Tensor {
        let (b, n, f) = (nodes.shape[0], nodes.shape[1], nodes.shape[2])
        switch variant {
        case .gdsg:
            let rows = table(Array(repeating: isServer ? 1 : 0, count: b * n))
            return projection(rows).reshaped([b, n, -1])
        case .gadsg:
            let flat = nodes.reshaped([b * n, f])
            let types = flat.withUnsafeBufferPointer { p in
                (0..<(b * n)).map { r -> Int in
                    let t = Int(p[r * f].rounded())
                    precondition((0..<4).contains(t), "node type \(p[r * f]) is not one of 0 HAP, 1 GS, 2 GU, 3 AU")
                    return t
                }
            }
            let values = flat.split(sizes: [1, f - 1], alongAxis: 1)[1]
            return (table(types) + projection(values)).reshaped([b, n, -1])
        }
    }
}
