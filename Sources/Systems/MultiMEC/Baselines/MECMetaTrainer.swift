import LabCore
import Learning
import Tensors

/// MetaLoader: first-order MAML with REINFORCE and a linear-feature baseline over the training
/// environments, one meta-iteration per loop step.
///
/// Meta-iteration k, for every training environment i in order (the meta-batch is the whole
/// list, as the repository's task sampler returns it):
/// 1. play one episode with the meta-policy θ (seed `root.derived("iteration k task i")`, the
///    `train` draw; actions from `root.derived("act k i train")`);
/// 2. adapt: θᵢ′ = θ − α·∇L(θ) on it, L the REINFORCE surrogate with advantages
///    `normalise(Gₜ − b(sₜ))`;
/// 3. play one episode with θᵢ′ (the `valid` draw) and take gᵢ = ∇L(θᵢ′) on it;
///
/// then one Adam step on θ with the first-order meta-gradient `mean gᵢ`, and the baseline b is
/// refitted on all of this iteration's episodes (used by the next iteration; see docs/multimec.md
/// "Baselines" for why it is not fitted on the adaptation episode itself).
///
/// The state a checkpoint carries: the policy, its Adam moments, the baseline's coefficients and
/// the steps played; every random stream derives from the seed by name.
public struct MECMetaTrainer: Trainer {
    /// The training environments (the meta-batch).
    public let environments: [MECEnvironment]
    /// The settings.
    public let configuration: MECMetaConfiguration
    /// The meta-policy θ.
    public let policy: GaussianMLPPolicy
    /// The value baseline.
    public private(set) var baseline: LinearFeatureBaseline
    /// Environment steps played so far.
    public private(set) var stepsPlayed = 0
    private var optimizer: Adam
    private let root: RandomSource

    /// A fresh trainer.
    ///
    /// - Throws: `.invalidInput` for an empty list, environments with different UE counts or an
    ///   invalid configuration.
    public init(environments: [MECEnvironment], configuration: MECMetaConfiguration) throws {
        let c = try configuration.validated()
        guard let first = environments.first else { throw LabError(.invalidInput, "MetaLoader needs at least one environment") }
        guard environments.allSatisfy({ $0.users == first.users }) else {
            throw LabError(.invalidInput, "MetaLoader's environments must all have \(first.users) UEs (observations must have one width)")
        }
        (self.environments, self.configuration) = (environments, c)
        root = RandomSource(seed: c.seed, stream: "multimec.meta")
        var r = root.derived("init")
        policy = GaussianMLPPolicy(observationSize: first.observationSize, actionSize: first.actionSize, hiddenSizes: c.hiddenSizes,
                                   initialStd: c.initialStd, using: &r)
        baseline = LinearFeatureBaseline(observationSize: first.observationSize)
        optimizer = Adam(policy.parameters)
    }

    /// The loop: one step per meta-iteration.
    public var loop: TrainingLoop { TrainingLoop(steps: configuration.metaIterations, checkpointEvery: configuration.checkpointEvery, label: "MetaLoader iterations") }

    /// The policy for evaluation: it adapts on one episode of each environment it meets (seeded
    /// from `adaptationSeed`), then acts with the adapted mean.
    public func adaptingPolicy(adaptationSeed: UInt64, name: String = "MetaLoader") -> MECMetaPolicy {
        MECMetaPolicy(policy: policy, baseline: baseline, configuration: configuration, adaptationSeed: adaptationSeed, name: name)
    }

    /// True once the interaction budget is spent (the loop then stops).
    public var isComplete: Bool { configuration.environmentSteps.map { stepsPlayed >= $0 } ?? false }

    public var metricNames: [String] { ["cost_before", "cost_after", "loss_before", "loss_after", "steps"] }

