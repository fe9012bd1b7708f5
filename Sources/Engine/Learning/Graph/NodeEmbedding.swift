import Foundation
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
///   `h⁰ = Emb(θ) + W_f·x + b`. Parameters: `4H + (F − 1)·H + H`.
///
/// With ``positionalEncoding`` on (the paper's 2-D positional encoding, docs/gadsg.md §7.5 and
/// resolution 15; off by default) either variant adds the fixed sinusoidal encoding of the
/// node's normalised ground position, ``positionalEncoding(_:hidden:)``, to `h⁰`. It has no
/// parameters, so gradients reach the weights exactly as without it.
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
    /// Whether the 2-D positional encoding is added.
    public let positionalEncoding: Bool

    /// Creates the embedding for hidden size `hidden` and node features of width `features`
    /// (including the type column); `positionalEncoding` needs `hidden` divisible by 4.
    public init(_ variant: Variant, hidden: Int, features: Int, positionalEncoding: Bool = false, using rng: inout RandomSource) {
        precondition(!positionalEncoding || hidden % 4 == 0, "the 2-D positional encoding needs a hidden size divisible by 4, got \(hidden)")
        self.variant = variant
        self.positionalEncoding = positionalEncoding
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

    /// Embeddings `[B, N, H]` of node features `[B, N, F]`; `isServer` selects the GDSG role;
    /// `positions` `[B, N, 2]` (normalised ground coordinates) are required when
    /// ``positionalEncoding`` is on and ignored otherwise.
    public func callAsFunction(_ nodes: Tensor, positions: Tensor? = nil, isServer: Bool) -> Tensor {
        let h = embed(nodes, isServer: isServer)
        guard positionalEncoding else { return h }
        guard let positions else { preconditionFailure("the 2-D positional encoding needs node positions; the batch carries none") }
        return h + Self.positionalEncoding(positions, hidden: h.shape[2])
    }

    /// The fixed 2-D sinusoidal encoding `[B, N, H]` of positions `[B, N, 2]` (docs/gadsg.md
    /// resolution 15): each axis gets `d = H/2` channels, for `x ∈ {x̂, ŷ}` and `k = 0…d/2−1`
    /// with `ω_k = 10000^(−2k/d)`, `sin(2π·x·ω_k)` in channel `k` and `cos(2π·x·ω_k)` in
    /// channel `d/2 + k` of that axis's block (x̂'s block first). A constant: no gradient.
    public static func positionalEncoding(_ positions: Tensor, hidden: Int) -> Tensor {
        precondition(positions.rank == 3 && positions.shape[2] == 2 && hidden % 4 == 0,
                     "positions must be [B, N, 2] and the width divisible by 4: \(positions.shape), \(hidden)")
        let rows = positions.shape[0] * positions.shape[1], d = hidden / 2, q = d / 2
        let frequencies = (0..<q).map { 2 * Double.pi * pow(10000, -2 * Double($0) / Double(d)) }
        var out = [Float](repeating: 0, count: rows * hidden)
        positions.withUnsafeBufferPointer { p in
            for r in 0..<rows {
                for axis in 0..<2 {
                    let x = Double(p[r * 2 + axis]), base = r * hidden + axis * d
                    for k in 0..<q {
                        out[base + k] = Float(sin(x * frequencies[k]))
                        out[base + q + k] = Float(cos(x * frequencies[k]))
                    }
                }
            }
        }
        return Tensor(shape: [positions.shape[0], positions.shape[1], hidden], scalars: out)
    }

    private func embed(_ nodes: Tensor, isServer: Bool) -> Tensor {
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
