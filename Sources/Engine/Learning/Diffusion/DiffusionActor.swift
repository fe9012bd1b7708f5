import LabCore
import Tensors

/// The sizes and schedule of a ``DiffusionActor`` (defaults: docs/vehicular.md, MAD2RL learners).
public struct DiffusionActorConfiguration: Sendable, Hashable, Codable {
    /// Width of an observation row (features, plus an agent id when agents share the actor).
    public var observationWidth: Int
    /// Number of discrete actions (the width of `x`).
    public var actions: Int
    /// Hidden width of the observation branch and the trunk.
    public var hidden = 64
    /// Width of the sinusoidal step embedding (even).
    public var stepEmbedding = 16
    /// Hidden width of the step branch.
    public var stepHidden = 32
    /// `K`: denoising steps.
    public var steps = 5
    /// `β_min` of the VP schedule.
    public var betaMin = 0.1
    /// `β_max` of the VP schedule.
    public var betaMax = 10.0
    /// Logits are `x_0 / temperature`.
    public var temperature: Float = 0.2

    /// A configuration with the default sizes.
    public init(observationWidth: Int, actions: Int) {
        (self.observationWidth, self.actions) = (observationWidth, actions)
    }

    /// Checks sizes.
    ///
    /// - Throws: `.invalidInput` naming the first size out of range.
    public func validated() throws -> DiffusionActorConfiguration {
        func fail(_ what: String) -> LabError { LabError(.invalidInput, "diffusion actor: \(what)") }
        guard observationWidth > 0, actions > 0 else { throw fail("observation width and action count must be positive (got \(observationWidth), \(actions)).") }
        guard (1...4096).contains(hidden), (1...4096).contains(stepHidden) else { throw fail("hidden widths must be in 1...4096 (got \(hidden), \(stepHidden)).") }
        guard stepEmbedding >= 2, stepEmbedding % 2 == 0, stepEmbedding <= 4096 else { throw fail("the step embedding must be an even width in 2...4096 (got \(stepEmbedding)).") }
        guard (1...1000).contains(steps) else { throw fail("denoising steps K must be in 1...1000 (got \(steps)).") }
        guard betaMin > 0, betaMax >= betaMin, betaMax.isFinite else { throw fail("the VP schedule needs 0 < β_min ≤ β_max < ∞ (got \(betaMin), \(betaMax)).") }
        guard temperature > 0, temperature.isFinite else { throw fail("the logit temperature must be positive (got \(temperature)).") }
        return self
    }
}

/// A diffusion policy over discrete actions (GDMOPT/D2SAC form): a denoiser `ε_θ(x_k, k, o)`
/// run for `K` reverse VP steps turns Gaussian noise into `x_0 ∈ [−1, 1]^A`, whose scaled
/// values are the logits of a categorical distribution.
///
/// The denoiser is an MLP: observation branch `Linear(O, H) → Mish → Linear(H, H)`; step branch
/// `sinusoidal(D) → Linear(D, D_h) → Mish → Linear(D_h, D)` (the engine's
/// ``timestepEmbedding(_:dimension:)`` of the 0-based step index); trunk
/// `Linear(H + A + D, H) → Mish → Linear(H, H) → Mish → Linear(H, A)` on the concatenation
/// `[observation branch, x_k, step branch]`. The trunk's first layer is applied as three blocks
/// of its weight (the same product), so the observation block is computed once per chain.
/// Sampling and its gradient: ``DiffusionActor+Sampling``.
public final class DiffusionActor: Module {
    /// Sizes and schedule.
    public let configuration: DiffusionActorConfiguration
    /// The reverse-process coefficients.
    public let schedule: DiffusionActorSchedule
    /// Observation branch, first layer.
    public let observationIn: Linear
    /// Observation branch, second layer.
    public let observationOut: Linear
    /// Step branch, first layer.
    public let stepIn: Linear
    /// Step branch, second layer.
    public let stepOut: Linear
    /// Trunk layers, input first.
    public let trunk: [Linear]

    /// A freshly initialised actor (PyTorch-default uniform initialisation).
    public init(_ configuration: DiffusionActorConfiguration, using rng: inout RandomSource) {
        self.configuration = configuration
        let c = configuration
        schedule = DiffusionActorSchedule(steps: c.steps, betaMin: c.betaMin, betaMax: c.betaMax)
        observationIn = Linear(c.observationWidth, c.hidden, using: &rng)
        observationOut = Linear(c.hidden, c.hidden, using: &rng)
        stepIn = Linear(c.stepEmbedding, c.stepHidden, using: &rng)
        stepOut = Linear(c.stepHidden, c.stepEmbedding, using: &rng)
        trunk = [Linear(c.hidden + c.actions + c.stepEmbedding, c.hidden, using: &rng),
                 Linear(c.hidden, c.hidden, using: &rng), Linear(c.hidden, c.actions, using: &rng)]
    }

    public var children: [(String, any Module)] {
        [("observationIn", observationIn), ("observationOut", observationOut), ("stepIn", stepIn), ("stepOut", stepOut)]
            + trunk.enumerated().map { ("trunk.\($0.offset)", $0.element) }
    }

    /// The observation branch's features `[N, H]`.
    public func observationFeatures(_ observations: Tensor) -> Tensor {
        observationOut(observationIn(observations).mish())
    }

    /// The step branch's features `[1, D]` of 0-based step `k`.
    public func stepFeatures(_ k: Int) -> Tensor {
        stepOut(stepIn(timestepEmbedding([Float(k)], dimension: configuration.stepEmbedding)).mish())
    }

    /// The step-independent parts of the denoiser for a batch of observations: the
    /// observation block of the trunk's first layer (`observationFeatures · W_o + b`) and the
    /// weight blocks applied to `x_k` and to the step features.
    public struct Context {
        /// `observationFeatures(o) · W_o + b` `[N, H]`.
        public var projectedObservation: Tensor
        /// `W_x` `[A, H]`.
        public var sampleWeight: Tensor
        /// `W_k` `[D, H]`.
        public var stepWeight: Tensor
    }

    /// The ``Context`` of observations `[N, O]`.
    public func context(_ observations: Tensor) -> Context {
        let c = configuration
        let parts = trunk[0].weight.value.split(sizes: [c.hidden, c.actions, c.stepEmbedding], alongAxis: 0)
        return Context(projectedObservation: Tensor.affine(observationFeatures(observations), weight: parts[0], bias: trunk[0].bias?.value),
                       sampleWeight: parts[1], stepWeight: parts[2])
    }

    /// `ε_θ(x_k, k, o)` `[N, A]` given the observations' ``Context``.
    public func denoise(_ x: Tensor, step k: Int, context: Context) -> Tensor {
        let h = context.projectedObservation + x.matmul(context.sampleWeight) + stepFeatures(k).matmul(context.stepWeight)
        return trunk[2](trunk[1](h.mish()).mish())
    }

    /// `ε_θ(x_k, k, o)` `[N, A]` for observations `[N, O]`, as one MLP over the concatenation.
    public func callAsFunction(_ x: Tensor, step k: Int, observations: Tensor) -> Tensor {
        denoise(x, step: k, context: context(observations))
    }
}
