import LabCore
import Learning
import Tensors

/// A trained DiffLoader planner: the (moving-average) network, its normaliser and the sampler.
///
/// ``plan(history:prompts:returnToGo:using:)`` samples H normalised actions by K guided
/// denoising steps: start from 𝒩(0, I); at step index i = K−1…0 run the network twice on one
/// batch, with the return (keep 1) and without (keep 0), each call with its own prompt cut from
/// the pool; combine `ε = ε_u + w·(ε_c − ε_u)`; reconstruct x̂₀ and clip it to [−1, 1]; move to
/// the posterior mean and, except at i = 0, add `noiseScale·σ_i·z`.
public struct DiffusionPlanner: @unchecked Sendable {
    /// The network used for planning (the moving average of the trained weights).
    public let network: PlannerNetwork
    /// The scaling of observations and actions.
    public let normalizer: PlannerNormalizer
    /// The diffusion schedule.
    public let schedule: VPSchedule

    /// Wraps a network and its normaliser.
    public init(network: PlannerNetwork, normalizer: PlannerNormalizer) {
        self.network = network
        self.normalizer = normalizer
        schedule = VPSchedule(steps: network.configuration.diffusionSteps)
    }

    /// The configuration of the network.
    public var configuration: PlannerConfiguration { network.configuration }

    /// Samples `H × A` normalised actions (row-major).
    ///
    /// - Parameters:
    ///   - history: the last ``PlannerConfiguration/history`` normalised observations, oldest
    ///     first (zeros before the episode start).
    ///   - prompts: episodes of the target environment (each at least ``PlannerConfiguration/promptLength`` steps).
    ///   - returnToGo: the return condition R_t.
    ///   - guidance: the weight w (the configuration's when nil).
    public func plan(history: [Float], prompts: [PlannerEpisode], returnToGo: Float, guidance: Float? = nil,
                     using rng: inout RandomSource) -> [Float] {
        let c = configuration, (o, a) = (network.observationSize, network.actionSize)
        let w = guidance ?? c.guidance
        let n = c.horizon * a
        var x = (0..<n).map { _ in Float(rng.normal()) }
        let historyTensor = Tensor(shape: [2, c.history, o], scalars: history + history)
        return Tensor.withoutGrad {
            for i in stride(from: c.diffusionSteps - 1, through: 0, by: -1) {
                var prompt = [Float]()
                for _ in 0..<2 {
                    PlannerBatch.appendPrompt(from: prompts, length: c.promptLength, observationSize: o, actionSize: a, into: &prompt, using: &rng)
                }
                let conditions = PlannerConditions(prompts: Tensor(shape: [2, c.promptLength, o + a], scalars: prompt),
                                                   history: historyTensor, returns: [returnToGo, returnToGo], keep: [1, 0])
                let eps = network(Tensor(shape: [2, c.horizon, a], scalars: x + x), steps: [i, i], conditions: conditions,
                                  training: false, using: &rng).scalars
                let sigma = Float(schedule.posteriorStd(step: i)) * c.noiseScale
                for j in 0..<n {
                    let e = eps[n + j] + w * (eps[j] - eps[n + j])
                    let x0 = schedule.predictedStart(x[j], epsilon: e, step: i, clip: true)
                    let mean = schedule.posteriorMean(start: x0, current: x[j], step: i)
                    x[j] = i > 0 ? mean + sigma * Float(rng.normal()) : mean
                }
            }
            return x
        }
    }
}
