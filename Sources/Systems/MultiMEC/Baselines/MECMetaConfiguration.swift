import LabCore

/// Settings of MetaLoader (first-order MAML with REINFORCE, ``MECMetaTrainer``).
///
/// The repository's values where they carry over: a Gaussian MLP policy 2×100 (ReLU) with
/// σ = 1 at the start, one inner gradient step with fast rate 0.1 on one episode per task,
/// every training environment in every meta-batch, γ = 0.99. The outer step is Adam on the
/// first-order meta-gradient (the repository uses TRPO), with rate ``metaLearningRate``.
public struct MECMetaConfiguration: Sendable, Hashable, Codable {
    /// Hidden widths of the policy (repository: `[100, 100]`).
    public var hiddenSizes = [100, 100]
    /// The policy's initial σ (repository: 1).
    public var initialStd: Float = 1
    /// Step size of the inner (adaptation) gradient step (repository: 0.1).
    public var fastLearningRate: Float = 0.1
    /// Adam rate of the outer step.
    public var metaLearningRate: Float = 1e-3
    /// Discount γ of the returns (repository: 0.99).
    public var discount: Float = 0.99
    /// Meta-iterations (one loop step each; each plays two episodes per training environment).
    public var metaIterations = 100
    /// The interaction budget in environment steps: once reached, the episode in progress stops
    /// and later iterations do nothing. Nil: ``metaIterations`` full iterations.
    public var environmentSteps: Int? = nil
    /// Meta-iterations between checkpoints (the last is always checkpointed).
    public var checkpointEvery = 50
    /// Seed of the initial policy, the episodes and the action noise.
    public var seed: UInt64 = 0

    /// The defaults above.
    public init() {}

    /// Checks every field.
    ///
    /// - Throws: `.invalidInput` naming the first field out of range.
    public func validated() throws -> MECMetaConfiguration {
        func check(_ ok: Bool, _ what: String) throws {
            guard ok else { throw LabError(.invalidInput, "MetaLoader: \(what)") }
        }
        try check(!hiddenSizes.isEmpty && hiddenSizes.allSatisfy { (1...4096).contains($0) }, "hidden sizes must be 1…4096 units, at least one layer (got \(hiddenSizes))")
        try check(initialStd.isFinite && initialStd > 0, "the initial σ must be positive (got \(initialStd))")
        try check(fastLearningRate.isFinite && fastLearningRate >= 0 && fastLearningRate <= 10, "the fast learning rate must be in [0, 10] (got \(fastLearningRate))")
        try check(metaLearningRate.isFinite && metaLearningRate > 0 && metaLearningRate <= 1, "the meta learning rate must be in (0, 1] (got \(metaLearningRate))")
        try check(discount.isFinite && (0...1).contains(discount), "the discount must be in [0, 1] (got \(discount))")
        try check((1...10_000_000).contains(metaIterations), "`meta_iterations` must be in 1…10000000 (got \(metaIterations))")
        try check(environmentSteps.map { $0 >= 1 } ?? true, "`environment_steps` must be at least 1")
        try check(checkpointEvery >= 1, "`checkpoint_every` must be at least 1 (got \(checkpointEvery))")
        return self
    }
}
