import LabCore
import Learning
import Tensors
import Testing

/// A deterministic chain of four states: action 1 moves right, action 0 left (not below 0);
/// reaching the last state pays 1 and the episode restarts at state 0.
enum Chain {
    static let states = 4
    static func step(_ s: Int, _ a: Int) -> (next: Int, reward: Float, done: Bool) {
        let n = a == 1 ? s + 1 : max(0, s - 1)
        return (n, n == states - 1 ? 1 : 0, n == states - 1)
    }
}

/// Deep Q-learning on ``Chain`` through ``TrainingLoop``: one environment step per loop step,
/// then one gradient update from a replay batch once the buffer holds one, and a soft target
/// update. Everything it needs to resume is in its checkpoint.
struct ChainQLearner: Trainer {
    static let (batch, gamma, tau) = (16, Float(0.9), Float(0.1))
    let online: MLP, target: MLP
    var optimizer: Adam
    var buffer: ReplayBuffer
    var explore: RandomSource
    var state = 0
    let epsilon = EpsilonSchedule.linear(start: 1, end: 0.05, steps: 150)

    init(initSeed: UInt64, seed: UInt64) throws {
        var rng = RandomSource(seed: initSeed)
        online = MLP([Chain.states, 16, 2], activation: .tanh, using: &rng)
        target = MLP([Chain.states, 16, 2], activation: .tanh, using: &rng)
        try target.hardUpdate(from: online)
        optimizer = Adam(online.parameters)
        let root = RandomSource(seed: seed, stream: "chain")
        buffer = try ReplayBuffer(capacity: 64, width: 5, sampler: root.derived("replay"))
        explore = root.derived("explore")
    }

    var metricNames: [String] { ["reward", "loss"] }

    func q(_ states: [Int], _ net: MLP) -> Tensor { net(Tensor.oneHot(states, classes: Chain.states)) }

    mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        let greedy = Tensor.withoutGrad { q([state], online) }.argmaxLastAxis()[0]
        let action = explore.nextDouble() < epsilon.value(at: step) ? explore.int(below: 2) : greedy
        let (next, reward, done) = Chain.step(state, action)
        try buffer.append([Float(state), Float(action), reward, Float(next), done ? 1 : 0])
        state = done ? 0 : next
        var points: [(name: String, value: Double)] = [("reward", Double(reward))]
        guard buffer.count >= Self.batch else { return points }
        let rows = try buffer.sampleBatch(Self.batch).scalars
        let column = { (c: Int) in (0..<Self.batch).map { rows[$0 * 5 + c] } }
        let (s, a, r, s2, d) = (column(0).map { Int($0) }, column(1).map { Int($0) }, column(2), column(3).map { Int($0) }, column(4))
        let nextValue = Tensor.withoutGrad { q(s2, target).max(alongAxis: 1) }.scalars
        let y = Tensor((0..<Self.batch).map { r[$0] + Self.gamma * (1 - d[$0]) * nextValue[$0] })
        optimizer.zeroGrad()
        let loss = Loss.mse((q(s, online) * Tensor.oneHot(a, classes: 2)).sum(alongAxis: 1), y)
        loss.backward()
        optimizer.step(learningRate: 1e-2)
        try target.softUpdate(toward: online, tau: Self.tau)
        points.append(("loss", Double(loss.item)))
        return points
    }

    func save(into checkpoint: inout TrainingCheckpoint) {
        checkpoint.save(online, as: "online")
        checkpoint.save(target, as: "target")
        checkpoint.save(optimizer, as: "adam")
        checkpoint.save(buffer, as: "replay")
        checkpoint.save(explore, as: "explore")
        checkpoint.words["env.state"] = [UInt64(state)]
    }

    mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try checkpoint.restore(online, from: "online")
        try checkpoint.restore(target, from: "target")
        try checkpoint.restore(&optimizer, from: "adam")
        try checkpoint.restore(&buffer, from: "replay")
        try checkpoint.restore(&explore, from: "explore")
        state = Int(try checkpoint.words("env.state", count: 1)[0])
    }

    /// Digest of both networks.
    var digest: SHA256.Digest { SHA256.hash(ParameterSet(of: online).encoded() + ParameterSet(of: target).encoded()) }
}

/// The off-policy kind of trainer: the loop runs an environment-stepping learner with a replay
/// buffer and a target network, which learns and resumes bit-identically.
@Suite struct OffPolicyTrainingTests {
    static let loop = TrainingLoop(steps: 300, checkpointEvery: 50)

    @Test func learnsTheOptimalPolicyOfTheChain() throws {
        var learner = try ChainQLearner(initSeed: 1, seed: 2)
        let sink = MemorySink()
        try Self.loop.run(&learner, sink: sink)
        // Reward only at the right end and γ < 1: moving right is optimal in every non-terminal state.
        let greedy = Tensor.withoutGrad { learner.q(Array(0..<(Chain.states - 1)), learner.online) }.argmaxLastAxis()
        #expect(greedy == [1, 1, 1], "greedy actions \(greedy)")
        #expect(sink.metrics["reward"]?.count == 300)
        #expect(sink.metrics["loss"]?.count == 300 - ChainQLearner.batch + 1)
        #expect(sink.checkpoints.map(\.step) == [50, 100, 150, 200, 250, 300])
    }

    @Test func resumedRunIsBitIdentical() throws {
        var clean = try ChainQLearner(initSeed: 1, seed: 2)
        let cleanSink = MemorySink()
        try Self.loop.run(&clean, sink: cleanSink)

        let sink = MemorySink()
        sink.failAfterCheckpoints = 3
        var first = try ChainQLearner(initSeed: 1, seed: 2)
        #expect(throws: MemorySink.InterruptedTraining.self) { try Self.loop.run(&first, sink: sink) }
        sink.failAfterCheckpoints = nil
        var resumed = try ChainQLearner(initSeed: 9, seed: 2)  // other weights: the checkpoint must overwrite them
        #expect(try Self.loop.run(&resumed, sink: sink) == 150)
        #expect(resumed.digest == clean.digest)
        #expect(resumed.buffer.rows == clean.buffer.rows)
        #expect(MetricCurves(sink) == MetricCurves(cleanSink))
    }
}

/// A sink's metric curves as comparable bits.
struct MetricCurves: Equatable {
    let points: [String: [String]]
    init(_ sink: MemorySink) { points = sink.metrics.mapValues { $0.map { "\($0.step):\($0.value.bitPattern)" } } }
}
