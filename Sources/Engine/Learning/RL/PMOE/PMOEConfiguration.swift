import LabCore

/// The mixture settings of PMOE-SAC (``PMOEAgent``); everything else is ``SACConfiguration``.
public struct PMOEConfiguration: Sendable, Hashable, Codable {
    /// Number of experts k (the repository: 3).
    public var experts = 3
    /// Weight of the gate loss `mean((onehot(j*) − gate)²)` in the policy loss. The repository
    /// computes this loss but never back-propagates it (its gate keeps its initial weights):
    /// 0 reproduces that, 1 (the default) trains the gate towards the max-Q expert as PMOE intends.
    public var gateLossWeight: Float = 1

    /// Three experts, gate trained.
    public init() {}

    /// Checks every field.
    ///
    /// - Throws: `.invalidInput` naming the first field out of range.
    public func validated() throws -> PMOEConfiguration {
        guard (1...64).contains(experts) else { throw LabError(.invalidInput, "PMOE-SAC: `experts` must be in 1…64 (got \(experts))") }
        guard gateLossWeight.isFinite, gateLossWeight >= 0 else {
            throw LabError(.invalidInput, "PMOE-SAC: the gate loss weight must be finite and ≥ 0 (got \(gateLossWeight))")
        }
        return self
    }
}
