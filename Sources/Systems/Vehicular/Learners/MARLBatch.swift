import Learning
import Tensors

/// A replay row of the learners: `s (M·14) · a (M) · r · s′ (M·14)`, and a sampled mini-batch
/// unpacked into the networks' inputs.
public struct MARLBatch {
    /// Floats per replay row for `agents` agents.
    public static func rowWidth(agents m: Int) -> Int { 2 * m * VehicularObservation.featureWidth + m + 1 }

    /// The replay row of one transition.
    public static func row(state: [Float], actions: [Int], reward: Double, nextState: [Float]) -> [Float] {
        state + actions.map { Float($0) } + [Float(reward)] + nextState
    }

    /// `B`: transitions.
    public let size: Int
    /// `M`: agents.
    public let agents: Int
    /// Global states `[B, M·14]`.
    public let states: Tensor
    /// Next global states `[B, M·14]`.
    public let nextStates: Tensor
    /// Agent rows `[B·M, 14 + M]` (features and id).
    public let rows: Tensor
    /// Next agent rows `[B·M, 14 + M]`.
    public let nextRows: Tensor
    /// Action masks `[B·M, 8]` (the same for next rows: models do not change).
    public let masks: Tensor
    /// Chosen actions, agent-major within each transition (`B·M`).
    public let actions: [Int]
    /// Team rewards `[B]`.
    public let rewards: Tensor

    /// Unpacks rows `[B, width]` drawn from a replay buffer.
    public init(_ drawn: Tensor, agents m: Int) {
        let b = drawn.shape[0], w = MARLBatch.rowWidth(agents: m), s = m * VehicularObservation.featureWidth
        let flat = drawn.scalars
        var states: [[Float]] = [], next: [[Float]] = [], actions: [Int] = [], rewards: [Float] = []
        for r in 0..<b {
            let row = flat[(r * w)..<((r + 1) * w)], base = row.startIndex
            states.append(Array(row[base..<(base + s)]))
            actions += row[(base + s)..<(base + s + m)].map { Int($0) }
            rewards.append(row[base + s + m])
            next.append(Array(row[(base + s + m + 1)..<(base + w)]))
        }
        (size, agents, self.actions) = (b, m, actions)
        self.states = Tensor(shape: [b, s], scalars: states.flatMap { $0 })
        nextStates = Tensor(shape: [b, s], scalars: next.flatMap { $0 })
        rows = AgentInputs.rows(states: states, agents: m)
        nextRows = AgentInputs.rows(states: next, agents: m)
        masks = AgentInputs.masks(states: states, agents: m)
        self.rewards = Tensor(rewards)
    }
}
