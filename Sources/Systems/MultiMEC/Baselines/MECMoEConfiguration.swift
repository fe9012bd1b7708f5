import LabCore
import Learning

/// Settings of MoELoader (PMOE-SAC on the MEC environments, ``MECMoETrainer``).
///
/// ``base`` carries everything MoELoader shares with SACLoader: the SAC settings (2×128 MLPs,
/// batch 128 in the scaled plan), episodes, updates per episode, warm-up, replay capacity,
/// checkpoint spacing and seed; its ``MECSACConfiguration/encoding`` is not used (the gate gets
/// the environment descriptor instead). ``mixture`` holds the number of experts and the gate
/// loss weight; ``environmentSteps`` caps the interaction budget.
public struct MECMoEConfiguration: Sendable, Hashable, Codable {
    /// The settings shared with SACLoader.
    public var base = MECSACConfiguration()
    /// Experts (3) and gate loss weight.
    public var mixture = PMOEConfiguration()
    /// The interaction budget in environment steps: once this many steps have been played the
    /// episode in progress stops (its last transition bootstraps) and later loop steps do
    /// nothing. Nil: ``MECSACConfiguration/episodes`` full episodes.
    public var environmentSteps: Int? = nil

    /// The scaled plan's defaults (``MECSACConfiguration``), 3 experts, no step cap.
    public init() {}

    /// Checks every field.
    ///
    /// - Throws: `.invalidInput` naming the first field out of range.
    public func validated() throws -> MECMoEConfiguration {
        _ = try base.validated()
        _ = try mixture.validated()
        if let s = environmentSteps, s < 1 {
            throw LabError(.invalidInput, "MoELoader: `environment_steps` must be at least 1 (got \(s))")
        }
        return self
    }
}
