import LabCore
import Learning
@testable import MultiMEC
import Testing

/// MoELoader and MetaLoader on the MEC environments: resuming bit-identically, the interaction
/// budget, the descriptor, and use as policies in ``MECEvaluation``.
@Suite struct BaselinesTests {
    static let environments = SACTrainerTests.environments

    static func moe(episodes: Int = 6, steps: Int? = nil) -> MECMoEConfiguration {
        var c = MECMoEConfiguration()
        c.base = SACTrainerTests.small(episodes: episodes)
        c.environmentSteps = steps
        return c
    }

    static func meta(iterations: Int = 4, steps: Int? = nil) -> MECMetaConfiguration {
        var c = MECMetaConfiguration()
        (c.hiddenSizes, c.metaIterations, c.checkpointEvery, c.environmentSteps, c.seed) = ([16, 16], iterations, 2, steps, 7)
        return c
    }

    @Test func descriptorHasFourNumbersPerUE() throws {
        let e = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500)
        #expect(e.descriptor.count == 80)
        #expect(e.descriptor.prefix(4).map { Double($0) } == [Double(Float(0.5)), Double(Float(1.0 / 3)), Double(Float(0.2)), Double(Float(0.6))])
        #expect(e.descriptor[76..<80] == e.descriptor[0..<4])
    }

    @Test func killedMoERunResumesBitIdentically() throws {
        let whole = MemorySink()
        let reference = try MECMoETrainer.train(environments: Self.environments, configuration: Self.moe(), sink: whole)
        let interrupted = MemorySink()
        interrupted.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) {
            _ = try MECMoETrainer.train(environments: Self.environments, configuration: Self.moe(), sink: interrupted)
        }
        interrupted.failAfterCheckpoints = nil
        let resumed = try MECMoETrainer.train(environments: Self.environments, configuration: Self.moe(), sink: interrupted)
        #expect(interrupted.checkpoints.last?.state == whole.checkpoints.last?.state)
        #expect(resumed.replay.rows == reference.replay.rows)
        #expect(resumed.stepsPlayed == reference.stepsPlayed)
        #expect(reference.agent.updates > 0)
    }

    @Test func moeBudgetStopsTheRunAtTheStepCount() throws {
        let t = try MECMoETrainer.train(environments: Self.environments, configuration: Self.moe(episodes: 20, steps: 37), sink: MemorySink())
        #expect(t.stepsPlayed == 37)
        #expect(t.replay.count == 37)
        var bad = Self.moe()
        bad.environmentSteps = 0
        #expect(throws: LabError.self) { try MECMoETrainer(environments: Self.environments, configuration: bad) }
        #expect(throws: LabError.self) { try MECMoETrainer(environments: [], configuration: Self.moe()) }
    }

    @Test func trainedMoEIsAnMECPolicy() throws {
        let t = try MECMoETrainer.train(environments: Self.environments, configuration: Self.moe(), sink: MemorySink())
        let a = MECEvaluation.run(t.policy(), on: Self.environments[0], episodes: 2, evaluationSeed: 3)
        let b = MECEvaluation.run(t.policy(), on: Self.environments[0], episodes: 2, evaluationSeed: 3)
        #expect(a == b)
        #expect(a.meanCost.isFinite && a.meanSteps == 20)
        let ten = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 10)
        #expect(MECEvaluation.run(t.policy(), on: ten, episodes: 1, evaluationSeed: 3).meanCost
                == MECEvaluation.run(MECAllLocal(), on: ten, episodes: 1, evaluationSeed: 3).meanCost)
    }

    @Test func killedMetaRunResumesBitIdentically() throws {
        let whole = MemorySink()
        let reference = try MECMetaTrainer.train(environments: Self.environments, configuration: Self.meta(), sink: whole)
        let interrupted = MemorySink()
        interrupted.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) {
            _ = try MECMetaTrainer.train(environments: Self.environments, configuration: Self.meta(), sink: interrupted)
        }
        interrupted.failAfterCheckpoints = nil
        let resumed = try MECMetaTrainer.train(environments: Self.environments, configuration: Self.meta(), sink: interrupted)
        #expect(interrupted.checkpoints.last?.state == whole.checkpoints.last?.state)
        #expect(resumed.baseline == reference.baseline)
        #expect(reference.baseline.coefficients.contains { $0 != 0 })
        #expect(whole.metrics["cost_after"]?.count == 4)
    }

    @Test func metaBudgetStopsTheRunAtTheStepCount() throws {
        let t = try MECMetaTrainer.train(environments: Self.environments, configuration: Self.meta(iterations: 50, steps: 45), sink: MemorySink())
        #expect(t.stepsPlayed == 45)
        var bad = Self.meta()
        bad.fastLearningRate = .nan
        #expect(throws: LabError.self) { try MECMetaTrainer(environments: Self.environments, configuration: bad) }
    }

    @Test func metaPolicyAdaptsOnASeededEpisodeOfTheTargetEnvironment() throws {
        let t = try MECMetaTrainer.train(environments: Self.environments, configuration: Self.meta(), sink: MemorySink())
        let target = try MECEnvironment(bandwidthMHz: 8, edgeGHz: 4, meanTaskKb: 800)
        let a = MECEvaluation.run(t.adaptingPolicy(adaptationSeed: 1), on: target, episodes: 2, evaluationSeed: 3)
        let b = MECEvaluation.run(t.adaptingPolicy(adaptationSeed: 1), on: target, episodes: 2, evaluationSeed: 3)
        #expect(a == b)
        #expect(a.meanCost.isFinite)
        var p = t.adaptingPolicy(adaptationSeed: 1)
        let episode = try p.adapt(to: target)
        #expect(episode.count >= 1)
        // The adapted weights differ from θ (one gradient step was taken) unless the episode had one step.
        if episode.count > 1 {
            #expect(zip(p.adapted?.weights ?? [], t.policy.weights).contains { $0.scalars != $1.scalars })
        }
        let ten = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: 10)
        #expect(throws: LabError.self) { try p.adapt(to: ten) }
    }
}
