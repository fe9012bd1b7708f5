/// What the planner's prompt tokens carry: the ablations (a) and (b) of the reproduction plan.
///
/// - ``trajectory``: few-shot (observation, action) pairs cut from episodes of the target
///   environment (DiffLoader).
/// - ``none``: every prompt pair is zeros, in training and at evaluation, so the prompt carries no
///   information about the environment (ablation (a); the network keeps its prompt tokens, so
///   only the information differs).
/// - ``oneHot``: every pair is the one-hot of the environment's index in the training list in
///   its first entries and zeros elsewhere (ablation (b)); an environment outside the list gets
///   all zeros, as MTLoader's one-hot encoding does.
public enum PlannerPromptMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Few-shot trajectory prompts.
    case trajectory
    /// All-zero prompts.
    case none
    /// One-hot environment prompts.
    case oneHot = "one-hot"

    /// The prompt episodes the planner reads for environment `index` of a training list of
    /// `count` (nil: an environment outside the list), given that environment's recorded pool.
    ///
    /// For ``trajectory`` the pool itself; otherwise one synthetic episode of `length` steps
    /// (zeros, or the one-hot rows), which needs no pool.
    public func prompts(pool: [PlannerEpisode], index: Int?, count: Int, length: Int, observationSize: Int, actionSize: Int) -> [PlannerEpisode] {
        switch self {
        case .trajectory:
            return pool
        case .none, .oneHot:
            var row = [Float](repeating: 0, count: observationSize)
            if self == .oneHot, let index, index >= 0, index < min(count, observationSize) { row[index] = 1 }
            let steps = max(length, 1)
            return [PlannerEpisode(environment: 0, observations: Array((0..<steps).map { _ in row }.joined()),
                                   actions: [Float](repeating: 0, count: steps * actionSize), rewards: [Float](repeating: 0, count: steps))]
        }
    }
}

extension PlannerDataset {
    /// The same episodes and normaliser with every environment's prompt pool replaced as `mode`
    /// says (``PlannerPromptMode/trajectory`` leaves the dataset as it is).
    ///
    /// - Throws: `.invalidInput` when `promptLength` is invalid for the episodes.
    public func withPromptMode(_ mode: PlannerPromptMode, promptLength: Int) throws -> PlannerDataset {
        guard mode != .trajectory else { return self }
        let pools = prompts.indices.map { e in
            mode.prompts(pool: prompts[e], index: e, count: environments, length: promptLength, observationSize: observationSize, actionSize: actionSize)
        }
        return try PlannerDataset(observationSize: observationSize, actionSize: actionSize, episodes: episodes, prompts: pools,
                                  promptLength: promptLength, normalizer: normalizer)
    }
}
