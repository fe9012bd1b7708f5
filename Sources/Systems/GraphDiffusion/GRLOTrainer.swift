import LabCore
import LAENet
import Learning
import Tensors

/// Hyper-parameters of GRLO's REINFORCE training (brief §8.4 "GRLO").
public struct GRLOConfig: Sendable, Hashable, Codable {
    /// Passes over the training set.
    public var epochs = 20
    /// Instances per step.
    public var batchSize = 32
    /// Peak AdamW learning rate (linear warm-up, then cosine decay to 1% of it).
    public var learningRate: Float = 1e-3
    /// AdamW's decoupled weight decay.
    public var weightDecay: Float = 0.01
    /// Share of all steps spent warming up.
    public var warmupFraction = 0.05
    /// Global gradient-norm clip.
    public var clipNorm: Float = 1
    /// Sampled decision vectors per instance and step (each compared with the greedy rollout).
    public var rolloutSamples = 4
    /// Samples per validation instance (plus the greedy one).
    public var validationSamples = 8
    /// Seed of the data order and of every sample.
    public var seed: UInt64 = 0

    /// The defaults.
    public init() {}
}

/// Trains a ``GRLOPolicy`` by REINFORCE with a greedy-rollout baseline, deterministically and
/// resumably (brief §8.4 "GRLO").
///
/// Per step, for each instance of the batch: the greedy decision vector of the current policy
/// (per-user argmax, no gradient) gives the baseline cost b; K = `rolloutSamples` decision vectors
/// drawn from the policy give costs c_k (both via ``GRLOPolicy/rolloutCost(_:in:)``: optimal-share
/// cost, repaired when jointly infeasible). The loss is `mean_k ((c_k − b) / b) · log π(d_k)`,
/// log π being the sum of the users' masked log-probabilities, averaged over the batch.
///
/// Resolutions of the brief's ambiguities: the baseline is the *current* policy's greedy rollout
/// (self-critical) rather than a frozen copy updated when better, so no second network or
/// significance test is needed and a checkpoint stays parameters + AdamW moments + epochs;
/// advantages are divided by the baseline cost so instances of very different cost weigh alike;
/// instances with no feasible decision vector contribute nothing.
///
/// Randomness: data order of epoch e from stream `"epoch e"`, samples of global step k from
/// `"step k"`, validation samples from `"validation e"` of `config.seed`. Metrics per step:
/// `loss` (the surrogate), `sampled_cost`, `greedy_cost` (batch means); per epoch:
/// `epoch_sampled_cost` (mean sampled cost over the epoch), `validation_cost_ratio`,
/// `validation_accuracy` (greedy + best of `validationSamples` against the labels).
public enum GRLOTrainer {
    /// Trains `policy` in place on `training` (no labels needed) and reports to `sink`.
    ///
    /// - Precondition: all instances share one scale; `training` is not empty.
    public static func train(_ policy: GRLOPolicy, on training: [LAENetModel], validation: [LabelledInstance] = [],
                             config: GRLOConfig, sink: any TrainingSink) throws -> TrainingSummary {
        precondition(!training.isEmpty, "nothing to train on")
        precondition(config.rolloutSamples >= 1, "need at least one rollout sample")
        let features = training.map(LAENetFeatures.init)
        let plan = EpochPlan(count: training.count, batchSize: config.batchSize, epochs: config.epochs, learningRate: config.learningRate,
                             warmupFraction: config.warmupFraction, seed: config.seed, stream: "grlo-train")
        let (stepsPerEpoch, totalSteps, root) = (plan.stepsPerEpoch, plan.totalSteps, plan.root)
        var optimizer = Adam.adamW(policy.parameters, weightDecay: config.weightDecay)
        let solver = GRLOSolver(samples: config.validationSamples)
        let firstEpoch = try TrainerCheckpoint.resume(policy, optimizer: &optimizer, from: sink)
        var lastLosses: [Double] = []
        var validationRatio: Double?, validationAccuracy: Double?
        for epoch in firstEpoch..<config.epochs {
            lastLosses = []
            var epochCosts: [Double] = []
            for (step, rows) in plan.batches(epoch: epoch) {
                let problems = rows.map { training[$0].problem }
                var sampleRNG = root.derived("step \(step)")
                optimizer.zeroGrad()
                let logp = policy.logProbabilities(InstanceBatch(rows.map { features[$0] }), problems: problems)
                let rollout = weights(logp.scalars, shape: logp.shape, problems: problems, samples: config.rolloutSamples, using: &sampleRNG)
                let finite = Tensor.withoutGrad { Tensor(shape: logp.shape, scalars: logp.scalars.map { $0 > -Float.infinity ? 0 : 1 }) }
                let loss = (logp.maskedFill(finite, with: 0) * rollout.weights).sum()
                loss.backward()
                clipGradients(optimizer.parameters, maxNorm: config.clipNorm)
                optimizer.step(learningRate: plan.schedule.learningRate(at: step))
                lastLosses.append(Double(loss.item))
                epochCosts += rollout.sampled
                sink.metric("loss", step: step + 1, value: Double(loss.item))
                if !rollout.sampled.isEmpty {
                    sink.metric("sampled_cost", step: step + 1, value: rollout.sampled.reduce(0, +) / Double(rollout.sampled.count))
                    sink.metric("greedy_cost", step: step + 1, value: rollout.greedy.reduce(0, +) / Double(rollout.greedy.count))
                }
                sink.progress(step + 1, of: totalSteps, "training")
            }
            if !epochCosts.isEmpty {
                sink.metric("epoch_sampled_cost", step: (epoch + 1) * stepsPerEpoch, value: epochCosts.reduce(0, +) / Double(epochCosts.count))
            }
            if !validation.isEmpty {
                var valRNG = root.derived("validation \(epoch)")
                let v = validate(policy, on: validation, solver: solver, using: &valRNG)
                (validationRatio, validationAccuracy) = (v.ratio, v.accuracy)
                sink.metric("validation_cost_ratio", step: (epoch + 1) * stepsPerEpoch, value: v.ratio)
                sink.metric("validation_accuracy", step: (epoch + 1) * stepsPerEpoch, value: v.accuracy)
            }
            // The checkpoint's step is the global step, the axis of the metric points it closes.
            try sink.saveCheckpoint(step: (epoch + 1) * stepsPerEpoch, state: TrainerCheckpoint.encode(policy, optimizer: optimizer, epochsDone: epoch + 1))
        }
        return TrainingSummary(steps: totalSteps, finalLoss: lastLosses.isEmpty ? nil : lastLosses.reduce(0, +) / Double(lastLosses.count),
                               validationCostRatio: validationRatio, validationAccuracy: validationAccuracy,
                               parameterDigest: ParameterSet(of: policy).digest)
    }

