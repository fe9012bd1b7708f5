import LabCore

extension MECOfflineDataset {
    /// The dataset as NumPy arrays, episodes zero-padded to 20 steps (E episodes, n environments,
    /// O = 8·U, A = 2·U):
    ///
    /// | array | dtype | shape | contents |
    /// |---|---|---|---|
    /// | `observations` | float32 | E×20×O | raw observations, zero after the episode's end |
    /// | `actions` | float32 | E×20×A | raw policy outputs |
    /// | `rewards`, `terminals` | float32 | E×20 | per step; terminals 0/1 |
    /// | `lengths`, `environment`, `run_index` | int32 | E | steps, environment index, position in its SAC run |
    /// | `returns`, `mean_cost` | float64 | E | episode return, mean step cost |
    /// | `environments` | float64 | n×4 | B (MHz), F (GHz), S̄ (kb), U |
    /// | `prompt_pools` | int32 | n×k | episode indices, −1 where a pool is shorter than the longest |
    /// | `observation_min`, `observation_max` | float32 | O | the normaliser's limits |
    /// | `action_min`, `action_max` | float32 | A | the action normaliser's limits |
    public func npz() throws -> NPZArchive {
        let steps = MECConstants.stepsPerEpisode, e = episodes.count
        var obs: [Float] = [], act: [Float] = [], rew: [Float] = [], term: [Float] = []
        obs.reserveCapacity(e * steps * observationSize)
        act.reserveCapacity(e * steps * actionSize)
        for ep in episodes {
            // Every stored episode has 1…20 steps (checked on construction), so padding succeeds.
            guard let p = ep.padded(to: steps) else { continue }
            obs += p.observations; act += p.actions; rew += p.rewards; term += p.terminals
        }
        let width = promptPools.map(\.count).max() ?? 0
        let pools = promptPools.flatMap { pool in pool.map(Int32.init) + Array(repeating: -1, count: width - pool.count) }
        return NPZArchive([
            ("observations", try NPYArray(obs, shape: [e, steps, observationSize])),
            ("actions", try NPYArray(act, shape: [e, steps, actionSize])),
            ("rewards", try NPYArray(rew, shape: [e, steps])),
            ("terminals", try NPYArray(term, shape: [e, steps])),
            ("lengths", try NPYArray(episodes.map { Int32($0.length) }, shape: [e])),
            ("environment", try NPYArray(episodes.map { Int32($0.environment) }, shape: [e])),
            ("run_index", try NPYArray(episodes.map { Int32(truncatingIfNeeded: $0.runIndex) }, shape: [e])),
            ("returns", try NPYArray(episodes.map(\.episodeReturn), shape: [e])),
            ("mean_cost", try NPYArray(episodes.map(\.meanCost), shape: [e])),
            ("environments", try NPYArray(environments.flatMap { [$0.bandwidthMHz, $0.edgeGHz, $0.meanTaskKb, Double($0.users)] }, shape: [environments.count, 4])),
            ("prompt_pools", try NPYArray(pools, shape: [promptPools.count, width])),
            ("observation_min", try NPYArray(normalizer.minimums, shape: [observationSize])),
            ("observation_max", try NPYArray(normalizer.maximums, shape: [observationSize])),
            ("action_min", try NPYArray(actionNormalizer.minimums, shape: [actionSize])),
            ("action_max", try NPYArray(actionNormalizer.maximums, shape: [actionSize])),
        ])
    }
}
