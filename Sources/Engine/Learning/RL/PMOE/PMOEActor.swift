#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabCore
import Tensors

/// The policy of PMOE-SAC (probabilistic mixture-of-experts SAC): `k` tanh-Gaussian experts on
/// one shared ReLU trunk, and a gate over them that also sees a task descriptor.
///
/// The trunk reads the observation `[N, O]`; the mean and log-std heads output `k·A` numbers
/// each (expert j's A numbers at columns `j·A ..< (j+1)·A`); the gate is
/// `softmax(Linear([trunk features, descriptor]))`, `[N, k]`. Acting draws an expert from the
/// gate (a categorical draw, no Gumbel relaxation), then an action from that expert.
///
/// Parameter names: `fc0.…`, `fc1.…` (trunk), `mean.…`, `logStd.…`, `gate.…`; weights `[in, out]`.
public final class PMOEActor: Module {
    /// The hidden layers, input first.
    public let trunk: [Linear]
    /// The experts' means, `k·A` outputs.
    public let meanHead: Linear
    /// The experts' log-stds, `k·A` outputs (clamped into ``logStdRange``).
    public let logStdHead: Linear
    /// The gate's logits from the trunk features and the descriptor, `k` outputs.
    public let gateHead: Linear
    /// Observation width O.
    public let observationSize: Int
    /// Descriptor width D.
    public let descriptorSize: Int
    /// Action width A.
    public let actionSize: Int
    /// Number of experts k.
    public let experts: Int
    /// The clamp of log σ.
    public let logStdRange: ClosedRange<Float>
    /// ϵ of the tanh correction.
    public let tanhEpsilon: Float

    /// A mixture policy initialised as rlkit's `TanhGaussianPolicy` (trunk and heads); the gate
    /// layer like the heads (uniform in ±``SACConfiguration/policyHeadInit``), so it starts near uniform.
    public init(observationSize: Int, descriptorSize: Int, actionSize: Int, experts: Int, configuration c: SACConfiguration,
                using rng: inout RandomSource) {
        var width = observationSize
        var layers: [Linear] = []
        for h in c.hiddenSizes {
            layers.append(.rlkitHidden(width, h, bias: c.hiddenBias, using: &rng))
            width = h
        }
        trunk = layers
        meanHead = .rlkitOutput(width, experts * actionSize, bound: c.policyHeadInit, using: &rng)
        logStdHead = .rlkitOutput(width, experts * actionSize, bound: c.policyHeadInit, using: &rng)
        gateHead = .rlkitOutput(width + descriptorSize, experts, bound: c.policyHeadInit, using: &rng)
        (self.observationSize, self.descriptorSize, self.actionSize, self.experts) = (observationSize, descriptorSize, actionSize, experts)
        logStdRange = c.logStdMin...c.logStdMax
        tanhEpsilon = c.tanhEpsilon
    }

    public var children: [(String, any Module)] {
        trunk.enumerated().map { ("fc\($0.offset)", $0.element as any Module) } + [("mean", meanHead), ("logStd", logStdHead), ("gate", gateHead)]
    }

    /// The experts' Gaussians before squashing, `[N, k·A]` each, and the gate `[N, k]`.
    public func mixture(_ observations: Tensor, _ descriptors: Tensor) -> (means: Tensor, logStds: Tensor, gate: Tensor) {
        var h = observations
        for layer in trunk { h = Tensor.sacLayer(h, layer, frozen: false, relu: true) }
        let logStds = logStdHead(h).clamped(logStdRange.lowerBound, logStdRange.upperBound)
        let gate = gateHead(Tensor.concat([h, descriptors], alongAxis: 1)).softmax(alongAxis: 1)
        return (meanHead(h), logStds, gate)
    }

    /// Every expert's reparameterised action `[N, k·A]`, its log-density under that expert
    /// `[N, k]`, and the gate `[N, k]`, for noise ε `[N, k·A]`.
    public func sample(_ observations: Tensor, _ descriptors: Tensor, noise: Tensor) -> (actions: Tensor, logProbs: Tensor, gate: Tensor) {
        let n = observations.shape[0], k = experts, a = actionSize
        let (means, logStds, gate) = mixture(observations, descriptors)
        let (actions, logProbs) = TanhGaussian.sample(mean: means.reshaped([n * k, a]), logStd: logStds.reshaped([n * k, a]),
                                                      noise: noise.reshaped([n * k, a]), epsilon: tanhEpsilon)
        return (actions.reshaped([n, k * a]), logProbs.reshaped([n, k]), gate)
    }

    /// The action for one observation and descriptor. Deterministic: `tanh(μ)` of the gate's most
    /// likely expert (ties to the lower index). Otherwise an expert drawn from the gate, then a
    /// sample of it with standard normals from `rng`. No autodiff history.
    public func act(_ observation: [Float], descriptor: [Float], deterministic: Bool, using rng: inout RandomSource) -> [Float] {
        Tensor.withoutGrad {
            let (means, logStds, gate) = mixture(Tensor(shape: [1, observation.count], scalars: observation),
                                                 Tensor(shape: [1, descriptor.count], scalars: descriptor))
            let w = gate.scalars
            var j = 0
            if deterministic {
                for i in 1..<experts where w[i] > w[j] { j = i }
            } else {
                let u = rng.nextFloat()
                var acc: Float = 0
                j = experts - 1
                for i in 0..<experts {
                    acc += w[i]
                    if u < acc { j = i; break }
                }
            }
            let m = Array(means.scalars[(j * actionSize)..<((j + 1) * actionSize)])
            if deterministic { return m.map { tanhf($0) } }
            let s = Array(logStds.scalars[(j * actionSize)..<((j + 1) * actionSize)])
            let noise = Tensor.normal([actionSize], using: &rng).scalars
            return (0..<actionSize).map { tanhf(m[$0] + expf(s[$0]) * noise[$0]) }
        }
    }
}
