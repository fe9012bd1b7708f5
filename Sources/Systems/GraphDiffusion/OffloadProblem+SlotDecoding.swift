import Learning
import Foundation
import LAENet

/// Decoding of a sampled slot grid into per-user decisions (docs/gadsg.md §4.3 "Decoding", §4.4 steps 1–2,
/// §7.9 items 11 and 25).
///
/// Slot s of user u is the pair (u, server s); a decision is -1 (local) or an index into
/// `options[u]` (only links with μ > 0 are options, see ``OffloadProblem``).
extension OffloadProblem {
    /// Why decoding changed a user's thresholded bits.
    public enum SlotRepair: String, Sendable, Hashable, CaseIterable {
        /// Several slots were above the threshold: the feasible one with the largest predicted
        /// share won (GDSG's rule, docs/gadsg.md §4.4 step 1, restricted to feasible options).
        case severalServers
        /// Only slots that are not feasible options (padding, or μ = 0) were above the threshold:
        /// the user moved to its best-scored feasible option (docs/gadsg.md §4.4 step 2, made deterministic), or
        /// ran locally when it has none.
        case infeasibleSlot
        /// No slot was above the threshold but local execution misses the deadline (λ = 0): the
        /// user moved to its best-scored feasible option (the deadline-aware repair of docs/gadsg.md §7.9 item 25).
        case forcedOffload
    }

    /// Per-user decisions decoded from one sample, with the repair applied to each user.
    public struct DecodedSlots: Sendable, Hashable {
        /// -1 (local) or an option index per user; every entry is allowed for its user.
        public var decisions: [Int]
        /// The per-user repair, nil where the thresholded bits were taken as they were.
        public var repairs: [SlotRepair?]
    }

    /// Decodes one sample's `bits` and `shares` (row-major `[U, serverCount]`) with `threshold`.
    ///
    /// Per user: the slots with bit > `threshold` are "on". If some on slot is a feasible option,
    /// the one with the largest share wins (ties: lower server index). Otherwise, if some slot is on
    /// or local is not allowed, the user takes the feasible option ranked best by (bit value,
    /// share, lower server index) — with the exact final step the bit value is p₁, so this is the
    /// model's most likely server — or local if it has no option. Otherwise the user runs locally.
    /// Deterministic; every resulting decision is allowed for its user provided each user has some
    /// allowed decision (the LAENet generator guarantees this). Server capacity is not looked at
    /// here: see ``OffloadProblem/repair(_:)``.
    public func decodeSlots(bits: ArraySlice<Float>, shares: ArraySlice<Float>, threshold: Double) -> DecodedSlots {
        let m = serverCount
        precondition(bits.count == userCount * m && shares.count == bits.count, "bits and shares must be [U, S+1]")
        let b = Array(bits), y = Array(shares)
        var decisions = [Int](repeating: -1, count: userCount)
        var repairs = [SlotRepair?](repeating: nil, count: userCount)
        for u in 0..<userCount {
            let row = u * m
            let on = (0..<m).filter { Double(b[row + $0]) > threshold }
            let feasibleOn = options[u].indices.filter { on.contains(options[u][$0].server) }
            if let pick = feasibleOn.max(by: { rank(y[row + options[u][$0].server], $0, y[row + options[u][$1].server], $1, u) }) {
                decisions[u] = pick
                if on.count > 1 { repairs[u] = .severalServers }
            } else if !on.isEmpty || localCost[u] == nil {
                repairs[u] = on.isEmpty ? .forcedOffload : .infeasibleSlot
                let best = options[u].indices.max { k, j in
                    let sk = options[u][k].server, sj = options[u][j].server
                    if b[row + sk] != b[row + sj] { return b[row + sk] < b[row + sj] }
                    return rank(y[row + sk], k, y[row + sj], j, u)
                }
                decisions[u] = best ?? -1
            }
        }
        return DecodedSlots(decisions: decisions, repairs: repairs)
    }

    /// "a ranks below b": smaller share, or equal share and higher server index.
    private func rank(_ ya: Float, _ a: Int, _ yb: Float, _ b: Int, _ u: Int) -> Bool {
        ya != yb ? ya < yb : options[u][a].server > options[u][b].server
    }

    /// The slot grid `[U, serverCount]` (row-major) with a 1 on each offloaded user's server slot:
    /// the ``HybridDiffusion`` x₀ encoding of a decision vector.
    public func slotBits(_ decisions: [Int]) -> [Float] {
        var bits = [Float](repeating: 0, count: userCount * serverCount)
        for u in 0..<userCount where decisions[u] >= 0 { bits[u * serverCount + options[u][decisions[u]].server] = 1 }
        return bits
    }
}
