import LabCore

/// Hyper-parameters of soft actor-critic (Haarnoja et al. 2018, with automatic entropy tuning),
/// defaulting to the rlkit settings DiffLoader's data collection uses.
///
/// Twin Q networks and a tanh-Gaussian policy, each an MLP with ReLU between ``hiddenSizes``;
/// one Adam rate for the policy, the critics and the temperature; soft target updates with rate
/// ``tau`` after every update. rlkit's initialisation: hidden weights uniform in ±1/√fan with
/// rlkit's `fanin_init` fan (the layer's *output* width, a quirk of reading PyTorch's `[out, in]`
/// weight), hidden biases ``hiddenBias``, output layers uniform in ±``policyHeadInit`` (mean and
/// log-std heads) or ±``criticHeadInit``. rlkit builds the target critics with their own random
/// initialisation and never copies the critics into them; ``copyTargetsAtStart`` does the usual copy instead.
public struct SACConfiguration: Sendable, Hashable, Codable {
    /// Hidden layer widths of every network (rlkit: `[256, 256]`).
    public var hiddenSizes = [256, 256]
    /// Transitions per update.
    public var batchSize = 256
    /// Adam learning rate of the policy, the critics and log α.
    public var learningRate: Float = 3e-4
    /// Discount γ.
    public var discount: Float = 0.99
    /// Soft target-update rate τ.
    public var tau: Float = 5e-3
    /// Multiplies rewards in the critic target.
    public var rewardScale: Float = 1
    /// Whether α is learned (towards ``targetEntropy``); otherwise α = 1 as in rlkit.
    public var automaticEntropyTuning = true
    /// The entropy target; nil means −|A| (rlkit's heuristic).
    public var targetEntropy: Float? = nil
    /// The policy's log-std is clamped into this range (rlkit: −20…2).
    public var logStdMin: Float = -20
    /// Upper clamp of the policy's log-std.
    public var logStdMax: Float = 2
    /// Added inside the tanh correction `log(1 − tanh(z)² + ε)` (rlkit: 1e-6).
    public var tanhEpsilon: Float = 1e-6
    /// Initial bias of hidden layers (rlkit: 0.1).
    public var hiddenBias: Float = 0.1
    /// Half-width of the uniform initialisation of the policy's output heads (rlkit: 1e-3).
    public var policyHeadInit: Float = 1e-3
    /// Half-width of the uniform initialisation of the critics' output layers (rlkit: 3e-3).
    public var criticHeadInit: Float = 3e-3
    /// Copy the critics into their targets at the start (rlkit does not: they start independent).
    public var copyTargetsAtStart = false

    /// rlkit's defaults (2×256, batch 256).
    public init() {}

    /// The entropy target for an action of `actionSize` numbers.
    public func entropyTarget(actionSize: Int) -> Float { targetEntropy ?? -Float(actionSize) }

    /// Checks every field.
    ///
    /// - Throws: `.invalidInput` naming the first field out of range.
    public func validated() throws -> SACConfiguration {
        func check(_ ok: Bool, _ what: String) throws {
            guard ok else { throw LabError(.invalidInput, "SAC: \(what)") }
        }
        try check(!hiddenSizes.isEmpty && hiddenSizes.allSatisfy { (1...4096).contains($0) }, "hidden sizes must be 1…4096 units, at least one layer (got \(hiddenSizes))")
        try check((1...65_536).contains(batchSize), "the batch size must be in 1…65536 (got \(batchSize))")
        try check(learningRate.isFinite && learningRate > 0 && learningRate <= 1, "the learning rate must be in (0, 1] (got \(learningRate))")
        try check(discount.isFinite && (0...1).contains(discount), "the discount must be in [0, 1] (got \(discount))")
        try check(tau.isFinite && (0...1).contains(tau), "τ must be in [0, 1] (got \(tau))")
        try check(rewardScale.isFinite, "the reward scale must be finite (got \(rewardScale))")
        try check(targetEntropy?.isFinite ?? true, "the entropy target must be finite")
        try check(logStdMin.isFinite && logStdMax.isFinite && logStdMin < logStdMax, "the log-std range must be finite and non-empty (got \(logStdMin)…\(logStdMax))")
        try check(tanhEpsilon.isFinite && tanhEpsilon >= 0, "the tanh epsilon must be ≥ 0")
        try check([hiddenBias, policyHeadInit, criticHeadInit].allSatisfy(\.isFinite), "initial values must be finite")
        return self
    }
}
