import LabCore
import Tensors

/// SAC's tanh-Gaussian policy: a ReLU trunk, then a mean head and a log-std head (clamped).
///
/// Parameter names: `fc0.…`, `fc1.…` (the trunk), `mean.…`, `logStd.…`; weights are `[in, out]`.
public final class SACActor: Module {
    /// The hidden layers, input first.
    public let trunk: [Linear]
    /// The mean head.
    public let meanHead: Linear
    /// The log-std head (its output is clamped into ``logStdRange``).
    public let logStdHead: Linear
    /// Observation width.
    public let observationSize: Int
    /// Action width.
    public let actionSize: Int
    /// The clamp of log σ.
    public let logStdRange: ClosedRange<Float>
    /// ϵ of the tanh correction.
    public let tanhEpsilon: Float

    /// A policy initialised as rlkit's `TanhGaussianPolicy`.
    public init(observationSize: Int, actionSize: Int, configuration c: SACConfiguration, using rng: inout RandomSource) {
        var width = observationSize
        var layers: [Linear] = []
        for h in c.hiddenSizes {
            layers.append(.rlkitHidden(width, h, bias: c.hiddenBias, using: &rng))
            width = h
        }
        trunk = layers
        meanHead = .rlkitOutput(width, actionSize, bound: c.policyHeadInit, using: &rng)
        logStdHead = .rlkitOutput(width, actionSize, bound: c.policyHeadInit, using: &rng)
        (self.observationSize, self.actionSize) = (observationSize, actionSize)
        logStdRange = c.logStdMin...c.logStdMax
        tanhEpsilon = c.tanhEpsilon
    }

    public var children: [(String, any Module)] {
        trunk.enumerated().map { ("fc\($0.offset)", $0.element as any Module) } + [("mean", meanHead), ("logStd", logStdHead)]
    }

    /// The Gaussian before squashing for observations `[N, O]`: μ and clamped log σ, `[N, A]` each.
    public func gaussian(_ observations: Tensor) -> (mean: Tensor, logStd: Tensor) {
        var h = observations
        for layer in trunk { h = Tensor.sacLayer(h, layer, frozen: false, relu: true) }
        let logStd = logStdHead(h).clamped(logStdRange.lowerBound, logStdRange.upperBound)
        return (meanHead(h), logStd)
    }

    /// The reparameterised action `[N, A]` and its log-density `[N, 1]` for noise ε `[N, A]`.
    public func sample(_ observations: Tensor, noise: Tensor) -> (action: Tensor, logProb: Tensor) {
        let (mean, logStd) = gaussian(observations)
        return TanhGaussian.sample(mean: mean, logStd: logStd, noise: noise, epsilon: tanhEpsilon)
    }

    /// The action for one observation: `tanh(μ)` when `deterministic` (rlkit's `MakeDeterministic`),
    /// otherwise a sample with standard normals from `rng`. No autodiff history.
    public func act(_ observation: [Float], deterministic: Bool, using rng: inout RandomSource) -> [Float] {
        Tensor.withoutGrad {
            let (mean, logStd) = gaussian(Tensor(shape: [1, observation.count], scalars: observation))
            if deterministic { return mean.tanh().scalars }
            let noise = Tensor.normal([1, actionSize], using: &rng)
            return (mean + logStd.exp() * noise).tanh().scalars
        }
    }
}
