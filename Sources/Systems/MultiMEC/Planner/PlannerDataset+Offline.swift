/// The planner's view of the offline multi-environment dataset.
extension PlannerDataset {
    /// The episodes, prompt pools and normalisers of `offline`, for a planner whose prompts are
    /// `promptLength` steps long.
    ///
    /// Every episode keeps its environment index and its raw (unpadded) observations, actions and
    /// rewards; environment `e`'s prompt pool is the episodes `offline.promptPools[e]` indexes;
    /// the scaling is the dataset's own (fitted over all its episodes, constant dimensions widened
    /// alone), not refitted.
    ///
    /// - Throws: `.invalidInput` when a prompt episode is shorter than `promptLength` or the data
    ///   fails ``init(observationSize:actionSize:episodes:prompts:promptLength:normalizer:)``'s checks.
    public init(_ offline: MECOfflineDataset, promptLength: Int) throws {
        func episode(_ e: MECDatasetEpisode) -> PlannerEpisode {
            PlannerEpisode(environment: e.environment, observations: e.observations, actions: e.actions, rewards: e.rewards)
        }
        try self.init(observationSize: offline.observationSize, actionSize: offline.actionSize,
                      episodes: offline.episodes.map(episode),
                      prompts: offline.promptPools.map { pool in pool.map { episode(offline.episodes[$0]) } },
                      promptLength: promptLength,
                      normalizer: PlannerNormalizer(observations: offline.normalizer, actions: offline.actionNormalizer))
    }
}
