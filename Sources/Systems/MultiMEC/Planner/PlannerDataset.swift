import LabCore

/// What the planner trains on: episodes of several environments, a prompt pool per environment
/// and the normaliser.
///
/// This is the planner's own input type, independent of how the episodes were collected: an
/// offline dataset converts into it by listing its episodes (environment index, raw
/// observations, raw actions, rewards) and, per environment, the episodes a prompt may be cut
/// from (DiffLoader uses 10 episodes drawn after the first 10% of the behaviour learner's run).
/// The normaliser is fitted on the training episodes unless one is given.
public struct PlannerDataset: Sendable {
    /// Observation size (8·U).
    public let observationSize: Int
    /// Action size (2·U).
    public let actionSize: Int
    /// Number of training environments (episode and prompt-pool indices).
    public let environments: Int
    /// The training episodes.
    public let episodes: [PlannerEpisode]
    /// Prompt episodes by environment index (each at least ``PlannerConfiguration/promptLength`` long).
    public let prompts: [[PlannerEpisode]]
    /// The observation and action scaling.
    public let normalizer: PlannerNormalizer

    /// Validates and wraps the data.
    ///
    /// - Throws: `.invalidInput` when there are no episodes, an episode or prompt has the wrong
    ///   sizes, non-finite values or an environment index outside `0..<prompts.count`, an
    ///   environment has no prompt episode, or a prompt episode is shorter than `promptLength`.
    public init(observationSize: Int, actionSize: Int, episodes: [PlannerEpisode], prompts: [[PlannerEpisode]],
                promptLength: Int, normalizer: PlannerNormalizer? = nil) throws {
        guard observationSize >= 1, actionSize >= 1 else {
            throw LabError(.invalidInput, "planner data needs positive observation and action sizes (got \(observationSize), \(actionSize)).")
        }
        guard !episodes.isEmpty, !prompts.isEmpty else {
            throw LabError(.invalidInput, "planner data needs at least one episode and one environment's prompt pool.")
        }
        for (i, e) in episodes.enumerated() {
            try e.validate(index: i, observationSize: observationSize, actionSize: actionSize, environments: prompts.count, minimumLength: 1)
        }
        for (env, pool) in prompts.enumerated() {
            guard !pool.isEmpty else {
                throw LabError(.invalidInput, "environment \(env) has no prompt episode: give each environment at least one episode of ≥ \(promptLength) steps.")
            }
            for (i, e) in pool.enumerated() {
                try PlannerEpisode(environment: 0, observations: e.observations, actions: e.actions, rewards: e.rewards)
                    .validate(index: i, observationSize: observationSize, actionSize: actionSize, environments: 1, minimumLength: promptLength)
            }
        }
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.environments = prompts.count
        self.episodes = episodes
        self.prompts = prompts
        if let normalizer {
            guard normalizer.observationLow.count == observationSize, normalizer.actionLow.count == actionSize else {
                throw LabError(.invalidInput, "the normaliser was fitted on other sizes (\(normalizer.observationLow.count), \(normalizer.actionLow.count)).")
            }
            self.normalizer = normalizer
        } else {
            self.normalizer = PlannerNormalizer(fitting: episodes, observationSize: observationSize, actionSize: actionSize)
        }
    }

    /// The training windows `(episode, start)` of each environment for horizon `horizon`:
    /// every start `< min(T − 1, 20 − H)` (windows may run past the episode's end; the
    /// padded actions are raw zeros), as the repository's index set.
    public func windows(horizon: Int) -> [[(episode: Int, start: Int)]] {
        var out = Array(repeating: [(episode: Int, start: Int)](), count: environments)
        for (i, e) in episodes.enumerated() {
            let end = min(e.length - 1, MECConstants.stepsPerEpisode - horizon)
            for s in stride(from: 0, to: end, by: 1) { out[e.environment].append((i, s)) }
        }
        return out
    }

    /// The `q`-quantile (linear interpolation, numpy's default) of the initial return-to-go
    /// `R_0` over `episodes`, the per-environment return target of docs/multimec.md.
    public static func initialReturnQuantile(_ q: Double, of episodes: [PlannerEpisode], discount: Float) -> Float? {
        let values = episodes.map { $0.returnToGo(at: 0, discount: discount) }.sorted()
        guard !values.isEmpty, q >= 0, q <= 1 else { return nil }
        let position = q * Double(values.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, values.count - 1)
        let fraction = Float(position - Double(low))
        return values[low] + (values[high] - values[low]) * fraction
    }
}