    /// Mean cost ratio (greedy + best of P, repaired; unsolved counts as 10) and accuracy at 1.1.
    public static func validate(_ policy: GRLOPolicy, on instances: [LabelledInstance], solver: GRLOSolver,
                                using rng: inout RandomSource) -> (ratio: Double, accuracy: Double) {
        let solved = solver.solve(instances.map(\.model), policy: policy, using: &rng)
        return TrainerCheckpoint.ratios(solved.map(\.cost), references: instances)
    }

    /// The REINFORCE weights `[B, U, S+2]` of one batch: for every sample k of instance b and every
    /// user u, `(c_k − b) / (b · B · K)` added at the sampled class; plus the costs drawn.
    static func weights(_ logp: [Float], shape: [Int], problems: [OffloadProblem], samples: Int,
                        using rng: inout RandomSource) -> (weights: Tensor, sampled: [Double], greedy: [Double]) {
        let (batch, users, classes) = (shape[0], shape[1], shape[2])
        let stride = users * classes
        var w = [Float](repeating: 0, count: logp.count)
        var sampled: [Double] = [], greedy: [Double] = []
        for (b, problem) in problems.enumerated() {
            let row = logp[(b * stride)..<((b + 1) * stride)]
            let greedyClasses = GRLOPolicy.greedyClasses(row, users: users)
            let draws = (0..<samples).map { _ in GRLOPolicy.sampleClasses(row, users: users, using: &rng) }
            guard let base = GRLOPolicy.rolloutCost(GRLOPolicy.decisions(greedyClasses, in: problem), in: problem)?.cost,
                  base > 0 else { continue }
            greedy.append(base)
            for picked in draws {
                guard let c = GRLOPolicy.rolloutCost(GRLOPolicy.decisions(picked, in: problem), in: problem)?.cost else { continue }
                sampled.append(c)
                let advantage = Float((c - base) / base) / Float(batch * samples)
                for (u, k) in picked.enumerated() { w[b * stride + u * classes + k] += advantage }
            }
        }
        return (Tensor(shape: shape, scalars: w), sampled, greedy)
    }
}
