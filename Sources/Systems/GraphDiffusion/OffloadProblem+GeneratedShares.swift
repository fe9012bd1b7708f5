import Foundation
import LAENet

/// Pricing a sample with the shares the diffusion generated (docs/gadsg.md §10 item 9, §9.2
/// "Both halves scored"), repaired only as far as feasibility needs.
extension OffloadProblem {
    /// The smallest share a generated share is lifted to: a share must be positive, and 0.1 % of
    /// a server is the floor (an execution cost 1000 times the full-capacity one).
    public static let generatedShareFloor = 1e-3

    /// The feasible shares closest in spirit to `generated`, per offloaded user, for
    /// `decisions` (which must be allowed and jointly feasible), and whether some server fell
    /// back to the optimal shares.
    ///
    /// The rule, per server s with offloaded users `U_s` and `ŷ_u` the generated share on the
    /// user's slot (clamped to [0, 1]; a non-finite value counts as 0):
    /// 1. **lift**: `y_u = max(ŷ_u, m_u)` with `m_u = max(μ_u, floor)` — the deadline's minimum
    ///    share (strict C5) and the positive floor ``generatedShareFloor``;
    /// 2. **shrink** only if `Σ y_u > 1`: the parts above the minimums are scaled by one factor,
    ///    `y_u = m_u + (y_u − m_u)·(1 − Σ m)/Σ (y − m)`, so the server is exactly full and every
    ///    share keeps its minimum;
    /// 3. capacity left unused (`Σ y_u < 1`) stays unused: nothing is scaled up.
    /// Shares that already satisfy `y ≥ m` and `Σ y ≤ 1` are kept bit for bit. If the
    /// minimums alone overflow a server (`Σ m > 1`, possible only through the floor), that server
    /// gets its optimal water-filled shares and `fellBack` is true.
    ///
    /// - Parameter generated: row-major `[U, serverCount]` shares (the sampler's final `y₀`).
    public func generatedShares(_ decisions: [Int], generated: ArraySlice<Float>) -> (shares: [Double?], fellBack: Bool)? {
        precondition(generated.count == userCount * serverCount, "generated shares must be [U, S+1]")
        let y = Array(generated)
        var shares = [Double?](repeating: nil, count: userCount)
        var fellBack = false
        for u in 0..<userCount { guard allows(user: u, decision: decisions[u]) else { return nil } }
        for users in members(decisions) where !users.isEmpty {
            let opts = users.map { options[$0][decisions[$0]] }
            let minimum = opts.map { max($0.minShare, Self.generatedShareFloor) }
            var lifted = zip(users, opts).map { u, o -> Double in
                let raw = Double(y[u * serverCount + o.server])
                return raw.isFinite ? min(1, max(0, raw)) : 0
            }
            lifted = zip(lifted, minimum).map { max($0, $1) }
            let total = lifted.reduce(0, +), floorTotal = minimum.reduce(0, +)
            if floorTotal > 1 {
                guard let optimal = WaterFilling.shares(exe: opts.map(\.exe), minShares: opts.map(\.minShare)) else { return nil }
                lifted = optimal
                fellBack = true
            } else if total > 1 {
                let excess = total - floorTotal, room = 1 - floorTotal
                lifted = zip(lifted, minimum).map { $1 + ($0 - $1) * room / excess }
            }
            for (i, u) in users.enumerated() { shares[u] = lifted[i] }
        }
        return (shares, fellBack)
    }

    /// `decisions` priced with ``generatedShares(_:generated:)``; nil if the decisions are not
    /// allowed or not jointly feasible.
    public func scoreGenerated(_ decisions: [Int], generated: ArraySlice<Float>) -> GeneratedScore? {
        guard let g = generatedShares(decisions, generated: generated) else { return nil }
        return GeneratedScore(decisions: decisions, shares: g.shares, cost: cost(decisions, shares: g.shares), fellBack: g.fellBack)
    }

    /// A decision vector priced with its generated (minimally repaired) shares.
    public struct GeneratedScore: Sendable, Hashable {
        /// Per user: -1 for local or an option index.
        public var decisions: [Int]
        /// Per user: the repaired generated share (nil where local).
        public var shares: [Double?]
        /// Objective value with these shares.
        public var cost: Double
        /// Whether some server's minimums overflowed and it used the optimal shares instead.
        public var fellBack: Bool
    }
}
