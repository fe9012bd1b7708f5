/// One exploration episode of the offline dataset, with its environment label.
///
/// Observations are the raw 8·U environment observations (not normalised), actions the
/// policy's raw outputs in (−1, 1) (before the environment's ±0.99 clipping), as the
/// repository stores them. Episodes that terminated early are shorter than 20 steps; see
/// ``padded(to:)`` for the planner's zero-padding.
public struct MECDatasetEpisode: Sendable, Hashable {
    /// Index of the environment in ``MECOfflineDataset/environments``.
    public var environment: Int
    /// Position of the episode in its environment's SAC run (0-based; the learning-curve axis).
    public var runIndex: Int
    /// Steps T (1…20).
    public var length: Int
    /// Observations, row-major `[T, observationSize]`.
    public var observations: [Float]
    /// Actions, row-major `[T, actionSize]`.
    public var actions: [Float]
    /// Rewards, `[T]`.
    public var rewards: [Float]
    /// Terminal flags, `[T]` (the last step's is always true: step 20 or a violation).
    public var terminals: [Bool]
    /// Mean over steps of the step's mean UE cost.
    public var meanCost: Double

    /// Creates an episode (the arrays must have T, T·O and T·A entries; the dataset checks).
    public init(environment: Int, runIndex: Int, length: Int, observations: [Float], actions: [Float], rewards: [Float], terminals: [Bool], meanCost: Double) {
        (self.environment, self.runIndex, self.length) = (environment, runIndex, length)
        (self.observations, self.actions, self.rewards, self.terminals, self.meanCost) = (observations, actions, rewards, terminals, meanCost)
    }

    /// The episode's return: the sum of its rewards (the sparse reward makes it the last reward).
    public var episodeReturn: Double { rewards.reduce(0.0) { $0 + Double($1) } }

    /// Whether all 20 steps were played.
    public var completed: Bool { length == MECConstants.stepsPerEpisode }

    /// The episode zero-padded to `steps` rows (observations, actions, rewards, terminals as 0/1),
    /// as the repository pads early-terminated episodes for the planner; nil when longer than `steps`.
    public func padded(to steps: Int = MECConstants.stepsPerEpisode) -> (observations: [Float], actions: [Float], rewards: [Float], terminals: [Float])? {
        guard length <= steps, length > 0 else { return nil }
        let o = observations.count / length, a = actions.count / length, pad = steps - length
        return (observations + Array(repeating: 0, count: pad * o), actions + Array(repeating: 0, count: pad * a),
                rewards + Array(repeating: 0, count: pad), terminals.map { $0 ? 1 : 0 } + Array(repeating: 0, count: pad))
    }
}
