import LabCore

/// The offline multi-environment dataset DiffLoader's planner learns from: every exploration
/// episode of each environment's SAC run with its environment label, a prompt pool per
/// environment and the min–max normaliser of observations and actions.
///
/// - ``episodes``: in environment order, each environment's episodes in run order
///   (``MECDatasetEpisode/runIndex``), raw observations `T×8U` and actions `T×2U`, T ≤ 20.
/// - ``promptPools``: for each environment, indices into ``episodes`` of its prompt episodes
///   (see ``init(environments:logs:promptSeed:promptsPerEnvironment:minimumPromptLength:)``).
/// - ``normalizer``, ``actionNormalizer``: over all steps of all episodes (prompts use the raw values).
///
/// Encodes as `mec-dataset/1` (``encoded()``) and exports to NumPy's `.npz` (``npz()``).
public struct MECOfflineDataset: Sendable, Hashable {
    /// The environments, indexed by ``MECDatasetEpisode/environment``.
    public let environments: [MECEnvironment]
    /// Observation width (8·U).
    public let observationSize: Int
    /// Action width (2·U).
    public let actionSize: Int
    /// Every episode.
    public let episodes: [MECDatasetEpisode]
    /// Per environment, the indices into ``episodes`` of its prompt episodes.
    public let promptPools: [[Int]]
    /// Observation normaliser.
    public let normalizer: MECMinMaxNormalizer
    /// Action normaliser.
    public let actionNormalizer: MECMinMaxNormalizer

    /// Assembles a dataset from one SAC run per environment (`logs[i]` collected on `environments[i]`).
    ///
    /// Prompt pools follow the repository: for each environment, `promptsPerEnvironment` distinct
    /// episodes drawn uniformly without replacement from its run's episodes after the first 10%
    /// (episodes ⌊n/10⌋ … n−1; the repository's 1000…9999 of 10,000); a drawn episode shorter than
    /// `minimumPromptLength` steps is replaced by a uniform redraw (with replacement, so a pool may
    /// repeat an episode, as the repository's may) until one is long enough. Draws come from
    /// `RandomSource(seed: promptSeed, stream: "multimec.prompts.<i>")`.
    ///
    /// - Throws: `.invalidInput` when the counts differ, a log's widths do not match its
    ///   environment, or an environment has no episode of `minimumPromptLength` steps after the first 10%.
    public init(environments: [MECEnvironment], logs: [MECEpisodeLog], promptSeed: UInt64,
                promptsPerEnvironment: Int = 10, minimumPromptLength: Int = 5) throws {
        guard !environments.isEmpty, environments.count == logs.count else {
            throw LabError(.invalidInput, "a dataset needs one episode log per environment (got \(environments.count) environments and \(logs.count) logs)")
        }
        var episodes: [MECDatasetEpisode] = []
        for (e, log) in logs.enumerated() {
            guard log.observationSize == environments[e].observationSize, log.actionSize == environments[e].actionSize, log.count > 0 else {
                throw LabError(.invalidInput, "episode log \(e) does not belong to environment \(environments[e]) (widths \(log.observationSize)/\(log.actionSize), \(log.count) episodes)")
            }
            for i in 0..<log.count {
                let s = log.starts[i], t = log.lengths[i]
                episodes.append(MECDatasetEpisode(
                    environment: e, runIndex: i, length: t,
                    observations: Array(log.observations[(s * log.observationSize)..<((s + t) * log.observationSize)]),
                    actions: Array(log.actions[(s * log.actionSize)..<((s + t) * log.actionSize)]),
                    rewards: Array(log.rewards[s..<(s + t)]), terminals: Array(log.terminals[s..<(s + t)]), meanCost: log.meanCosts[i]))
            }
        }
        let pools = try environments.indices.map { e in
            try Self.promptPool(episodes: episodes, environment: e, seed: promptSeed, count: promptsPerEnvironment, minimumLength: minimumPromptLength)
        }
        try self.init(environments: environments, episodes: episodes, promptPools: pools)
    }

    /// A dataset from its parts (decoding); computes the normalisers.
    ///
    /// - Throws: `.invalidInput` when an episode's arrays do not match its length and the widths,
    ///   an environment index or prompt index is out of range, or the environments' widths differ.
    public init(environments: [MECEnvironment], episodes: [MECDatasetEpisode], promptPools: [[Int]]) throws {
        guard let first = environments.first, environments.allSatisfy({ $0.users == first.users }) else {
            throw LabError(.invalidInput, "a dataset needs at least one environment, all with the same number of UEs")
        }
        let o = first.observationSize, a = first.actionSize
        for (i, ep) in episodes.enumerated() {
            guard environments.indices.contains(ep.environment), (1...MECConstants.stepsPerEpisode).contains(ep.length),
                  ep.observations.count == ep.length * o, ep.actions.count == ep.length * a,
                  ep.rewards.count == ep.length, ep.terminals.count == ep.length else {
                throw LabError(.invalidInput, "dataset episode \(i) is malformed: environment \(ep.environment), length \(ep.length), \(ep.observations.count) observation and \(ep.actions.count) action numbers (expected \(o) and \(a) per step)")
            }
        }
        guard promptPools.count == environments.count,
              promptPools.enumerated().allSatisfy({ e, pool in pool.allSatisfy { episodes.indices.contains($0) && episodes[$0].environment == e } }) else {
            throw LabError(.invalidInput, "a dataset needs one prompt pool per environment, each naming episodes of that environment")
        }
        (self.environments, self.observationSize, self.actionSize) = (environments, o, a)
        (self.episodes, self.promptPools) = (episodes, promptPools)
        normalizer = MECMinMaxNormalizer(values: episodes.flatMap(\.observations), width: o)
        actionNormalizer = MECMinMaxNormalizer(values: episodes.flatMap(\.actions), width: a)
    }

    /// Indices into ``episodes`` of environment `e`'s episodes, in run order.
    public func episodeIndices(of e: Int) -> [Int] { episodes.indices.filter { episodes[$0].environment == e } }

    /// Returns of environment `e`'s episodes, in run order.
    public func returns(of e: Int) -> [Double] { episodeIndices(of: e).map { episodes[$0].episodeReturn } }

    /// Steps over all episodes.
    public var steps: Int { episodes.reduce(0) { $0 + $1.length } }

    static func promptPool(episodes: [MECDatasetEpisode], environment e: Int, seed: UInt64, count: Int, minimumLength: Int) throws -> [Int] {
        let own = episodes.indices.filter { episodes[$0].environment == e }
        let candidates = Array(own.dropFirst(own.count / 10))
        guard candidates.contains(where: { episodes[$0].length >= minimumLength }) else {
            throw LabError(.invalidInput, "environment \(e) has no episode of at least \(minimumLength) steps after its first 10%: it cannot have a prompt pool; collect more episodes")
        }
        var rng = RandomSource(seed: seed, stream: "multimec.prompts.\(e)")
        let order = rng.permutation(candidates.count)
        return order.prefix(max(0, count)).map { first in
            var pick = candidates[first]
            while episodes[pick].length < minimumLength { pick = candidates[rng.int(below: candidates.count)] }
            return pick
        }
    }
}
