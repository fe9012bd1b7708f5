import LabCore
import Learning
import Tensors

/// Trains a ``MARLLearner`` on a scenario through the one ``TrainingLoop``: a loop step is one
/// environment slot (all agents act, the RSU allocates, the transition is stored) followed by
/// one update once the buffer holds the warm-up and every ``MARLConfiguration/updateEvery``
/// slots.
///
/// Metrics, at the last slot of every episode: `episode_return` (sum of team rewards),
/// `mean_completion` (s), `mean_queue`, the mean of each loss over the episode's updates, and
/// every ``MARLConfiguration/evaluateEveryEpisodes`` episodes `eval_return`, `eval_completion`,
/// `eval_queue`: the means over ``MARLConfiguration/evaluationEpisodes`` fixed-seed episodes
/// played greedily (same environment, fixed diffusion noise stream). Checkpoints every
/// ``MARLConfiguration/checkpointEveryEpisodes`` episodes hold the learner, the replay buffer,
/// the environment, the random streams and the episode's running sums, so a killed run resumes
/// bit-identically.
public struct MARLTrainer<Learner: MARLLearner>: Trainer {
    /// The settings.
    public let configuration: MARLConfiguration
    /// The learner being trained.
    public private(set) var learner: Learner
    /// The environment.
    public private(set) var environment: VehicularMARLEnvironment
    /// The replay buffer.
    public private(set) var buffer: ReplayBuffer
    private var explore: RandomSource
    private var updateRandom: RandomSource
    /// Running sums of the episode in progress: return, completion, queue, slots, then per loss sum and count.
    private var sums: [Double]

    /// A trainer on `scenario` (its `slots` is the episode length).
    ///
    /// - Throws: `.invalidInput` for an invalid configuration or scenario, or an episode without slots.
    public init(scenario: VehicularScenario, configuration: MARLConfiguration) throws {
        let c = try configuration.validated()
        try scenario.validate()
        guard scenario.slots >= 1 else { throw LabError(.invalidInput, "training needs episodes of at least one slot (got \(scenario.slots)).") }
        guard scenario.vehicles <= VehicularLearnedPolicy.maximumAgents else {
            throw LabError(.invalidInput, "the learners handle at most \(VehicularLearnedPolicy.maximumAgents) vehicles (got \(scenario.vehicles)): the mixer's first hypernetwork grows as M²; use fewer vehicles.")
        }
        let floats = c.replayCapacity * MARLBatch.rowWidth(agents: scenario.vehicles)
        guard floats <= MARLTrainer.maximumReplayFloats else {
            throw LabError(.invalidInput, "a replay buffer of \(c.replayCapacity) transitions of \(scenario.vehicles) vehicles needs \(floats / (1 << 18)) MiB; the limit is \(MARLTrainer.maximumReplayFloats / (1 << 18)) MiB: lower the replay capacity.")
        }
        self.configuration = c
        let root = RandomSource(seed: c.seed, stream: "vehicular.marl.\(Learner.kind.rawValue)")
        var initRandom = root.derived("init")
        learner = try Learner(configuration: c, agents: scenario.vehicles, using: &initRandom)
        environment = try VehicularMARLEnvironment(scenario: scenario, allocation: c.allocation.allocation, lyapunovGuidance: c.lyapunovGuidance)
        buffer = try ReplayBuffer(capacity: c.replayCapacity, width: MARLBatch.rowWidth(agents: scenario.vehicles), sampler: root.derived("replay"))
        explore = root.derived("explore")
        updateRandom = root.derived("update")
        sums = Array(repeating: 0, count: 4 + 2 * learner.lossNames.count)
    }

    /// The most floats a replay buffer may hold (2 GiB).
    public static var maximumReplayFloats: Int { 1 << 29 }

    /// Slots per episode.
    public var slotsPerEpisode: Int { environment.scenario.slots }

    /// The loop: every slot of every episode, a checkpoint every `checkpointEveryEpisodes` episodes and at the end.
    public var loop: TrainingLoop {
        TrainingLoop(steps: configuration.episodes * slotsPerEpisode, checkpointEvery: configuration.checkpointEveryEpisodes * slotsPerEpisode,
                     label: "\(Learner.kind.rawValue) training")
    }

    public var metricNames: [String] {
        ["episode_return", "mean_completion", "mean_queue"] + learner.lossNames + ["eval_return", "eval_completion", "eval_queue"]
    }

