import LabCore
import Learning

/// Settings of SAC data collection and of the SAC baselines on the MEC environments.
///
/// The defaults are the scaled plan this project runs on a 2-core CPU (docs/multimec.md, "SAC"):
/// MLPs 2×128, batch 128, 4 updates per collected episode, 1,500 episodes. The repository's own
/// run uses 2×256, 10 updates per episode and 10,000 episodes (and a batch of 4, a debugging
/// value); every other SAC setting is rlkit's (``SACConfiguration``).
public struct MECSACConfiguration: Sendable, Hashable, Codable {
    /// The learner's settings (hidden sizes, batch, rates, entropy tuning).
    public var sac: SACConfiguration
    /// Episodes to collect (one loop step each).
    public var episodes = 1_500
    /// Gradient updates after each collected episode.
    public var updatesPerEpisode = 4
    /// Transitions the buffer must hold before updates start (rlkit: one episode, 20 steps).
    public var minimumStepsBeforeTraining = MECConstants.stepsPerEpisode
    /// Replay capacity in transitions; nil keeps every transition (`20 × episodes`, at most 10^6 as in the repository).
    public var replayCapacity: Int? = nil
    /// Episodes between checkpoints (the last episode is always checkpointed). A checkpoint holds
    /// the replay buffer and the episode log, about 70 MB at 1,500 episodes of 20 UEs, hence the sparse default.
    public var checkpointEvery = 500
    /// What the policy sees besides the observation.
    public var encoding = MECTaskEncoding.none
    /// Seed of the initial networks, the episodes, the action noise and the replay sampling.
    public var seed: UInt64 = 0
    /// The interaction budget in environment steps: once this many steps have been played the
    /// episode in progress stops (its last transition bootstraps) and later loop steps do
    /// nothing. Nil: ``episodes`` full episodes (the data-collection runs).
    public var environmentSteps: Int? = nil

    /// The scaled plan's defaults.
    public init() {
        sac = SACConfiguration()
        sac.hiddenSizes = [128, 128]
        sac.batchSize = 128
    }

    /// The replay capacity in use.
    public var capacity: Int { replayCapacity ?? min(1_000_000, max(1, episodes) * MECConstants.stepsPerEpisode) }

    /// Checks every field.
    ///
    /// - Throws: `.invalidInput` naming the first field out of range.
    public func validated() throws -> MECSACConfiguration {
        _ = try sac.validated()
        guard (1...10_000_000).contains(episodes) else { throw LabError(.invalidInput, "SAC: `episodes` must be in 1…10000000 (got \(episodes))") }
        guard (0...1_000).contains(updatesPerEpisode) else { throw LabError(.invalidInput, "SAC: `updates_per_episode` must be in 0…1000 (got \(updatesPerEpisode))") }
        guard minimumStepsBeforeTraining >= 1 else { throw LabError(.invalidInput, "SAC: at least one transition must be stored before training") }
        guard (1...10_000_000).contains(capacity) else { throw LabError(.invalidInput, "SAC: the replay capacity must be in 1…10000000 (got \(capacity))") }
        guard checkpointEvery >= 1 else { throw LabError(.invalidInput, "SAC: `checkpoint_every` must be at least 1 (got \(checkpointEvery))") }
        if let s = environmentSteps, s < 1 { throw LabError(.invalidInput, "SAC: `environment_steps` must be at least 1 (got \(s))") }
        return self
    }
}
