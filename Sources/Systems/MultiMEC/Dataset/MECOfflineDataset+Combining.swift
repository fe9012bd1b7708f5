import LabCore

extension MECOfflineDataset {
    /// One environment's SAC run as a dataset of its own: every episode of `log`, labelled 0,
    /// with an empty prompt pool (what a per-environment run stores; ``combining(_:promptSeed:promptsPerEnvironment:minimumPromptLength:)``
    /// joins such parts into the training set).
    ///
    /// - Throws: `.invalidInput` when the log's widths do not match the environment or it is empty.
    public init(environment: MECEnvironment, log: MECEpisodeLog) throws {
        let full = try MECOfflineDataset(environments: [environment], logs: [log], promptSeed: 0, promptsPerEnvironment: 0, minimumPromptLength: 1)
        try self.init(environments: [environment], episodes: full.episodes, promptPools: [[]])
    }

    /// The datasets' environments and episodes side by side (environment indices shifted, episodes
    /// in part order), with prompt pools drawn afresh as
    /// ``init(environments:logs:promptSeed:promptsPerEnvironment:minimumPromptLength:)`` draws them:
    /// joining the single-environment datasets of runs gives the same bytes as building from their logs.
    ///
    /// - Throws: `.invalidInput` for no part, parts with different UE counts, or an environment
    ///   without an episode of `minimumPromptLength` steps after its first 10%.
    public static func combining(_ parts: [MECOfflineDataset], promptSeed: UInt64, promptsPerEnvironment: Int = 10,
                                 minimumPromptLength: Int = 5) throws -> MECOfflineDataset {
        var environments: [MECEnvironment] = [], episodes: [MECDatasetEpisode] = []
        for part in parts {
            let offset = environments.count
            environments += part.environments
            episodes += part.episodes.map { ep in
                var e = ep
                e.environment += offset
                return e
            }
        }
        return try MECOfflineDataset(environments: environments, episodes: episodes, promptPools: Array(repeating: [], count: environments.count))
            .withPromptPools(seed: promptSeed, count: promptsPerEnvironment, minimumLength: minimumPromptLength)
    }

    /// The same episodes with every environment's prompt pool redrawn (the rule of
    /// ``init(environments:logs:promptSeed:promptsPerEnvironment:minimumPromptLength:)``).
    ///
    /// - Throws: `.invalidInput` when an environment has no episode of `minimumLength` steps after its first 10%.
    public func withPromptPools(seed: UInt64, count: Int, minimumLength: Int) throws -> MECOfflineDataset {
        let pools = try environments.indices.map { e in
            try Self.promptPool(episodes: episodes, environment: e, seed: seed, count: count, minimumLength: minimumLength)
        }
        return try MECOfflineDataset(environments: environments, episodes: episodes, promptPools: pools)
    }
}
