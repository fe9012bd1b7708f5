import LabCore
import Learning
import Tensors

/// MoELoader: online PMOE-SAC (``PMOEAgent``) over the training environments, one collected
/// episode per loop step, cycling through the list (step k plays environment `k mod n`).
///
/// The loop is ``MECSACTrainer``'s: the episode seed from `root.derived("episode k")`, actions
/// from `root.derived("act k")` (expert drawn from the gate, then sampled), termination on
/// violation, each transition stored as `[observation, descriptor]`, action, reward, next
/// `[observation, descriptor]`, terminal; after the warm-up, ``MECSACConfiguration/updatesPerEpisode``
/// updates on uniform batches with noise from `root.derived("update k")`. The interaction
/// budget ``MECMoEConfiguration/environmentSteps`` is counted over the whole run and saved with
/// the agent and the replay buffer, so a killed run resumes bit-identically.
public struct MECMoETrainer: Trainer {
    /// The environments cycled through, in order.
    public let environments: [MECEnvironment]
    /// The settings.
    public let configuration: MECMoEConfiguration
    /// The learner.
    public private(set) var agent: PMOEAgent
    /// The replay buffer.
    public private(set) var replay: ReplayBuffer
    /// Environment steps played so far.
    public private(set) var stepsPlayed = 0
    /// How transitions are packed (the observation width includes the descriptor).
    public let layout: SACTransitionLayout
    private let root: RandomSource
    private var input: [Float] = [], nextInput: [Float] = [], action: [Float] = [], row: [Float] = [], outcome = MECStep()

    /// A fresh trainer.
    ///
    /// - Throws: `.invalidInput` for an empty list, environments with different UE counts or an
    ///   invalid configuration.
    public init(environments: [MECEnvironment], configuration: MECMoEConfiguration) throws {
        let c = try configuration.validated()
        guard let first = environments.first else { throw LabError(.invalidInput, "MoELoader needs at least one environment") }
        guard environments.allSatisfy({ $0.users == first.users }) else {
            throw LabError(.invalidInput, "MoELoader's environments must all have \(first.users) UEs (observations must have one width)")
        }
        (self.environments, self.configuration) = (environments, c)
        let root = RandomSource(seed: c.base.seed, stream: "multimec.moe")
        self.root = root
        let d = first.descriptor.count
        layout = SACTransitionLayout(observationSize: first.observationSize + d, actionSize: first.actionSize)
        var initSeed = root.derived("init")
        agent = try PMOEAgent(observationSize: first.observationSize, descriptorSize: d, actionSize: first.actionSize,
                              configuration: c.base.sac, mixture: c.mixture, seed: initSeed.next())
        replay = try ReplayBuffer(capacity: c.base.capacity, width: layout.width, sampler: root.derived("replay"))
    }

    /// The loop: one step per episode, checkpoints every ``MECSACConfiguration/checkpointEvery`` episodes and at the end.
    public var loop: TrainingLoop {
        TrainingLoop(steps: configuration.base.episodes, checkpointEvery: configuration.base.checkpointEvery, label: "MoELoader episodes")
    }

    /// The deterministic policy learned so far.
    public func policy(name: String = "MoELoader") -> MECMoEPolicy { MECMoEPolicy(actor: agent.actor, name: name) }

    /// True once the interaction budget is spent (the loop then stops).
    public var isComplete: Bool { configuration.environmentSteps.map { stepsPlayed >= $0 } ?? false }

    public var metricNames: [String] { ["return", "cost", "length", "critic_loss", "policy_loss", "alpha", "entropy"] }

    public mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        let budget = configuration.environmentSteps ?? Int.max
        guard stepsPlayed < budget else { return [] }
        let environment = environments[step % environments.count], descriptor = environment.descriptor
        var seeds = root.derived("episode \(step)"), acting = root.derived("act \(step)"), noise = root.derived("update \(step)")
        var episode = MECEpisode(environment: environment, seed: seeds.next(), terminateOnViolation: true)
        var costs = 0.0, total = 0.0, length = 0
        input = episode.observation + descriptor
        while !episode.isFinished && stepsPlayed < budget {
            action = agent.actor.act(episode.observation, descriptor: descriptor, deterministic: false, using: &acting)
            try episode.step(actions: action, into: &outcome)
            nextInput.removeAll(keepingCapacity: true)
            nextInput += outcome.observation
            nextInput += descriptor
            try layout.pack(observation: input, action: action, reward: Float(outcome.reward), nextObservation: nextInput,
                            terminal: outcome.terminated, into: &row)
            try replay.append(row)
            costs += outcome.meanCost
            total += outcome.reward
            length += 1
            stepsPlayed += 1
            swap(&input, &nextInput)
        }
        var points: [(name: String, value: Double)] = [("return", total), ("cost", costs / Double(max(length, 1))), ("length", Double(length))]
        let b = configuration.base
        guard replay.count >= b.minimumStepsBeforeTraining, b.updatesPerEpisode > 0 else { return points }
        var critic = 0.0, policyLoss = 0.0, last: SACUpdateMetrics?
        for _ in 0..<b.updatesPerEpisode {
            let m = try agent.update(layout.batch(try replay.sampleBatch(b.sac.batchSize)), using: &noise)
            critic += Double(m.critic1Loss + m.critic2Loss) / 2
            policyLoss += Double(m.policyLoss)
            last = m
        }
        let u = Double(b.updatesPerEpisode)
        points += [("critic_loss", critic / u), ("policy_loss", policyLoss / u)]
        if let last { points += [("alpha", Double(last.alpha)), ("entropy", -Double(last.meanLogProb))] }
        return points
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        checkpoint.save(agent, as: "moe")
        checkpoint.save(replay, as: "replay")
        checkpoint.words["moe.stepsPlayed"] = [UInt64(stepsPlayed)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try checkpoint.restore(&agent, from: "moe")
        try checkpoint.restore(&replay, from: "replay")
        stepsPlayed = Int(truncatingIfNeeded: try checkpoint.words("moe.stepsPlayed", count: 1)[0])
    }

    /// Trains through the training loop, resuming from `sink`'s latest checkpoint.
    public static func train(environments: [MECEnvironment], configuration: MECMoEConfiguration, sink: any TrainingSink) throws -> MECMoETrainer {
        var trainer = try MECMoETrainer(environments: environments, configuration: configuration)
        try trainer.loop.run(&trainer, sink: sink)
        return trainer
    }
}
