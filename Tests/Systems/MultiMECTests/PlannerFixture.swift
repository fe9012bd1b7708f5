import LabCore
import Learning
@testable import MultiMEC

/// A tiny planner data set recorded from the heuristics in 2 environments with U = 4.
enum PlannerFixture {
    static let environments = [try! MECEnvironment.parse("6,5,500", users: 4), try! MECEnvironment.parse("10,10,100", users: 4)]

    /// Records `count` episodes of environment `index` with a mix of heuristics (terminating on violations).
    static func record(_ index: Int, count: Int, seed: UInt64) -> [PlannerEpisode] {
        let env = environments[index]
        return (0..<count).map { i in
            var policy: any MECPolicy
            switch i % 3 {
            case 0: policy = MECLargestTasks(count: i % 4)
            case 1: policy = MECRandomHalf(random: RandomSource(seed: seed, stream: "half.\(i)"))
            default: policy = MECAllLocal()
            }
            var episode = MECEpisode(environment: env, seed: seed &+ UInt64(i), terminateOnViolation: true)
            var obs = [Float](), acts = [Float](), rewards = [Float](), a = [Float]()
            while !episode.isFinished {
                obs += episode.observation
                policy.act(episode, into: &a)
                acts += a
                rewards.append(Float((try? episode.step(actions: a))?.reward ?? 0))
            }
            return PlannerEpisode(environment: index, observations: obs, actions: acts, rewards: rewards)
        }
    }

    static func dataset(episodes: Int = 12, configuration: PlannerConfiguration = small) throws -> PlannerDataset {
        let train = (0..<2).flatMap { record($0, count: episodes, seed: 100 + UInt64($0)) }
        let prompts = (0..<2).map { record($0, count: 6, seed: 200 + UInt64($0)).filter { $0.length >= configuration.promptLength } }
        return try PlannerDataset(observationSize: 32, actionSize: 8, episodes: train, prompts: prompts, promptLength: configuration.promptLength)
    }

    /// A small, fast configuration.
    static var small: PlannerConfiguration {
        var c = PlannerConfiguration()
        (c.width, c.innerWidth, c.embeddingHidden, c.diffusionSteps) = (16, 32, [16], 5)
        (c.itemsPerBatch, c.learningRate, c.trainingSteps, c.checkpointEvery) = (4, 3e-3, 40, 10)
        c.average = ExponentialMovingAverage(decay: 0.9, warmupSteps: 10, every: 2)
        return c
    }
}
