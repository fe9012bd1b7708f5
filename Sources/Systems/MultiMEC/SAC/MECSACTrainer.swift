import LabCore
import Learning
import Tensors

/// Online SAC on one or more MEC environments, one collected episode per loop step: the
/// per-environment data-collection runs, SACLoader and MTLoader.
///
/// Step k plays one exploration episode on environment `k mod n` (the list is cycled, so a
/// multi-environment learner switches environment every episode), with `terminateOnViolation`
/// on as the repository collects, the policy's stochastic actions, and the episode seed drawn
/// from `root.derived("episode k")`. Each transition (the observation with the task encoding
/// appended, the action, the reward, the next observation, the terminal flag) goes into the
/// replay buffer and the raw episode into ``log``. Once the buffer holds
/// ``MECSACConfiguration/minimumStepsBeforeTraining`` transitions, ``MECSACConfiguration/updatesPerEpisode``
/// updates follow, each on a uniform batch, with noise from `root.derived("update k")`.
///
/// With ``MECSACConfiguration/environmentSteps`` set, the run stops playing once that many steps
/// are in the log (the episode in progress ends there, unterminated, so it bootstraps), which
/// gives SACLoader and MTLoader the same interaction budget as the other learners.
///
/// The root is fixed by the seed and every stream is derived from it by name, so the state a
/// checkpoint must carry is the agent (networks, Adam moments, log α), the replay buffer (rows,
/// position, sampler) and the log: a killed run resumes bit-identically.
public struct MECSACTrainer: Trainer {
    /// The environments cycled through, in order.
    public let environments: [MECEnvironment]
    /// The settings.
    public let configuration: MECSACConfiguration
    /// The learner.
    public private(set) var agent: SACAgent
    /// The replay buffer.
    public private(set) var replay: ReplayBuffer
    /// Every exploration episode so far.
    public private(set) var log: MECEpisodeLog
    /// How transitions are packed.
    public let layout: SACTransitionLayout
    private let root: RandomSource
    private var input: [Float] = [], nextInput: [Float] = [], action: [Float] = [], row: [Float] = [], outcome = MECStep()

    /// A fresh trainer.
    ///
    /// - Throws: `.invalidInput` for an empty list, environments with different UE counts or an
    ///   invalid configuration.
    public init(environments: [MECEnvironment], configuration: MECSACConfiguration) throws {
        let c = try configuration.validated()
        guard let first = environments.first else { throw LabError(.invalidInput, "SAC needs at least one environment") }
        guard environments.allSatisfy({ $0.users == first.users }) else {
            throw LabError(.invalidInput, "SAC's environments must all have \(first.users) UEs (observations must have one width)")
        }
        self.environments = environments
        self.configuration = c
        let root = RandomSource(seed: c.seed, stream: "multimec.sac")
        self.root = root
        let observationSize = first.observationSize + c.encoding.width(environments: environments.count)
        let layout = SACTransitionLayout(observationSize: observationSize, actionSize: first.actionSize)
        self.layout = layout
        var initSeed = root.derived("init")
        agent = try SACAgent(observationSize: observationSize, actionSize: first.actionSize, configuration: c.sac, seed: initSeed.next())
        replay = try ReplayBuffer(capacity: c.capacity, width: layout.width, sampler: root.derived("replay"))
        log = MECEpisodeLog(observationSize: first.observationSize, actionSize: first.actionSize)
    }

    /// The loop: one step per episode, checkpoints every ``MECSACConfiguration/checkpointEvery`` episodes and at the end.
    public var loop: TrainingLoop { TrainingLoop(steps: configuration.episodes, checkpointEvery: configuration.checkpointEvery, label: "SAC episodes") }

    /// The deterministic policy learned so far, usable wherever a ``MECPolicy`` is.
    public func policy(name: String = "SAC") -> MECSACPolicy {
        MECSACPolicy(actor: agent.actor, encoding: configuration.encoding, environments: environments, name: name)
    }

    /// True once the interaction budget is spent (the loop then stops).
    public var isComplete: Bool { configuration.environmentSteps.map { log.steps >= $0 } ?? false }

    public var metricNames: [String] { ["return", "cost", "length", "critic_loss", "policy_loss", "alpha", "entropy"] }

    public mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        let budget = configuration.environmentSteps ?? Int.max
        guard log.steps < budget else { return [] }
        let index = step % environments.count, environment = environments[index]
        var seeds = root.derived("episode \(step)"), acting = root.derived("act \(step)"), noise = root.derived("update \(step)")
        var episode = MECEpisode(environment: environment, seed: seeds.next(), terminateOnViolation: true)
        let encoding = configuration.encoding, n = environments.count
        var raw = episode.observation, costs = 0.0, total = 0.0
        encoding.augment(raw, environment: environment, index: index, count: n, into: &input)
        while !episode.isFinished && log.steps < budget {
            action = agent.actor.act(input, deterministic: false, using: &acting)
            try episode.step(actions: action, into: &outcome)
            encoding.augment(outcome.observation, environment: environment, index: index, count: n, into: &nextInput)
            let reward = Float(outcome.reward)
            try layout.pack(observation: input, action: action, reward: reward, nextObservation: nextInput, terminal: outcome.terminated, into: &row)
            try replay.append(row)
            log.appendStep(observation: raw, action: action, reward: reward, terminal: outcome.terminated)
            costs += outcome.meanCost
            total += Double(reward)
            raw = outcome.observation
            swap(&input, &nextInput)
        }
        let length = episode.stepsPlayed
        log.endEpisode(environment: index, meanCost: costs / Double(max(length, 1)))
        var points: [(name: String, value: Double)] = [("return", total), ("cost", costs / Double(max(length, 1))), ("length", Double(length))]
        guard replay.count >= configuration.minimumStepsBeforeTraining, configuration.updatesPerEpisode > 0 else { return points }
        var critic = 0.0, policyLoss = 0.0, last: SACUpdateMetrics?
        for _ in 0..<configuration.updatesPerEpisode {
            let m = try agent.update(layout.batch(try replay.sampleBatch(configuration.sac.batchSize)), using: &noise)
            critic += Double(m.critic1Loss + m.critic2Loss) / 2
            policyLoss += Double(m.policyLoss)
            last = m
        }
        let u = Double(configuration.updatesPerEpisode)
        points += [("critic_loss", critic / u), ("policy_loss", policyLoss / u)]
        if let last { points += [("alpha", Double(last.alpha)), ("entropy", -Double(last.meanLogProb))] }
        return points
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        checkpoint.save(agent, as: "sac")
        checkpoint.save(replay, as: "replay")
        checkpoint.save(log, as: "log")
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try checkpoint.restore(&agent, from: "sac")
        try checkpoint.restore(&replay, from: "replay")
        try checkpoint.restore(&log, from: "log")
    }

    /// Trains on `environments` through the training loop, resuming from `sink`'s latest
    /// checkpoint; returns the finished trainer (agent, replay buffer, episode log).
    public static func train(environments: [MECEnvironment], configuration: MECSACConfiguration, sink: any TrainingSink) throws -> MECSACTrainer {
        var trainer = try MECSACTrainer(environments: environments, configuration: configuration)
        try trainer.loop.run(&trainer, sink: sink)
        return trainer
    }
}
