import LabCore

/// An exponential moving average of a module's parameters, kept in a second module of the same
/// structure, on the schedule of the diffuser trainers.
///
/// After optimiser step `k` (0-based), when `k` is a multiple of ``every``: before ``warmupSteps``
/// the average is reset to the live weights; from then on `θ̄ ← decay·θ̄ + (1 − decay)·θ`.
/// The averaged module is an ordinary module, so a checkpoint keeps it with
/// ``TrainingCheckpoint/save(_:as:)`` and inference uses it directly.
public struct ExponentialMovingAverage: Sendable, Hashable, Codable {
    /// Weight of the old average in each update (0.995 in the diffuser trainers).
    public var decay: Float
    /// Steps during which the average is reset to the live weights instead (2,000).
    public var warmupSteps: Int
    /// Steps between updates (10).
    public var every: Int

    /// Creates the schedule; `decay` in [0, 1], `every` ≥ 1.
    public init(decay: Float = 0.995, warmupSteps: Int = 2000, every: Int = 10) {
        (self.decay, self.warmupSteps, self.every) = (decay, warmupSteps, every)
    }

    /// Updates `average` after optimiser step `step` of `live`; returns whether it changed.
    ///
    /// - Throws: `.invalidInput` for a decay outside [0, 1]; `.shape` when the modules differ.
    @discardableResult
    public func update(_ average: any Module, toward live: any Module, afterStep step: Int) throws -> Bool {
        guard every >= 1, step % every == 0 else { return false }
        if step < warmupSteps {
            try average.hardUpdate(from: live)
        } else {
            guard decay >= 0, decay <= 1 else { throw LabError(.invalidInput, "the moving-average decay must be in [0, 1], got \(decay)") }
            try average.softUpdate(toward: live, tau: 1 - decay)
        }
        return true
    }
}
