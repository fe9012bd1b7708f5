import LabCore
import LAENet
import Learning
import Tensors

/// Hyper-parameters of GRLO's REINFORCE training (docs/gadsg.md §8.4 "GRLO").
///
/// The optimiser, schedule, data-order and validation fields are those of ``TrainingConfig``
/// (read and written through this value: `config.epochs`, `config.seed`, …), with
/// `validationSamples` (samples per validation instance, plus the greedy one) defaulting to 8;
/// `maskPaddingInLoss` does not apply to GRLO.
@dynamicMemberLookup
public struct GRLOConfig: Sendable, Hashable, Codable {
    /// The fields shared with supervised training.
    public var training = TrainingConfig()
    /// Sampled decision vectors per instance and step (each compared with the greedy rollout).
    public var rolloutSamples = 4

    /// The defaults.
    public init() { training.validationSamples = 8 }

    /// A field of ``training``.
    public subscript<Value>(dynamicMember field: WritableKeyPath<TrainingConfig, Value>) -> Value {
        get { training[keyPath: field] }
        set { training[keyPath: field] = newValue }
    }
}

/// Trains a ``GRLOPolicy`` by REINFORCE with a greedy-rollout baseline, deterministically and
/// resumably (docs/gadsg.md §8.4 "GRLO").
///
/// Per step, for each instance of the batch: the greedy decision vector of the current policy
/// (per-user argmax, no gradient) gives the baseline cost b; K = `rolloutSamples` decision vectors
/// drawn from the policy give costs c_k (both via ``GRLOPolicy/rolloutCost(_:in:)``: optimal-share
/// cost, repaired when jointly infeasible). The loss is `mean_k ((c_k − b) / b) · log π(d_k)`,
/// log π being the sum of the users' masked log-probabilities, averaged over the batch.
///
/// Resolutions of the ambiguities of docs/gadsg.md §8.4: the baseline is the *current* policy's greedy rollout
/// (self-critical) rather than a frozen copy updated when better, so no second network or
/// significance test is needed and a checkpoint stays parameters + AdamW moments + data order;
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
    /// - Precondition: all instances share one scale.
    /// - Throws: `.invalidInput` when `training` is empty or a count in `config` is out of range.
    public static func train(_ policy: GRLOPolicy, on training: [LAENetModel], validation: [LabelledInstance] = [],
                             config: GRLOConfig, sink: any TrainingSink) throws -> TrainingSummary {
        guard config.rolloutSamples >= 1 else { throw LabError(.invalidInput, "GRLO needs at least one rollout sample per instance") }
        let objective = Objective(policy: policy, training: training, features: training.map(LAENetFeatures.init), validation: validation,
                                  solver: GRLOSolver(samples: config.validationSamples), rolloutSamples: config.rolloutSamples)
        var trainer = try EpochTrainer(policy, objective: objective, count: training.count, config: config.training, stream: "grlo-train")
        return try trainer.summary(running: sink)
    }

    /// Mean cost ratio (greedy + best of P, repaired; unsolved counts as 10) and accuracy at 1.1.
    public static func validate(_ policy: GRLOPolicy, on instances: [LabelledInstance], solver: GRLOSolver,
                                using rng: inout RandomSource) -> (ratio: Double, accuracy: Double) {
        let solved = solver.solve(instances.map(\.model), policy: policy, using: &rng)
        return LabelledInstance.ratios(solved.map(\.cost), references: instances)
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

    /// REINFORCE with the greedy-rollout baseline as an ``EpochObjective``.
    struct Objective: EpochObjective {
        let policy: GRLOPolicy
        let training: [LAENetModel]
        let features: [LAENetFeatures]
        let validation: [LabelledInstance]
        let solver: GRLOSolver
        let rolloutSamples: Int
        /// The sampled costs of the current epoch's steps (emptied at each epoch's end).
        var epochCosts: [Double] = []

        var metricNames: [String] { ["sampled_cost", "greedy_cost", "epoch_sampled_cost", "validation_cost_ratio", "validation_accuracy"] }

        mutating func loss(rows: [Int], step: Int, root: RandomSource) -> (total: Tensor, metrics: [(name: String, value: Double)]) {
            let problems = rows.map { training[$0].problem }
            var sampleRNG = root.derived("step \(step)")
            let logp = policy.logProbabilities(InstanceBatch(rows.map { features[$0] }), problems: problems)
            let rollout = weights(logp.scalars, shape: logp.shape, problems: problems, samples: rolloutSamples, using: &sampleRNG)
            let finite = Tensor.withoutGrad { Tensor(shape: logp.shape, scalars: logp.scalars.map { $0 > -Float.infinity ? 0 : 1 }) }
            let loss = (logp.maskedFill(finite, with: 0) * rollout.weights).sum()
            epochCosts += rollout.sampled
            guard !rollout.sampled.isEmpty else { return (loss, []) }
            return (loss, [("sampled_cost", rollout.sampled.reduce(0, +) / Double(rollout.sampled.count)),
                           ("greedy_cost", rollout.greedy.reduce(0, +) / Double(rollout.greedy.count))])
        }

        mutating func endOfEpoch(_ epoch: Int, root: RandomSource) -> [(name: String, value: Double)] {
            var points: [(name: String, value: Double)] = []
            if !epochCosts.isEmpty { points.append(("epoch_sampled_cost", epochCosts.reduce(0, +) / Double(epochCosts.count))) }
            epochCosts = []
            if !validation.isEmpty {
                var valRNG = root.derived("validation \(epoch)")
                let v = validate(policy, on: validation, solver: solver, using: &valRNG)
                points += [("validation_cost_ratio", v.ratio), ("validation_accuracy", v.accuracy)]
            }
            return points
        }
    }
}
