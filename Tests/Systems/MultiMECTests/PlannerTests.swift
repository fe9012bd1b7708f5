import Foundation
import LabCore
import Learning
import Tensors
import Testing
import TestSupport
@testable import MultiMEC

@Suite struct PlannerTests {
    @Test func returnToGoAndWindowsFollowTheRepository() throws {
        let e = PlannerEpisode(environment: 0, observations: [Float](repeating: 0, count: 3), actions: [Float](repeating: 0, count: 3),
                               rewards: [0, 0, 8])
        #expect(abs(e.returnToGo(at: 0, discount: 0.5) - 2 / 20) < 1e-7)
        #expect(abs(e.returnToGo(at: 2, discount: 0.5) - 8 / 18) < 1e-7)
        #expect(e.returnToGo(at: 5, discount: 0.5) == 0)
        let data = try PlannerDataset(observationSize: 1, actionSize: 1, episodes: [e], prompts: [[e]], promptLength: 3)
        // start < min(T − 1, 20 − H): T = 3 gives starts 0 and 1.
        #expect(data.windows(horizon: 4)[0].map(\.start) == [0, 1])
        #expect(data.windows(horizon: 19)[0].map(\.start) == [0])
    }

    @Test func normaliserWidensOnlyConstantDimensions() {
        let a = PlannerEpisode(environment: 0, observations: [0, 5, 2, 5], actions: [-1, 1], rewards: [0, 0])
        let n = PlannerNormalizer(fitting: [a], observationSize: 2, actionSize: 1)
        #expect(n.observationLow == [0, 4] && n.observationHigh == [2, 6])
        var out = [Float]()
        n.normalizeObservation([2, 5][...], into: &out)
        #expect(out == [1, 0])
        n.normalizeAction([0.5][...], into: &out)
        #expect(n.denormalizeAction(out[...]) == [0.5])
    }

