import LabCore
import Learning
import Tensors
import Testing
import Vehicular

/// The Dec-POMDP wrapper, the MAD2RL and P-QMIX trainers on the training loop, and learned
/// policies as simulation decision rules.
@Suite struct LearnerTests {
    static func scenario(vehicles: Int = 3, slots: Int = 10) -> VehicularScenario {
        var s = VehicularScenario()
        (s.vehicles, s.slots) = (vehicles, slots)
        return s
    }

    static func tinyConfiguration() -> MARLConfiguration {
        var c = MARLConfiguration()
        (c.episodes, c.batchSize, c.warmupSlots, c.replayCapacity) = (6, 8, 16, 40)  // the buffer wraps
        (c.hidden, c.mixerEmbedding, c.denoisingSteps) = (8, 4, 2)
        (c.checkpointEveryEpisodes, c.evaluateEveryEpisodes, c.evaluationEpisodes) = (2, 3, 1)
        (c.epsilonDecaySlots, c.targetUpdatePeriod, c.seed) = (30, 5, 7)
        return c
    }

    @Test func observationFeaturesFollowTheTable() throws {
        var env = try VehicularMARLEnvironment(scenario: Self.scenario(), allocation: .majorisation(iterations: 10), lyapunovGuidance: true)
        try env.reset(seed: 3)
        let o = env.observation, v = o.vehicles[2]
        let f = o.features(2)
        #expect(f.count == VehicularObservation.featureWidth && o.state.count == 3 * 14)
        #expect(f[0] == Float(v.x / 1000) && f[1] == Float(v.speed / 25) && f[4] == Float(v.localGFLOPS / 25))
        #expect(f[3] == Float(o.slot.entries[2].rate / 40e6))
        #expect(Array(f[7..<10]) == [0, 0, 1], "vehicle 2 runs VGG16")
        #expect(f[12] == Float(200.0 / 400) && f[13] == Float(10.0 / 50))
        let masks = AgentInputs.masks(states: [o.state], agents: 3).scalars
        #expect(masks == [1, 1, 1, 1, 1, 1, 0, 0] + [1, 1, 1, 1, 1, 1, 1, 0] + [1, 1, 1, 1, 1, 1, 1, 1])
        let rows = AgentInputs.rows(states: [o.state], agents: 3)
        #expect(rows.shape == [3, 17] && Array(rows.scalars[(2 * 17 + 14)..<(3 * 17)]) == [0, 0, 1])
    }

    @Test func stepUsesTheConfiguredAllocationAndReward() throws {
        let partitions = [0, 3, 4]
        for (allocation, guided) in [(VehicularSlot.Allocation.majorisation(iterations: 10), true), (.equal, true), (.majorisation(iterations: 10), false)] {
            var env = try VehicularMARLEnvironment(scenario: Self.scenario(), allocation: allocation, lyapunovGuidance: guided)
            try env.reset(seed: 4)
            _ = env.step([5, 6, 7])  // build some queue first
            let slot = env.observation.slot
            let t = env.step(partitions)
            if guided {
                let outcome = slot.evaluate(VehicularSlot.Decision(partitions: partitions), allocation: allocation)
                #expect(t.completion == outcome.completion)
                #expect(t.reward == min(max(-outcome.objective / 30, -10), 10))
            } else {
                #expect(abs(t.reward - (-t.completion.reduce(0, +) / 3)) < 1e-12)
                // Weights 1: the square-root rule on the edge work alone.
                let work = partitions.enumerated().map { slot.entries[$0.offset].model.candidates[$0.element].edgeGFLOPs }
                let roots = work.map { $0.squareRoot() }, total = roots.reduce(0, +)
                for i in 0..<3 {
                    let expected = slot.fixedTime(i, partition: partitions[i]) + work[i] / (200 * roots[i] / total)
                    #expect(abs(t.completion[i] - expected) < 1e-9 * expected)
                }
            }
        }
    }

