import Foundation
import Tensors

/// Graph features of an instance for the learned solvers (docs/gadsg.md §7.9 items 13-14, §8.1).
///
/// **Slot tensor** `[users, S+1, 6]`: slot s of user u describes the pair (u, server s) — slot 0
/// is the HAP, slot s the ground station s. Channels, in the paper's order:
/// 0. existence flag (1 where the link exists);
/// 1. Ĵ_loc, 2. Ĵ_tr, 3. Ĵ_exe — costs normalised as `min(1, log1p(J) / log1p(J_ref))` with
///    `J_ref` = ``costReference`` = 1000 (J_tr has a heavy tail, so a log scale keeps small
///    costs apart while saturating the tail; all plausible J_loc and J_exe lie well below 1000);
/// 4. λ of the user (1 if local execution meets the deadline);
/// 5. μ of the link (0 where it can never meet the deadline).
/// Padded slots (no link) follow the paper: `[0, max, max, max, 0, 0]` = `[0, 1, 1, 1, 0, 0]`.
///
/// **Node features** `[type, D, f, w]`: users `[type, W / 7e9, f / 1e10, w]` (shape `[users, 4]`)
/// and servers `[type, 0, F / 1e10, 0]` (shape `[S+1, 4]`), with type 0 = HAP, 1 = GS, 2 = GU,
/// 3 = AU (for a 4-entry embedding table).
///
/// **Positions** `[users, 2]` and `[S+1, 2]`: the ground coordinates `(x, y)` of every node
/// divided by the side of the generator's square area for S ground stations
/// (``LAENetGenerator/areaSide(groundStations:)``), so generated nodes lie in `[0, 1]²` and
/// the HAP at its centre. Read only by the optional 2-D positional encoding (docs/gadsg.md
/// resolution 15).
public struct LAENetFeatures: Sendable {
    /// Cost normaliser J_ref.
    public static let costReference = 1000.0
    /// Channels of the slot tensor.
    public static let slotChannels = 6
    /// Workload normaliser (cycles).
    public static let workloadScale = 7e9
    /// CPU normaliser (Hz).
    public static let cpuScale = 1e10

    /// `[users, S+1, 6]` slot features.
    public var slots: Tensor
    /// `[users, 4]` user node features.
    public var userNodes: Tensor
    /// `[S+1, 4]` server node features.
    public var serverNodes: Tensor
    /// `[users, 2]` normalised user ground positions.
    public var userPositions: Tensor
    /// `[S+1, 2]` normalised server ground positions.
    public var serverPositions: Tensor

    /// Normalised cost: `min(1, log1p(J) / log1p(J_ref))`.
    public static func normalise(_ cost: Double) -> Float {
        Float(min(1, log1p(max(0, cost)) / log1p(costReference)))
    }

    /// Builds the features of a model.
    public init(_ model: LAENetModel) {
        let inst = model.instance
        let n = inst.users.count, m = inst.servers.count, c = Self.slotChannels
        var slots = [Float](repeating: 0, count: n * m * c)
        for u in 0..<n {
            for s in 0..<m {
                let base = (u * m + s) * c
                guard let k = model.linkIndex[u][s] else {
                    slots[base + 1] = 1; slots[base + 2] = 1; slots[base + 3] = 1
                    continue
                }
                let l = model.links[k]
                slots[base] = 1
                slots[base + 1] = Self.normalise(model.users[u].localCost)
                slots[base + 2] = Self.normalise(l.transmitCost)
                slots[base + 3] = Self.normalise(l.executeCost)
                slots[base + 4] = model.users[u].localAllowed ? 1 : 0
                slots[base + 5] = Float(l.minShare)
            }
        }
        self.slots = Tensor(shape: [n, m, c], scalars: slots)
        userNodes = Tensor(shape: [n, 4], scalars: inst.users.flatMap { u -> [Float] in
            [u.kind == .gu ? 2 : 3, Float(u.workloadCycles / Self.workloadScale), Float(u.cpuHz / Self.cpuScale), Float(u.delayWeight)]
        })
        serverNodes = Tensor(shape: [m, 4], scalars: inst.servers.flatMap { s -> [Float] in
            [s.kind == .hap ? 0 : 1, 0, Float(s.cpuHz / Self.cpuScale), 0]
        })
        let side = LAENetGenerator.areaSide(groundStations: max(0, m - 1))
        func ground(_ p: [Double]) -> [Float] { [Float((p.first ?? 0) / side), Float((p.count > 1 ? p[1] : 0) / side)] }
        userPositions = Tensor(shape: [n, 2], scalars: inst.users.flatMap { ground($0.position) })
        serverPositions = Tensor(shape: [m, 2], scalars: inst.servers.flatMap { ground($0.position) })
    }
}

extension LAENetFeatures {
    /// Stacks same-scale instances into batch tensors `[B, users, S+1, 6]`, `[B, users, 4]`, `[B, S+1, 4]`
    /// and the positions `[B, users, 2]`, `[B, S+1, 2]`.
    ///
    /// - Precondition: every element has the same shapes (same scale).
    public static func batch(_ items: [LAENetFeatures])
        -> (slots: Tensor, userNodes: Tensor, serverNodes: Tensor, userPositions: Tensor, serverPositions: Tensor) {
        precondition(!items.isEmpty, "batch needs at least one instance")
        let first = items[0]
        precondition(items.allSatisfy { $0.slots.shape == first.slots.shape && $0.serverNodes.shape == first.serverNodes.shape },
                     "batched instances must share one scale")
        return (Tensor(shape: [items.count] + first.slots.shape, scalars: items.flatMap(\.slots.scalars)),
                Tensor(shape: [items.count] + first.userNodes.shape, scalars: items.flatMap(\.userNodes.scalars)),
                Tensor(shape: [items.count] + first.serverNodes.shape, scalars: items.flatMap(\.serverNodes.scalars)),
                Tensor(shape: [items.count] + first.userPositions.shape, scalars: items.flatMap(\.userPositions.scalars)),
                Tensor(shape: [items.count] + first.serverPositions.shape, scalars: items.flatMap(\.serverPositions.scalars)))
    }

    /// Training targets of a solution on the slot grid: `choice` `[users, S+1]` (1 on the chosen
    /// server's slot, all 0 for local) and `share` `[users, S+1]` (the share on that slot, else 0).
    public static func targets(_ solution: LAENetSolution, serverCount: Int) -> (choice: Tensor, share: Tensor) {
        let n = solution.choice.count
        var choice = [Float](repeating: 0, count: n * serverCount)
        var share = [Float](repeating: 0, count: n * serverCount)
        for (u, c) in solution.choice.enumerated() {
            guard let s = c else { continue }
            choice[u * serverCount + s] = 1
            share[u * serverCount + s] = Float(solution.shares?[u] ?? 0)
        }
        return (Tensor(shape: [n, serverCount], scalars: choice), Tensor(shape: [n, serverCount], scalars: share))
    }
}
