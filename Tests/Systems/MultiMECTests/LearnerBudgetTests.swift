import LabCore
import Learning
@testable import MultiMEC
import Testing

/// The interaction budget of SACLoader and MTLoader (the loop stops once it is spent, and a
/// killed budgeted run resumes bit-identically) and the planner's prompt modes.
@Suite struct LearnerBudgetTests {
    static let environments = SACTrainerTests.environments

    static func budgeted(_ steps: Int) -> MECSACConfiguration {
        var c = SACTrainerTests.small(episodes: 1_000)
        c.environmentSteps = steps
        return c
    }

    @Test func sacBudgetStopsTheRunAtTheStepCountAndEndsTheLoop() throws {
        let sink = MemorySink()
        let t = try MECSACTrainer.train(environments: Self.environments, configuration: Self.budgeted(37), sink: sink)
        #expect(t.log.steps == 37)
        #expect(t.replay.count == 37)
        // The loop ends with the budget (one last checkpoint) instead of idling through 1,000 episodes.
        let last = try #require(sink.checkpoints.last)
        #expect(last.step == t.log.count && last.step < 40)
        #expect(t.isComplete)
        var bad = Self.budgeted(1)
        bad.environmentSteps = 0
        #expect(throws: LabError.self) { try MECSACTrainer(environments: Self.environments, configuration: bad) }
    }

    @Test func killedBudgetedSACRunResumesBitIdentically() throws {
        let whole = MemorySink()
        let reference = try MECSACTrainer.train(environments: Self.environments, configuration: Self.budgeted(45), sink: whole)
        let interrupted = MemorySink()
        interrupted.failAfterCheckpoints = 1
        #expect(throws: MemorySink.InterruptedTraining.self) {
            _ = try MECSACTrainer.train(environments: Self.environments, configuration: Self.budgeted(45), sink: interrupted)
        }
        interrupted.failAfterCheckpoints = nil
        let resumed = try MECSACTrainer.train(environments: Self.environments, configuration: Self.budgeted(45), sink: interrupted)
        #expect(interrupted.checkpoints.last?.state == whole.checkpoints.last?.state)
        #expect(resumed.replay.rows == reference.replay.rows)
        #expect(resumed.log.steps == 45)
    }

    @Test func noBudgetPlaysEveryEpisode() throws {
        let t = try MECSACTrainer.train(environments: Self.environments, configuration: SACTrainerTests.small(episodes: 4), sink: MemorySink())
        #expect(t.log.count == 4)
        #expect(!t.isComplete)
    }

    @Test func promptModesReplaceThePools() throws {
        let data = try PlannerFixture.dataset()
        #expect(try data.withPromptMode(.trajectory, promptLength: 3).prompts == data.prompts)
        let none = try data.withPromptMode(.none, promptLength: 3)
        #expect(none.episodes == data.episodes && none.normalizer == data.normalizer)
        for pool in none.prompts {
            #expect(pool.count == 1 && pool[0].length == 3)
            #expect(pool[0].observations.allSatisfy { $0 == 0 } && pool[0].actions.allSatisfy { $0 == 0 })
        }
        let oneHot = try data.withPromptMode(.oneHot, promptLength: 3)
        for (e, pool) in oneHot.prompts.enumerated() {
            let o = data.observationSize
            for t in 0..<3 {
                let row = Array(pool[0].observations[(t * o)..<((t + 1) * o)])
                #expect(row[e] == 1 && row.reduce(0, +) == 1)
            }
        }
        let unseen = PlannerPromptMode.oneHot.prompts(pool: [], index: nil, count: 2, length: 2, observationSize: 4, actionSize: 2)
        #expect(unseen[0].observations == [Float](repeating: 0, count: 8) && unseen[0].actions == [0, 0, 0, 0])
    }
}