    /// The seed of training episode `e`.
    public func trainingEpisodeSeed(_ e: Int) -> UInt64 {
        var random = RandomSource(seed: configuration.seed, stream: "vehicular.marl.episode.\(e)")
        return random.next()
    }

    public mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        let slots = slotsPerEpisode, episode = step / slots, m = environment.agents
        if step % slots == 0 {
            try environment.reset(seed: trainingEpisodeSeed(episode))
            sums = sums.map { _ in 0 }
        }
        let state = environment.observation.state
        let actions = learner.act(rows: AgentInputs.rows(states: [state], agents: m), masks: AgentInputs.masks(states: [state], agents: m),
                                  exploring: true, step: step, random: &explore)
        let transition = environment.step(actions)
        try buffer.append(MARLBatch.row(state: state, actions: actions, reward: transition.reward, nextState: environment.observation.state))
        sums[0] += transition.reward
        sums[1] += transition.completion.reduce(0, +)
        sums[2] += transition.queues.reduce(0, +)
        sums[3] += Double(m)
        if buffer.count >= configuration.warmupSlots, (step + 1) % configuration.updateEvery == 0 {
            let batch = MARLBatch(try buffer.sampleBatch(configuration.batchSize), agents: m)
            for (k, loss) in try learner.update(batch, random: &updateRandom).enumerated() {
                sums[4 + 2 * k] += loss.value
                sums[5 + 2 * k] += 1
            }
        }
        guard (step + 1) % slots == 0 else { return [] }
        var points: [(name: String, value: Double)] = [("episode_return", sums[0]), ("mean_completion", sums[1] / sums[3]), ("mean_queue", sums[2] / sums[3])]
        for (k, name) in learner.lossNames.enumerated() where sums[5 + 2 * k] > 0 { points.append((name, sums[4 + 2 * k] / sums[5 + 2 * k])) }
        let every = configuration.evaluateEveryEpisodes
        if every > 0, (episode + 1) % every == 0 || episode + 1 == configuration.episodes {
            let e = try evaluate()
            points += [("eval_return", e.return), ("eval_completion", e.completion), ("eval_queue", e.queue)]
        }
        return points
    }

    /// Plays the fixed evaluation episodes greedily; returns the mean return, completion time and queue.
    public func evaluate() throws -> (return: Double, completion: Double, queue: Double) {
        var env = environment
        let m = environment.agents
        var noise = RandomSource(seed: configuration.evaluationSeed, stream: "vehicular.marl.evaluation.noise")
        var total = (return: 0.0, completion: 0.0, queue: 0.0)
        for e in 0..<configuration.evaluationEpisodes {
            try env.reset(seed: VehicularScenario.episodeSeed(configuration.evaluationSeed, episode: e))
            while !env.isFinished {
                let state = env.observation.state
                let actions = learner.act(rows: AgentInputs.rows(states: [state], agents: m), masks: AgentInputs.masks(states: [state], agents: m),
                                          exploring: false, step: 0, random: &noise)
                let t = env.step(actions)
                total.return += t.reward
                total.completion += t.completion.reduce(0, +)
                total.queue += t.queues.reduce(0, +)
            }
        }
        let episodes = Double(configuration.evaluationEpisodes), perVehicleSlot = episodes * Double(slotsPerEpisode * environment.agents)
        return (total.return / episodes, total.completion / perVehicleSlot, total.queue / perVehicleSlot)
    }

    /// The greedy policy of the current parameters.
    public func policy() throws -> VehicularLearnedPolicy { try learner.policy() }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        learner.save(into: &checkpoint)
        checkpoint.save(buffer, as: "replay")
        checkpoint.save(environment, as: "env")
        checkpoint.save(explore, as: "explore")
        checkpoint.save(updateRandom, as: "update")
        checkpoint.words["episode.sums"] = sums.map(\.bitPattern)
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try learner.restore(from: checkpoint)
        try checkpoint.restore(&buffer, from: "replay")
        try checkpoint.restore(&environment, from: "env")
        try checkpoint.restore(&explore, from: "explore")
        try checkpoint.restore(&updateRandom, from: "update")
        sums = try checkpoint.words("episode.sums", count: sums.count).map { Double(bitPattern: $0) }
    }
}

/// MAD2RL on the training loop.
public typealias MAD2RLTrainer = MARLTrainer<MAD2RLLearner>
/// P-QMIX on the training loop.
public typealias PQMIXTrainer = MARLTrainer<PQMIXLearner>
