import LabCore
import Learning
import Tensors

/// One episode of a Gaussian MLP policy on an MEC environment, as first-order MAML uses it.
public struct MECMetaEpisode: Sendable {
    /// Observations, row-major `[steps, 8·U]`.
    public var observations: [Float] = []
    /// The sampled raw actions (before the environment's clipping), `[steps, 2·U]`.
    public var actions: [Float] = []
    /// Rewards.
    public var rewards: [Float] = []
    /// Mean over played steps of the step's mean UE cost.
    public var meanCost = 0.0
    /// Steps played.
    public var count: Int { rewards.count }
    /// Steps 1, 2, … (the baseline's time feature).
    public var timesteps: [Int] { (0..<count).map { $0 + 1 } }
}

/// The pieces of first-order MAML with REINFORCE shared by ``MECMetaTrainer`` (meta-training)
/// and ``MECMetaPolicy`` (adaptation to a new environment).
public enum MECMetaLearning {
    /// Plays one episode (termination on violation, as the repository trains) with the policy's
    /// stochastic actions under `weights`, at most `limit` steps.
    public static func rollout(_ policy: GaussianMLPPolicy, weights: [Tensor], environment: MECEnvironment, seed: UInt64,
                               acting: inout RandomSource, limit: Int = .max) throws -> MECMetaEpisode {
        var episode = MECEpisode(environment: environment, seed: seed, terminateOnViolation: true)
        var out = MECMetaEpisode(), outcome = MECStep(), costs = 0.0
        while !episode.isFinished && out.count < limit {
            let action = policy.act(episode.observation, weights: weights, deterministic: false, using: &acting)
            out.observations += episode.observation
            out.actions += action
            try episode.step(actions: action, into: &outcome)
            out.rewards.append(Float(outcome.reward))
            costs += outcome.meanCost
        }
        out.meanCost = costs / Double(max(out.count, 1))
        return out
    }

    /// The REINFORCE surrogate of `episode` under `weights` (with autodiff history), with the
    /// advantages `normalise(Gₜ − b(sₜ, t))`.
    public static func loss(_ policy: GaussianMLPPolicy, weights: [Tensor], episode e: MECMetaEpisode, baseline: LinearFeatureBaseline,
                            discount: Float) -> Tensor {
        let returns = Reinforce.returns(e.rewards, discount: discount)
        let values = baseline.predict(observations: e.observations, timesteps: e.timesteps)
        let advantages = Reinforce.normalized(zip(returns, values).map { $0 - $1 })
        let obs = Tensor(shape: [e.count, policy.observationSize], scalars: e.observations)
        let actions = Tensor(shape: [e.count, policy.actionSize], scalars: e.actions)
        let (mean, logStd) = policy.forward(obs, weights: weights)
        return Reinforce.surrogate(logProbs: GaussianMLPPolicy.logProb(actions, mean: mean, logStd: logStd), advantages: advantages)
    }

    /// The gradient of ``loss(_:weights:episode:baseline:discount:)`` with respect to `weights`
    /// (zeros for an empty episode), and the loss.
    public static func gradient(_ policy: GaussianMLPPolicy, weights: [Tensor], episode: MECMetaEpisode, baseline: LinearFeatureBaseline,
                                discount: Float) -> (gradient: [Tensor], loss: Float) {
        guard episode.count > 0 else { return (weights.map { Tensor.zeros($0.shape) }, 0) }
        let leaves = weights.map { $0.detached().requiringGrad() }
        let l = loss(policy, weights: leaves, episode: episode, baseline: baseline, discount: discount)
        l.backward()
        return (leaves.map { $0.grad ?? Tensor.zeros($0.shape) }, l.item)
    }

    /// The adapted weights `θ − α·∇L(θ)` after one inner step on `episode` (no autodiff history:
    /// first-order MAML treats them as constants).
    public static func adapt(_ policy: GaussianMLPPolicy, weights: [Tensor], episode: MECMetaEpisode, baseline: LinearFeatureBaseline,
                             discount: Float, fastLearningRate: Float) -> [Tensor] {
        let g = gradient(policy, weights: weights, episode: episode, baseline: baseline, discount: discount).gradient
        return Tensor.withoutGrad { zip(weights, g).map { $0.detached() - $1 * fastLearningRate } }
    }

    /// The adaptation seed for `environment` in an evaluation with `seed` (one episode per environment).
    public static func adaptationSeed(_ seed: UInt64, _ environment: MECEnvironment) -> UInt64 {
        var r = RandomSource(seed: seed, stream: "multimec.meta.adapt \(environment.bandwidthMHz),\(environment.edgeGHz),\(environment.meanTaskKb),\(environment.users)")
        return r.next()
    }
}
