import LabCore
import Learning
@testable import MultiMEC
import Testing

/// SAC data collection, SACLoader and MTLoader on the MEC environments: resuming, logging,
/// task encodings and use as a policy.
@Suite struct SACTrainerTests {
    static func small(episodes: Int = 6, encoding: MECTaskEncoding = .none) -> MECSACConfiguration {
        var c = MECSACConfiguration()
        (c.sac.hiddenSizes, c.sac.batchSize) = ([16, 16], 16)
        (c.episodes, c.updatesPerEpisode, c.checkpointEvery, c.encoding, c.seed) = (episodes, 2, 2, encoding, 5)
        return c
    }

    static let environments = [try! MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500),
                               try! MECEnvironment(bandwidthMHz: 10, edgeGHz: 2, meanTaskKb: 100)]

    @Test func killedRunResumesBitIdenticallyWithItsReplayBuffer() throws {
        let whole = MemorySink()
        let reference = try MECSACTrainer.train(environments: Self.environments, configuration: Self.small(), sink: whole)
        let interrupted = MemorySink()
        interrupted.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) {
            _ = try MECSACTrainer.train(environments: Self.environments, configuration: Self.small(), sink: interrupted)
        }
        #expect(interrupted.checkpoints.last?.step == 2)
        interrupted.failAfterCheckpoints = nil
        let resumed = try MECSACTrainer.train(environments: Self.environments, configuration: Self.small(), sink: interrupted)
        #expect(interrupted.checkpoints.last?.state == whole.checkpoints.last?.state)
        #expect(resumed.log == reference.log)
        #expect(resumed.replay.rows == reference.replay.rows)
        #expect(resumed.agent.updates == reference.agent.updates)
        #expect(whole.metrics["return"]?.count == 6)
    }

    @Test func logHoldsEveryEpisodeAndCyclesEnvironments() throws {
        let t = try MECSACTrainer.train(environments: Self.environments, configuration: Self.small(), sink: MemorySink())
        #expect(t.log.count == 6)
        #expect(t.log.environmentIndices == [0, 1, 0, 1, 0, 1])
        #expect(t.log.lengths.allSatisfy { (1...20).contains($0) })
        #expect(t.log.steps == t.log.lengths.reduce(0, +))
        #expect(t.replay.count == t.log.steps)
        for i in 0..<t.log.count {
            let last = t.log.starts[i] + t.log.lengths[i] - 1
            #expect(t.log.terminals[last])
            #expect(t.log.terminals[t.log.starts[i]..<last].allSatisfy { !$0 })
        }
        #expect(t.log.observations.count == t.log.steps * 160)
        #expect(t.log.actions.allSatisfy { abs($0) < 1 })
    }

    @Test func encodingsWidenTheObservation() throws {
        let oneHot = try MECSACTrainer(environments: Self.environments, configuration: Self.small(encoding: .oneHot))
        #expect(oneHot.layout.observationSize == 162)
        let descriptor = try MECSACTrainer(environments: Self.environments, configuration: Self.small(encoding: .descriptor))
        #expect(descriptor.layout.observationSize == 163)
        var buffer: [Float] = []
        MECTaskEncoding.oneHot.augment([7], environment: Self.environments[1], index: 1, count: 3, into: &buffer)
        #expect(buffer == [7, 0, 1, 0])
        MECTaskEncoding.descriptor.augment([7], environment: Self.environments[0], index: nil, count: 3, into: &buffer)
        #expect(buffer == [7, 0.6, 0.2, 0.5])
    }

    @Test func trainedPolicyIsAnMECPolicy() throws {
        let t = try MECSACTrainer.train(environments: Self.environments, configuration: Self.small(encoding: .oneHot), sink: MemorySink())
        let unseen = try MECEnvironment(bandwidthMHz: 5, edgeGHz: 6, meanTaskKb: 600)
        for e in Self.environments + [unseen] {
            let r = MECEvaluation.run(t.policy(name: "MTLoader"), on: e, episodes: 3, evaluationSeed: 9)
            #expect(r.meanSteps == 20)
            #expect(r.meanCost.isFinite && r.meanCost > 0)
            #expect(r.policy == "MTLoader")
        }
        let a = MECEvaluation.run(t.policy(), on: Self.environments[0], episodes: 3, evaluationSeed: 9)
        let b = MECEvaluation.run(t.policy(), on: Self.environments[0], episodes: 3, evaluationSeed: 9)
        #expect(a == b)
    }

    @Test func invalidSettingsAreRejected() {
        var c = Self.small()
        c.episodes = 0
        #expect(throws: LabError.self) { try MECSACTrainer(environments: Self.environments, configuration: c) }
        #expect(throws: LabError.self) { try MECSACTrainer(environments: [], configuration: Self.small()) }
        let ten = try! MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 10)
        #expect(throws: LabError.self) { try MECSACTrainer(environments: [Self.environments[0], ten], configuration: Self.small()) }
    }
}
