import Tensors

/// What every layer needs besides the state: the link mask, the index maps of the flattened
/// slot rows, and the per-instance time features.
///
/// Slot row `r = (b·U + u)·S + s` of a flattened `[B·U·S, H]` tensor belongs to user row
/// `b·U + u`, server row `b·S + s` and instance `b`; the index arrays let
/// `Tensor.gatherAdd`/`Tensor.gatedGather` broadcast node rows onto slot rows in one pass.
public struct GraphContext: Sendable {
    /// Batch size, users, slots.
    public let batchSize: Int, userCount: Int, slotCount: Int
    /// Link mask `[B, U, S, 1]` (no gradient).
    public let mask: Tensor
    /// Time features `ReLU(temb)` `[B, T]` (docs/gadsg.md §3.3: each layer maps them to `H`).
    public let time: Tensor
    /// For each slot row, its user row `b·U + u`.
    public let userIndex: [Int]
    /// For each slot row, its server row `b·S + s`.
    public let serverIndex: [Int]
    /// For each slot row, its instance `b`.
    public let batchIndex: [Int]

    /// Builds the context from the flags `[B, U, S]` and time features `[B, T]`.
    public init(flags: Tensor, time: Tensor) {
        precondition(flags.rank == 3 && time.rank == 2 && time.shape[0] == flags.shape[0],
                     "context needs flags [B, U, S] and time [B, T], got \(flags.shape), \(time.shape)")
        let (b, u, s) = (flags.shape[0], flags.shape[1], flags.shape[2])
        (batchSize, userCount, slotCount) = (b, u, s)
        mask = flags.detached().reshaped([b, u, s, 1])
        self.time = time
        var ui = [Int](), si = [Int](), bi = [Int]()
        ui.reserveCapacity(b * u * s); si.reserveCapacity(b * u * s); bi.reserveCapacity(b * u * s)
        for i in 0..<b {
            for j in 0..<u {
                for k in 0..<s {
                    ui.append(i * u + j)
                    si.append(i * s + k)
                    bi.append(i)
                }
            }
        }
        (userIndex, serverIndex, batchIndex) = (ui, si, bi)
    }

    /// Number of slot rows `B·U·S`.
    public var slotRows: Int { batchSize * userCount * slotCount }
}
