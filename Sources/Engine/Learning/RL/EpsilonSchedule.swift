import LabCore

/// The exploration rate ε of ε-greedy action selection, by step.
///
/// - ``linear(start:end:steps:)``: ε falls linearly from `start` at step 0 to `end` at `steps`,
///   then stays at `end`.
/// - ``exponential(start:end:decay:)``: ε = end + (start − end) · decayᵏ at step k.
public enum EpsilonSchedule: Sendable, Hashable, Codable {
    /// Linear decay over `steps` steps.
    case linear(start: Double, end: Double, steps: Int)
    /// Geometric approach to `end` with factor `decay` per step.
    case exponential(start: Double, end: Double, decay: Double)

    /// ε at a 0-based step (negative steps count as 0).
    public func value(at step: Int) -> Double {
        let k = max(0, step)
        switch self {
        case let .linear(start, end, steps):
            guard k < steps else { return end }
            return start + (end - start) * Double(k) / Double(steps)
        case let .exponential(start, end, decay):
            return end + (start - end) * LibM.pow(decay, Double(k))
        }
    }

    /// Checks the schedule's parameters.
    ///
    /// - Throws: `.invalidInput` unless ε values lie in [0, 1], `steps` ≥ 0 and `decay` in [0, 1].
    public func validated() throws -> EpsilonSchedule {
        switch self {
        case let .linear(start, end, steps):
            guard (0...1).contains(start), (0...1).contains(end), steps >= 0 else {
                throw LabError(.invalidInput, "a linear ε-schedule needs start and end in [0, 1] and steps ≥ 0 (got \(start), \(end), \(steps))")
            }
        case let .exponential(start, end, decay):
            guard (0...1).contains(start), (0...1).contains(end), (0...1).contains(decay) else {
                throw LabError(.invalidInput, "an exponential ε-schedule needs start, end and decay in [0, 1] (got \(start), \(end), \(decay))")
            }
        }
        return self
    }
}
