import LabCore
import Learning
import Tensors

/// The networks and updates of one multi-agent learner (MAD2RL, P-QMIX); ``MARLTrainer`` runs
/// the environment, the replay buffer, the metrics and the checkpoints around it.
public protocol MARLLearner {
    /// The learner's name in metrics and policies (`mad2rl`, `pqmix`).
    static var kind: VehicularLearnedPolicy.Kind { get }
    /// A freshly initialised learner for `agents` agents.
    init(configuration: MARLConfiguration, agents: Int, using rng: inout RandomSource) throws
    /// One action per agent for agent rows `[M, 14 + M]` and masks `[M, 8]`: exploring while
    /// training (at global slot `step`), greedy otherwise.
    func act(rows: Tensor, masks: Tensor, exploring: Bool, step: Int, random: inout RandomSource) -> [Int]
    /// One update on a mini-batch; returns the losses by name.
    mutating func update(_ batch: MARLBatch, random: inout RandomSource) throws -> [(name: String, value: Double)]
    /// The names ``update(_:random:)`` reports.
    var lossNames: [String] { get }
    /// The greedy policy of the current parameters.
    func policy() throws -> VehicularLearnedPolicy
    /// Writes the networks, targets and optimisers.
    func save(into checkpoint: inout TrainingCheckpoint)
    /// Restores what ``save(into:)`` wrote.
    mutating func restore(from checkpoint: TrainingCheckpoint) throws
}

extension MARLLearner {
    /// A uniformly random valid action of each row of `masks` `[M, A]`, or nil per row with probability `1 − ε`.
    static func randomActions(masks: Tensor, epsilon: Double, random: inout RandomSource) -> [Int?] {
        let a = masks.shape[1], m = masks.scalars
        return (0..<masks.shape[0]).map { i in
            guard random.nextDouble() < epsilon else { return nil }
            let valid = (0..<a).filter { m[i * a + $0] != 0 }
            return valid.isEmpty ? 0 : valid[random.int(below: valid.count)]
        }
    }

    /// The index of the largest allowed entry of each row (ties: the first).
    static func maskedArgmax(_ values: Tensor, masks: Tensor) -> [Int] {
        let a = values.shape[1], v = values.scalars, m = masks.scalars
        return (0..<values.shape[0]).map { i in
            var best = 0, bestValue = -Float.infinity
            for j in 0..<a where m[i * a + j] != 0 && v[i * a + j] > bestValue { (best, bestValue) = (j, v[i * a + j]) }
            return best
        }
    }

    /// Zeroes the optimiser's gradients, back-propagates `loss`, clips the global norm to `clip`, steps.
    static func clippedStep(_ optimizer: inout Adam, loss: Tensor, learningRate: Float, clip: Float) {
        optimizer.zeroGrad()
        loss.backward()
        clipGradients(optimizer.parameters, maxNorm: clip)
        optimizer.step(learningRate: learningRate)
    }
}
