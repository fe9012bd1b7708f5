/// The per-step work of a training run: everything ``TrainingLoop`` does not do itself.
///
/// The loop owns the step counter, resuming, checkpoint timing, progress, recording metrics and
/// stopping on a non-finite metric; a trainer owns its model(s), optimiser(s), data order,
/// random generators and any other state, and says how to checkpoint them. A "step" is whatever
/// one unit of the run is: one optimiser step on a batch (``EpochTrainer``), or an environment
/// step followed by zero or more gradient updates (an off-policy reinforcement learner with a
/// replay buffer and target networks).
///
/// Determinism contract: the outcome of step k may depend only on the state after step k − 1
/// (what ``save(into:)`` writes, plus values the trainer was built from). Then a run resumed
/// from any checkpoint ends with the same bits as one that was never interrupted.
public protocol Trainer {
    /// The names of the metrics ``step(_:)`` may report, in reporting order.
    var metricNames: [String] { get }

    /// Does global step `step` (0-based) and returns the metric points it produced.
    ///
    /// The loop records each point at `step + 1` (the steps completed) and ends the run with a
    /// `.numerical` error if one is not finite.
    mutating func step(_ step: Int) throws -> [(name: String, value: Double)]

    /// Writes everything beyond the step counter that a resumed run needs.
    func save(into checkpoint: inout TrainingCheckpoint)

    /// Replaces the trainer's state with the one ``save(into:)`` wrote.
    mutating func restore(from checkpoint: TrainingCheckpoint) throws

    /// Whether the run has nothing left to do before its last step (e.g. an interaction budget
    /// is spent); the loop then checkpoints and stops. Must follow from the saved state.
    var isComplete: Bool { get }
}

extension Trainer {
    /// Never complete early: the run lasts all its steps.
    public var isComplete: Bool { false }
}
