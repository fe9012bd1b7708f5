import LabCore
import Learning

/// Every size and hyper-parameter of the DiffLoader planner, with the CPU-scale defaults.
///
/// The defaults are the scaled model of docs/multimec.md ("The diffusion planner"): width 128,
/// 2 causal layers of 2 heads with MLP width 256, embedding MLPs `in → 256 → 128`, horizon 4,
/// history 2, prompt length 5, K = 20, return dropout 0.2, guidance 1.2, sampling noise 0.5,
/// first-action weight 10, Adam 2·10⁻⁴ on 8 items × (one window per training environment),
/// EMA 0.995 every 10 steps after 2,000. ``repository`` gives the DiffLoader repository's sizes.
public struct PlannerConfiguration: Sendable, Hashable, Codable {
    /// Token width D.
    public var width = 128
    /// Transformer blocks.
    public var layers = 2
    /// Attention heads (divide ``width``).
    public var heads = 2
    /// MLP width inside each block.
    public var innerWidth = 256
    /// Hidden widths of the prompt and state embedding MLPs (after their input LayerNorm).
    public var embeddingHidden = [256]
    /// Dropout of the transformer (embeddings, attention, residuals).
    public var dropout: Float = 0.1
    /// Planned actions H (the diffused sequence).
    public var horizon = 4
    /// Past observations conditioned on (the current one last).
    public var history = 2
    /// (observation, action) pairs in a prompt.
    public var promptLength = 5
    /// Diffusion steps K of the VP schedule.
    public var diffusionSteps = 20
    /// Probability of dropping the return in training (classifier-free guidance).
    public var returnDropout: Float = 0.2
    /// Guidance weight w: `ε = ε_u + w·(ε_c − ε_u)`.
    public var guidance: Float = 1.2
    /// Factor on the injected noise while sampling (the temperature).
    public var noiseScale: Float = 0.5
    /// Loss weight of the first planned action (the others weigh 1).
    public var firstActionWeight: Float = 10
    /// Huber threshold δ.
    public var huberDelta: Float = 1
    /// Discount γ of the return-to-go.
    public var discount: Float = 0.99
    /// Adam learning rate.
    public var learningRate: Float = 2e-4
    /// Items per batch; each item holds one window of every training environment.
    public var itemsPerBatch = 8
    /// Batches whose gradients are summed (and averaged) before each optimiser step.
    public var gradientAccumulation = 1
    /// Moving average of the weights used for planning.
    public var average = ExponentialMovingAverage()
    /// Optimiser steps.
    public var trainingSteps = 20_000
    /// Steps between checkpoints.
    public var checkpointEvery = 1_000

    /// The defaults (the CPU-scale model).
    public init() {}

    /// The DiffLoader repository's model: width 256, 4 layers, MLP 1024, embeddings `in → 512 → 1024 → 256`,
    /// horizon 8, K = 40, 16 items, gradient accumulation 2, 2·10⁶ steps.
    public static var repository: PlannerConfiguration {
        var c = PlannerConfiguration()
        (c.width, c.layers, c.innerWidth, c.embeddingHidden, c.horizon, c.diffusionSteps) = (256, 4, 1024, [512, 1024], 8, 40)
        (c.itemsPerBatch, c.gradientAccumulation, c.trainingSteps, c.checkpointEvery) = (16, 2, 2_000_000, 10_000)
        return c
    }

    /// Tokens in the sequence: step, return, prompt, history, planned actions.
    public var tokens: Int { 2 + promptLength + history + horizon }

    /// Checks every field; throws `.invalidInput` naming the first bad one and how to fix it.
    public func validate() throws {
        func need(_ ok: Bool, _ message: String) throws {
            if !ok { throw LabError(.invalidInput, "planner configuration: \(message)") }
        }
        try need(width >= 2 && width % 2 == 0, "the width must be even and at least 2 (got \(width)).")
        try need(heads >= 1 && width % heads == 0, "the heads (\(heads)) must divide the width (\(width)).")
        try need(layers >= 1 && innerWidth >= 1, "need at least one layer and a positive MLP width.")
        try need(embeddingHidden.allSatisfy { $0 >= 1 }, "embedding widths must be positive (got \(embeddingHidden)).")
        try need(dropout >= 0 && dropout < 1, "dropout must be in [0, 1) (got \(dropout)).")
        try need(horizon >= 1 && horizon <= 20, "the horizon must be in 1...20 (got \(horizon)).")
        try need(history >= 1 && history <= 20, "the history must be in 1...20 (got \(history)).")
        try need(promptLength >= 1 && promptLength < 20, "the prompt length must be in 1...19 (got \(promptLength)).")
        try need(diffusionSteps >= 1 && diffusionSteps <= 1000, "the diffusion steps K must be in 1...1000 (got \(diffusionSteps)).")
        try need(returnDropout >= 0 && returnDropout <= 1, "the return dropout must be in [0, 1] (got \(returnDropout)).")
        try need(guidance.isFinite && noiseScale.isFinite && noiseScale >= 0, "guidance must be finite and the noise scale finite and ≥ 0.")
        try need(firstActionWeight.isFinite && firstActionWeight >= 0 && huberDelta > 0 && huberDelta.isFinite, "the first-action weight must be ≥ 0 and δ > 0.")
        try need(discount > 0 && discount <= 1, "the discount must be in (0, 1] (got \(discount)).")
        try need(learningRate > 0 && learningRate.isFinite, "the learning rate must be positive (got \(learningRate)).")
        try need(itemsPerBatch >= 1 && gradientAccumulation >= 1, "items per batch and gradient accumulation must be ≥ 1.")
        try need(average.decay >= 0 && average.decay <= 1 && average.every >= 1 && average.warmupSteps >= 0, "the moving average needs a decay in [0, 1] and a period ≥ 1.")
        try need(trainingSteps >= 1 && checkpointEvery >= 0, "training needs at least one step and a checkpoint period ≥ 0.")
    }
}