    static func resumesBitIdentically<L: MARLLearner>(_: L.Type) throws {
        let scenario = Self.scenario(), c = Self.tinyConfiguration()
        var clean = try MARLTrainer<L>(scenario: scenario, configuration: c)
        let cleanSink = MemorySink()
        try clean.loop.run(&clean, sink: cleanSink)
        #expect(cleanSink.metrics["episode_return"]?.count == 6)
        #expect(cleanSink.metrics["eval_return"]?.map(\.step) == [30, 60])
        #expect(cleanSink.metrics["critic_loss"]?.isEmpty == false)

        let sink = MemorySink()
        sink.failAfterCheckpoints = 2
        var first = try MARLTrainer<L>(scenario: scenario, configuration: c)
        #expect(throws: MemorySink.InterruptedTraining.self) { try first.loop.run(&first, sink: sink) }
        sink.failAfterCheckpoints = nil
        var resumed = try MARLTrainer<L>(scenario: scenario, configuration: c)
        #expect(try resumed.loop.run(&resumed, sink: sink) == 40)
        var a = TrainingCheckpoint(step: 0), b = TrainingCheckpoint(step: 0)
        clean.save(into: &a)
        resumed.save(into: &b)
        #expect(a == b, "the resumed run ends with the same networks, optimisers, replay rows and streams")
        #expect(clean.buffer.rows == resumed.buffer.rows && clean.buffer.appended == 60)
        #expect(Curves(sink) == Curves(cleanSink))
        let (p1, p2) = (try clean.policy().encoded(), try resumed.policy().encoded())
        #expect(p1 == p2)
    }

    @Test func mad2rlResumesBitIdentically() throws { try Self.resumesBitIdentically(MAD2RLLearner.self) }
    @Test func pqmixResumesBitIdentically() throws { try Self.resumesBitIdentically(PQMIXLearner.self) }

    @Test func learnedPolicyRoundTripsAndDecidesInTheSimulation() throws {
        let scenario = Self.scenario(slots: 8)
        for kind in VehicularLearnedPolicy.Kind.allCases {
            let c = Self.tinyConfiguration()
            var rng = RandomSource(seed: 1)
            let policy: VehicularLearnedPolicy = kind == .mad2rl
                ? try MAD2RLLearner(configuration: c, agents: 3, using: &rng).policy()
                : try PQMIXLearner(configuration: c, agents: 3, using: &rng).policy()
            let decoded = try VehicularLearnedPolicy.decode(policy.encoded())
            #expect(decoded.encoded() == policy.encoded() && decoded.kind == kind)
            let run = try scenario.simulate(policy: policy, episodes: 2, seed: 5)
            let again = try scenario.simulate(policy: decoded, episodes: 2, seed: 5)
            #expect(run == again && run.episodes.count == 2 && run.partitions[0].count == 8)
            #expect(run.meanCompletion > 0)
            #expect(throws: LabError.self) { try Self.scenario(vehicles: 4).simulate(policy: policy, episodes: 1, seed: 5) }
            var corrupt = policy.encoded()
            corrupt[12] ^= 0xFF
            #expect(throws: LabError.self) { try VehicularLearnedPolicy.decode(corrupt) }
            #expect(throws: LabError.self) { try VehicularLearnedPolicy.decode(Array(policy.encoded().prefix(30))) }
        }
    }

    @Test func invalidSettingsAreRejected() throws {
        var c = MARLConfiguration()
        c.denoisingSteps = 0
        #expect(throws: LabError.self) { try MAD2RLTrainer(scenario: Self.scenario(), configuration: c) }
        var v2v = Self.scenario()
        v2v.v2v = true
        #expect(throws: LabError.self) { try PQMIXTrainer(scenario: v2v, configuration: MARLConfiguration()) }
        #expect(throws: LabError.self) { try PQMIXTrainer(scenario: Self.scenario(slots: 0), configuration: MARLConfiguration()) }
        #expect(throws: LabError.self) { try MAD2RLTrainer(scenario: Self.scenario(vehicles: 65), configuration: MARLConfiguration()) }
        var huge = MARLConfiguration()
        huge.replayCapacity = 10_000_000
        #expect(throws: LabError.self) { try PQMIXTrainer(scenario: Self.scenario(vehicles: 20), configuration: huge) }
    }
}

/// A sink's metric curves as comparable bits.
private struct Curves: Equatable {
    let points: [String: [String]]
    init(_ sink: MemorySink) { points = sink.metrics.mapValues { $0.map { "\($0.step):\($0.value.bitPattern)" } } }
}