    @Test func invalidDataAndSettingsAreRefused() throws {
        let good = PlannerEpisode(environment: 0, observations: [0, 0], actions: [0, 0], rewards: [0, 1])
        let short = PlannerEpisode(environment: 0, observations: [0], actions: [0], rewards: [1])
        let wrongEnv = PlannerEpisode(environment: 3, observations: [0, 0], actions: [0, 0], rewards: [0, 1])
        let nan = PlannerEpisode(environment: 0, observations: [0, .nan], actions: [0, 0], rewards: [0, 1])
        for (episodes, prompts) in [([good], [[short]]), ([wrongEnv], [[good]]), ([nan], [[good]]), ([], [[good]]), ([good], [[]])] {
            #expect(throws: LabError.self) {
                try PlannerDataset(observationSize: 1, actionSize: 1, episodes: episodes, prompts: prompts, promptLength: 2)
            }
        }
        var c = PlannerConfiguration()
        c.heads = 3
        #expect(throws: LabError.self) { try c.validate() }
        try PlannerConfiguration().validate()
        try PlannerConfiguration.repository.validate()
        #expect(PlannerConfiguration().tokens == 13 && PlannerConfiguration.repository.tokens == 17)
    }

    func network(seed: UInt64 = 1) -> (PlannerNetwork, PlannerConditions) {
        var c = PlannerFixture.small
        (c.width, c.innerWidth, c.embeddingHidden, c.dropout, c.horizon) = (8, 8, [6], 0, 3)
        var rng = RandomSource(seed: seed)
        let net = PlannerNetwork(configuration: c, observationSize: 3, actionSize: 2, using: &rng)
        for p in net.parameters { p.assign(p.value + Tensor.uniform(p.value.shape, low: -0.3, high: 0.3, using: &rng)) }
        let conditions = PlannerConditions(prompts: randomTensor([2, c.promptLength, 5], seed: 2), history: randomTensor([2, 2, 3], seed: 3),
                                           returns: [0.5, -1], keep: [1, 0])
        return (net, conditions)
    }

    @Test func networkGradientsMatchFiniteDifferences() {
        let (net, conditions) = network()
        var rng = RandomSource(seed: 0)
        checkGradients([randomTensor([2, 3, 2], seed: 4)], step: 1e-3) {
            net($0[0], steps: [0, 4], conditions: conditions, training: false, using: &rng)
        }
    }

    @Test func laterPlannedActionsDoNotReachEarlierPredictions() {
        let (net, conditions) = network(seed: 2)
        var rng = RandomSource(seed: 0)
        let x = randomTensor([2, 3, 2], seed: 5)
        var y = x
        y[0, 2, 1] += 3
        let a = net(x, steps: [1, 2], conditions: conditions, training: false, using: &rng).scalars
        let b = net(y, steps: [1, 2], conditions: conditions, training: false, using: &rng).scalars
        #expect(Array(a[0..<4]) == Array(b[0..<4]))
        #expect(Array(a[4..<6]) != Array(b[4..<6]))
        #expect(Array(a[6...]) == Array(b[6...]), "rows are independent")
    }

    @Test func returnMaskRemovesTheReturn() {
        let (net, conditions) = network(seed: 3)
        var rng = RandomSource(seed: 0)
        var other = conditions
        other.returns = [7, 9]
        let x = randomTensor([2, 3, 2], seed: 6)
        let a = net(x, steps: [1, 1], conditions: conditions, training: false, using: &rng).scalars
        let b = net(x, steps: [1, 1], conditions: other, training: false, using: &rng).scalars
        #expect(Array(a[0..<6]) != Array(b[0..<6]), "kept return matters")
        #expect(Array(a[6...]) == Array(b[6...]), "dropped return does not")
    }

    @Test func returnTargets() {
        let t = PlannerReturnTarget.initial(2, discount: 0.99)
        #expect(t.value(atStep: 0) == 2)
        #expect(abs(t.value(atStep: 19) - 2 * 20 / Float(Foundation.pow(0.99, 19.0))) < 1e-4)
        #expect(PlannerReturnTarget.repository.value(atStep: 7) == 6)
        let e = [1, 2, 3, 4].map { PlannerEpisode(environment: 0, observations: [0], actions: [0], rewards: [Float($0) * 20]) }
        #expect(abs(PlannerDataset.initialReturnQuantile(0.9, of: e, discount: 0.99)! - 3.7) < 1e-5)
        #expect(PlannerDataset.initialReturnQuantile(0.9, of: [], discount: 0.99) == nil)
    }

    @Test func trainingLowersTheLossAndIsDeterministic() throws {
        let data = try PlannerFixture.dataset()
        let c = PlannerFixture.small
        let sink = MemorySink(), again = MemorySink()
        let a = try DiffusionPlanner.train(data, configuration: c, seed: 5, sink: sink)
        let b = try DiffusionPlanner.train(data, configuration: c, seed: 5, sink: again)
        #expect(ParameterSet(of: a.network) == ParameterSet(of: b.network))
        let losses = sink.metrics["loss"]!.map(\.value)
        #expect(losses.count == c.trainingSteps)
        #expect(losses == again.metrics["loss"]!.map(\.value))
        let early = losses.prefix(10).reduce(0, +), late = losses.suffix(10).reduce(0, +)
        #expect(late < early, "loss \(early / 10) → \(late / 10)")
        let other = try DiffusionPlanner.train(data, configuration: c, seed: 6)
        #expect(ParameterSet(of: other.network) != ParameterSet(of: a.network))
    }

    @Test func interruptedTrainingResumesBitIdentically() throws {
        let data = try PlannerFixture.dataset()
        var c = PlannerFixture.small
        c.trainingSteps = 30
        let whole = MemorySink()
        let reference = try DiffusionPlanner.train(data, configuration: c, seed: 8, sink: whole)
        let broken = MemorySink()
        broken.failAfterCheckpoints = 2
        #expect(throws: MemorySink.InterruptedTraining.self) { try DiffusionPlanner.train(data, configuration: c, seed: 8, sink: broken) }
        broken.failAfterCheckpoints = nil
        let resumed = try DiffusionPlanner.train(data, configuration: c, seed: 8, sink: broken)
        #expect(ParameterSet(of: resumed.network) == ParameterSet(of: reference.network))
        #expect(broken.checkpoints.last!.state == whole.checkpoints.last!.state)
        #expect(broken.metrics["loss"]!.suffix(10).map(\.value) == whole.metrics["loss"]!.suffix(10).map(\.value))
    }

    @Test func recedingHorizonPolicyPlaysEpisodesDeterministically() throws {
        let data = try PlannerFixture.dataset()
        var c = PlannerFixture.small
        c.trainingSteps = 5
        let planner = try DiffusionPlanner.train(data, configuration: c, seed: 3)
        var random = RandomSource(seed: 4)
        let plan = planner.plan(history: [Float](repeating: 0, count: 64), prompts: data.prompts[0], returnToGo: 1, using: &random)
        let clipped = plan.allSatisfy { $0 >= -1 && $0 <= 1 }
        #expect(plan.count == c.horizon * 8 && clipped)
        let target = PlannerReturnTarget.initial(PlannerDataset.initialReturnQuantile(0.9, of: data.episodes.filter { $0.environment == 0 }, discount: 0.99)!, discount: 0.99)
        func policy(_ seed: UInt64) throws -> PlannerPolicy {
            try PlannerPolicy(planner: planner, prompts: data.prompts[0], target: target, random: RandomSource(seed: seed))
        }
        let env = PlannerFixture.environments[0]
        let first = MECEvaluation.run(try policy(1), on: env, episodes: 2, evaluationSeed: 9)
        let second = MECEvaluation.run(try policy(1), on: env, episodes: 2, evaluationSeed: 9)
        #expect(first == second)
        #expect(first.meanSteps == 20 && first.policy == "diffloader")
        #expect(throws: LabError.self) { try PlannerPolicy(planner: planner, prompts: [], target: .repository, random: RandomSource(seed: 1)) }
    }
}