    public mutating func step(_ step: Int) throws -> [(name: String, value: Double)] {
        let c = configuration, budget = c.environmentSteps ?? Int.max
        guard stepsPlayed < budget else { return [] }
        let theta = policy.weights.map { $0.detached() }
        var meta = theta.map { Tensor.zeros($0.shape) }
        var rows: [MECMetaEpisode] = [], before = 0.0, after = 0.0, lossBefore = 0.0, lossAfter = 0.0, tasks = 0
        for (i, environment) in environments.enumerated() where stepsPlayed < budget {
            var seeds = root.derived("iteration \(step) task \(i)")
            var act = root.derived("act \(step) \(i) train"), actAdapted = root.derived("act \(step) \(i) valid")
            let train = try MECMetaLearning.rollout(policy, weights: theta, environment: environment, seed: seeds.next(), acting: &act,
                                                    limit: budget - stepsPlayed)
            stepsPlayed += train.count
            let (g, l) = MECMetaLearning.gradient(policy, weights: theta, episode: train, baseline: baseline, discount: c.discount)
            let adapted = Tensor.withoutGrad { zip(theta, g).map { $0 - $1 * c.fastLearningRate } }
            let valid = try MECMetaLearning.rollout(policy, weights: adapted, environment: environment, seed: seeds.next(), acting: &actAdapted,
                                                    limit: budget - stepsPlayed)
            stepsPlayed += valid.count
            let (gv, lv) = MECMetaLearning.gradient(policy, weights: adapted, episode: valid, baseline: baseline, discount: c.discount)
            meta = Tensor.withoutGrad { zip(meta, gv).map { $0 + $1 } }
            rows += [train, valid]
            (before, after, lossBefore, lossAfter, tasks) = (before + train.meanCost, after + valid.meanCost, lossBefore + Double(l), lossAfter + Double(lv), tasks + 1)
        }
        guard tasks > 0 else { return [] }
        // The Adam step on θ with gradient mean gᵢ: back-propagate Σ_p ⟨θ_p, ḡ_p⟩.
        optimizer.zeroGrad()
        let scale = 1 / Float(tasks)
        var surrogate = Tensor(0)
        for (parameter, g) in zip(policy.parameters, meta) {
            let mean = Tensor.withoutGrad { g * scale }
            surrogate = surrogate + (parameter.value * mean).sum()
        }
        surrogate.backward()
        optimizer.step(learningRate: c.metaLearningRate)
        baseline.fit(observations: rows.flatMap(\.observations), timesteps: rows.flatMap(\.timesteps),
                     returns: rows.flatMap { Reinforce.returns($0.rewards, discount: c.discount) })
        let n = Double(tasks)
        return [("cost_before", before / n), ("cost_after", after / n), ("loss_before", lossBefore / n), ("loss_after", lossAfter / n),
                ("steps", Double(stepsPlayed))]
    }

    public func save(into checkpoint: inout TrainingCheckpoint) {
        checkpoint.save(policy, as: "meta.policy")
        checkpoint.save(optimizer, as: "meta.adam")
        checkpoint.words["meta.baseline"] = baseline.coefficients.map(\.bitPattern)
        checkpoint.words["meta.stepsPlayed"] = [UInt64(stepsPlayed)]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint) throws {
        try checkpoint.restore(policy, from: "meta.policy")
        try checkpoint.restore(&optimizer, from: "meta.adam")
        baseline.coefficients = try checkpoint.words("meta.baseline", count: baseline.featureSize).map(Double.init(bitPattern:))
        stepsPlayed = Int(truncatingIfNeeded: try checkpoint.words("meta.stepsPlayed", count: 1)[0])
    }

    /// Trains through the training loop, resuming from `sink`'s latest checkpoint.
    public static func train(environments: [MECEnvironment], configuration: MECMetaConfiguration, sink: any TrainingSink) throws -> MECMetaTrainer {
        var trainer = try MECMetaTrainer(environments: environments, configuration: configuration)
        try trainer.loop.run(&trainer, sink: sink)
        return trainer
    }
}
