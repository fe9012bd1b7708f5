import LabCore
import Learning

/// The hyper-parameters of the MAD2RL and P-QMIX learners and their ablation switches
/// (defaults: docs/vehicular.md, "Learners"; the ones marked "ours" there are our choices).
public struct MARLConfiguration: Sendable, Hashable, Codable {
    /// How the RSU shares its compute inside the environment step.
    public enum AllocationRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// Algorithm C-1 (10 majorisation-minimisation steps).
        case c1
        /// `F` split equally among the offloaders (the ablation).
        case equal

        /// The slot evaluation's allocation.
        public var allocation: VehicularSlot.Allocation {
            switch self {
            case .c1: .majorisation(iterations: 10)
            case .equal: .equal
            }
        }
    }

    /// Training episodes.
    public var episodes = 1500
    /// Seeds the networks' initialisation, the episodes, exploration and replay sampling.
    public var seed: UInt64 = 0
    /// Discount γ.
    public var gamma: Float = 0.95
    /// Transitions per update.
    public var batchSize = 64
    /// Replay capacity in transitions.
    public var replayCapacity = 100_000
    /// Slots played before the first update.
    public var warmupSlots = 1000
    /// One update every this many slots after warm-up (1 in the brief).
    public var updateEvery = 1
    /// Adam learning rate of the utility network and mixer.
    public var criticLearningRate: Float = 3e-4
    /// Adam learning rate of the diffusion actor.
    public var actorLearningRate: Float = 1e-4
    /// Soft target rate τ (MAD2RL).
    public var tau: Float = 0.005
    /// Entropy weight α of the actor loss (MAD2RL).
    public var entropyWeight: Float = 0.01
    /// Probability of a uniformly random valid action while training (MAD2RL).
    public var explorationEpsilon = 0.05
    /// Hidden width of the actor and the utility network.
    public var hidden = 64
    /// Embedding width of the QMIX mixer.
    public var mixerEmbedding = 32
    /// `K`: denoising steps of the actor (MAD2RL).
    public var denoisingSteps = 5
    /// The RSU allocation inside the environment step.
    public var allocation = AllocationRule.c1
    /// Drift-plus-penalty reward and allocation (false: reward `−ΣT/M`, weights 1).
    public var lyapunovGuidance = true
    /// Global gradient-norm clip of every update (ours).
    public var gradientClip: Float = 10
    /// P-QMIX: ε decays linearly from 1 to 0.05 over this many slots.
    public var epsilonDecaySlots = 50_000
    /// P-QMIX: updates between hard target copies.
    public var targetUpdatePeriod = 200
    /// Episodes between checkpoints.
    public var checkpointEveryEpisodes = 50
    /// Episodes between evaluations (0: none).
    public var evaluateEveryEpisodes = 50
    /// Fixed-seed episodes per evaluation.
    public var evaluationEpisodes = 5
    /// Seeds the evaluation episodes (paired with `simulate(…, seed:)` at this seed).
    public var evaluationSeed: UInt64 = 1

    /// The defaults.
    public init() {}

    /// Checks every setting.
    ///
    /// - Throws: `.invalidInput` naming the first setting out of range.
    public func validated() throws -> MARLConfiguration {
        func check(_ ok: Bool, _ what: String) throws { if !ok { throw LabError(.invalidInput, "\(what); change it and run again.") } }
        try check((1...1_000_000).contains(episodes), "episodes must be in 1...1000000 (got \(episodes))")
        try check(gamma >= 0 && gamma < 1, "γ must be in [0, 1) (got \(gamma))")
        try check((1...65_536).contains(batchSize), "the batch size must be in 1...65536 (got \(batchSize))")
        try check((1...10_000_000).contains(replayCapacity), "the replay capacity must be in 1...10000000 (got \(replayCapacity))")
        try check(warmupSlots >= batchSize, "the warm-up (\(warmupSlots) slots) must be at least one batch (\(batchSize))")
        try check((1...1000).contains(updateEvery), "updates must come every 1...1000 slots (got \(updateEvery))")
        for (name, rate) in [("critic", criticLearningRate), ("actor", actorLearningRate)] {
            try check(rate > 0 && rate.isFinite && rate < 1, "the \(name) learning rate must be in (0, 1) (got \(rate))")
        }
        try check(tau > 0 && tau <= 1, "τ must be in (0, 1] (got \(tau))")
        try check(entropyWeight >= 0 && entropyWeight.isFinite, "the entropy weight must be finite and ≥ 0 (got \(entropyWeight))")
        try check((0...1).contains(explorationEpsilon), "ε must be in [0, 1] (got \(explorationEpsilon))")
        try check((1...4096).contains(hidden) && (1...4096).contains(mixerEmbedding), "widths must be in 1...4096 (got \(hidden), \(mixerEmbedding))")
        try check((1...1000).contains(denoisingSteps), "denoising steps K must be in 1...1000 (got \(denoisingSteps))")
        try check(gradientClip > 0 && gradientClip.isFinite, "the gradient clip must be positive (got \(gradientClip))")
        try check(epsilonDecaySlots >= 0 && targetUpdatePeriod >= 1, "the ε decay must be ≥ 0 slots and the target period ≥ 1 update")
        try check(checkpointEveryEpisodes >= 0 && evaluateEveryEpisodes >= 0, "checkpoint and evaluation periods must be ≥ 0 episodes")
        try check((1...1000).contains(evaluationEpisodes), "evaluation episodes must be in 1...1000 (got \(evaluationEpisodes))")
        return self
    }
}
