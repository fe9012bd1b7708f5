/// Hyper-parameters of epoch-based gradient training (docs/gadsg.md §4.2, §8.3).
///
/// The optimiser, schedule and data-order fields drive ``EpochTrainer``; `validationSamples`
/// and `maskPaddingInLoss` are read by the trainers that validate by sampling and train on
/// padded batches.
public struct TrainingConfig: Sendable, Hashable, Codable {
    /// Passes over the training set.
    public var epochs = 20
    /// Instances per step (padded dense batches of one scale).
    public var batchSize = 32
    /// Peak AdamW learning rate (linear warm-up, then cosine decay to 1% of it).
    public var learningRate: Float = 1e-3
    /// AdamW's decoupled weight decay.
    public var weightDecay: Float = 0.01
    /// Share of all steps spent warming up.
    public var warmupFraction = 0.05
    /// Global gradient-norm clip.
    public var clipNorm: Float = 1
    /// Samples P per validation instance.
    public var validationSamples = 4
    /// Average the losses over real links only (GDSG averages over every slot, padding included).
    public var maskPaddingInLoss = false
    /// Seed of the data order and of every noise draw.
    public var seed: UInt64 = 0

    /// The defaults.
    public init() {}
}
