#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabCore
import Tensors

/// The value side of soft actor-critic: twin Q networks, their soft targets, the critic optimiser
/// and the automatic temperature α.
///
/// ``SACAgent`` and ``PMOEAgent`` differ only in their policies; both keep one of these and call
/// its steps in rlkit's order: ``temperatureStep(logPi:learningRate:)`` after sampling at s, the
/// policy step, then ``criticStep(_:learningRate:tau:)`` (critic Adam step and target update).
public struct SoftCritics {
    /// The first critic.
    public let critic1: SACCritic
    /// The second critic.
    public let critic2: SACCritic
    /// The first critic's target.
    public let target1: SACCritic
    /// The second critic's target.
    public let target2: SACCritic
    /// log α, shape `[1]`.
    public let logAlpha: Parameter
    /// The entropy target H̄.
    public let targetEntropy: Float
    /// Whether α is learned (otherwise α = 1, as in rlkit).
    public let automaticEntropyTuning: Bool
    private var criticOptimizer: Adam
    private var alphaOptimizer: Adam

    /// Fresh critics drawn from `root`'s `critic1`, `critic2`, `target1` and `target2` streams;
    /// the targets copy the critics when the configuration asks for it.
    init(observationSize: Int, actionSize: Int, configuration c: SACConfiguration, root: RandomSource) throws {
        var r1 = root.derived("critic1"), r2 = root.derived("critic2"), t1 = root.derived("target1"), t2 = root.derived("target2")
        critic1 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &r1)
        critic2 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &r2)
        target1 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &t1)
        target2 = SACCritic(observationSize: observationSize, actionSize: actionSize, configuration: c, using: &t2)
        if c.copyTargetsAtStart {
            try target1.hardUpdate(from: critic1)
            try target2.hardUpdate(from: critic2)
        }
        logAlpha = Parameter(Tensor([0]))
        targetEntropy = c.entropyTarget(actionSize: actionSize)
        automaticEntropyTuning = c.automaticEntropyTuning
        criticOptimizer = Adam(critic1.parameters + critic2.parameters)
        alphaOptimizer = Adam([logAlpha])
    }

    /// The current temperature α (1 without automatic tuning).
    public var alpha: Float { automaticEntropyTuning ? expf(logAlpha.value.item) : 1 }

    /// One Adam step on log α with the loss `−mean(log α · (log π + H̄))`, log π detached;
    /// returns the loss (0, and no step, without automatic tuning).
    mutating func temperatureStep(logPi: Tensor, learningRate: Float) -> Float {
        guard automaticEntropyTuning else { return 0 }
        alphaOptimizer.zeroGrad()
        let shifted = Tensor.withoutGrad { logPi.detached() + targetEntropy }
        let loss = -(logAlpha.value * shifted).mean()
        loss.backward()
        alphaOptimizer.step(learningRate: learningRate)
        return loss.item
    }

    /// `min(Q₁, Q₂)(s, a)` through the critics with their parameters frozen (gradients reach `a`).
    func frozenMinimum(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        Self.minimum(critic1(observations, actions, frozen: true), critic2(observations, actions, frozen: true))
    }

    /// `min(Q̄₁, Q̄₂)(s, a)` of the targets.
    func targetMinimum(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        Self.minimum(target1(observations, actions), target2(observations, actions))
    }

    /// The critics' losses `mean((Qᵢ(s, a) − y)²)` and Q₁(s, a), for the step that follows.
    func losses(_ observations: Tensor, _ actions: Tensor, target: Tensor) -> (q1: Tensor, q1Loss: Tensor, q2Loss: Tensor) {
        let q1 = critic1(observations, actions), q2 = critic2(observations, actions)
        return (q1, (q1 - target).squared().mean(), (q2 - target).squared().mean())
    }

    /// One Adam step on both critics for `loss` (their summed losses), then the soft target
    /// update `θ̄ ← τ·θ + (1 − τ)·θ̄`.
    mutating func criticStep(_ loss: Tensor, learningRate: Float, tau: Float) throws {
        criticOptimizer.zeroGrad()
        loss.backward()
        criticOptimizer.step(learningRate: learningRate)
        try target1.softUpdate(toward: critic1, tau: tau)
        try target2.softUpdate(toward: critic2, tau: tau)
    }

    /// Element-wise min(a, b); the gradient goes to the smaller (to `a` on ties).
    static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        let mask = Tensor.withoutGrad {
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
                Tensor(shape: a.shape) { o in for i in 0..<o.count { o[i] = pa[i] <= pb[i] ? 1 : 0 } }
            } }
        }
        return Tensor.select(mask, a, b)
    }

    /// Saves the four networks (`name.critic1`, …, `name.target2`), log α (`name.logAlpha`) and
    /// the critic and temperature Adam states (`name.criticAdam`, `name.alphaAdam`).
    func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        for (module, part) in modules { checkpoint.save(module, as: "\(name).\(part)") }
        checkpoint.tensors["\(name).logAlpha"] = logAlpha.value.detached()
        checkpoint.save(criticOptimizer, as: "\(name).criticAdam")
        checkpoint.save(alphaOptimizer, as: "\(name).alphaAdam")
    }

    /// Restores what ``save(into:as:)`` wrote; `agent` names the learner in the error.
    mutating func restore(from checkpoint: TrainingCheckpoint, as name: String, agent: String) throws {
        for (module, part) in modules { try checkpoint.restore(module, from: "\(name).\(part)") }
        guard let saved = checkpoint.tensors["\(name).logAlpha"], saved.shape == [1] else {
            throw LabError(.invalidInput, "the checkpoint has no \(agent) temperature `\(name).logAlpha`: it comes from another trainer; train from the start with a fresh store (`--store`).")
        }
        logAlpha.assign(saved)
        try checkpoint.restore(&criticOptimizer, from: "\(name).criticAdam")
        try checkpoint.restore(&alphaOptimizer, from: "\(name).alphaAdam")
    }

    private var modules: [(any Module, String)] {
        [(critic1, "critic1"), (critic2, "critic2"), (target1, "target1"), (target2, "target2")]
    }
}
