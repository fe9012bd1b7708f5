import LabCore

/// One recorded episode as the planner reads it: raw observations, raw actions and rewards.
///
/// Row `t` of ``observations`` is the observation the policy saw before taking row `t` of
/// ``actions`` and receiving ``rewards``[t]. ``environment`` indexes the dataset's environment
/// list. Values are raw (unnormalised): the dataset's ``PlannerNormalizer`` scales them.
public struct PlannerEpisode: Sendable, Hashable {
    /// Index of the environment the episode was played in.
    public var environment: Int
    /// `T × observationSize` values, row-major.
    public var observations: [Float]
    /// `T × actionSize` values, row-major.
    public var actions: [Float]
    /// `T` rewards.
    public var rewards: [Float]

    /// Wraps an episode (validated by ``PlannerDataset``).
    public init(environment: Int, observations: [Float], actions: [Float], rewards: [Float]) {
        (self.environment, self.observations, self.actions, self.rewards) = (environment, observations, actions, rewards)
    }

    /// Steps T.
    public var length: Int { rewards.count }

    /// `Σ_{j≥t} γ^{j−t}·r_j / (20 − t)`: DiffLoader's return-to-go at step `t`, over the
    /// zero-padded 20-step reward array (so rewards past the end count 0).
    public func returnToGo(at t: Int, discount: Float) -> Float {
        var total: Float = 0
        for j in stride(from: length - 1, through: max(t, 0), by: -1) { total = rewards[j] + discount * total }
        return total / Float(MECConstants.stepsPerEpisode - t)
    }

    /// Checks the sizes and values; throws `.invalidInput` naming episode `index`.
    func validate(index: Int, observationSize: Int, actionSize: Int, environments: Int, minimumLength: Int) throws {
        let t = length
        func fail(_ message: String) -> LabError { LabError(.invalidInput, "planner episode \(index): \(message)") }
        guard environment >= 0 && environment < environments else {
            throw fail("environment index \(environment) is outside 0..<\(environments).")
        }
        guard t >= minimumLength && t <= MECConstants.stepsPerEpisode else {
            throw fail("has \(t) steps; the planner needs \(minimumLength)...\(MECConstants.stepsPerEpisode).")
        }
        guard observations.count == t * observationSize, actions.count == t * actionSize else {
            throw fail("needs \(t)×\(observationSize) observations and \(t)×\(actionSize) actions (got \(observations.count) and \(actions.count) values).")
        }
        guard observations.allSatisfy(\.isFinite), actions.allSatisfy(\.isFinite), rewards.allSatisfy(\.isFinite) else {
            throw fail("holds a value that is not finite.")
        }
    }
}
