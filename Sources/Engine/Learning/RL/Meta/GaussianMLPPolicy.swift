#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabCore
import Tensors

/// A Gaussian policy for meta-learning: an MLP with ReLU gives the mean, a state-independent
/// log-std vector the spread (`N(μ(s), diag σ²)`, no squashing), as `maml_rl`'s `NormalMLPPolicy`.
///
/// Every computation takes the weights explicitly (``forward(_:weights:)``), so the same
/// network runs with its own parameters or with adapted "fast" weights. Weight order:
/// `logStd, fc0.weight, fc0.bias, fc1.weight, …, mean.weight, mean.bias` (``parameters``'s order).
/// Initialisation: Xavier-uniform weights (bound √(6/(in + out))), zero biases, log σ = log ``initialStd``.
public final class GaussianMLPPolicy: Module {
    /// The hidden layers, input first.
    public let hidden: [Linear]
    /// The mean head.
    public let meanHead: Linear
    /// log σ, `[A]`.
    public let logStd: Parameter
    /// Observation width.
    public let observationSize: Int
    /// Action width.
    public let actionSize: Int
    /// The lower clamp of log σ (`log 1e-6`).
    public static let minimumLogStd: Float = -13.815_511

    /// A policy with `hiddenSizes` ReLU layers, seeded from `rng`.
    public init(observationSize: Int, actionSize: Int, hiddenSizes: [Int], initialStd: Float = 1, using rng: inout RandomSource) {
        func xavier(_ i: Int, _ o: Int) -> Linear {
            let layer = Linear(zeroed: i, o)
            let bound = (6 / Float(i + o)).squareRoot()
            layer.weight.assign(.uniform([i, o], low: -bound, high: bound, using: &rng))
            return layer
        }
        var width = observationSize
        var layers: [Linear] = []
        for h in hiddenSizes {
            layers.append(xavier(width, h))
            width = h
        }
        hidden = layers
        meanHead = xavier(width, actionSize)
        logStd = Parameter(Tensor(repeating: logf(initialStd), shape: [actionSize]))
        (self.observationSize, self.actionSize) = (observationSize, actionSize)
    }

    public var children: [(String, any Module)] {
        hidden.enumerated().map { ("fc\($0.offset)", $0.element as any Module) } + [("mean", meanHead)]
    }

    public var ownParameters: [(String, Parameter)] { [("logStd", logStd)] }

    /// The current weights in forward order (the parameters' values).
    public var weights: [Tensor] { parameters.map(\.value) }

    /// μ `[N, A]` and log σ `[A]` (clamped below at ``minimumLogStd``) for observations `[N, O]`
    /// with the given weights (``weights``'s layout).
    public func forward(_ observations: Tensor, weights w: [Tensor]) -> (mean: Tensor, logStd: Tensor) {
        var h = observations, i = 1
        for _ in hidden {
            h = Tensor.affine(h, weight: w[i], bias: w[i + 1]).relu()
            i += 2
        }
        return (Tensor.affine(h, weight: w[i], bias: w[i + 1]), w[0].clamped(Self.minimumLogStd, 1e30))
    }

    /// Σⱼ log N(aⱼ; μⱼ, σⱼ²) per row, `[N, 1]`, for actions `[N, A]`.
    public static func logProb(_ actions: Tensor, mean: Tensor, logStd: Tensor) -> Tensor {
        let z = (actions - mean) * (-logStd).exp()
        return ((z.squared() * -0.5 - logStd) - TanhGaussian.halfLogTwoPi).sum(alongAxis: 1, keepingDims: true)
    }

    /// A sample `μ + σ·ε` for one observation with the given weights, ε from `rng`; the mean when
    /// `deterministic`. No autodiff history.
    public func act(_ observation: [Float], weights w: [Tensor], deterministic: Bool, using rng: inout RandomSource) -> [Float] {
        Tensor.withoutGrad {
            let (mean, logStd) = forward(Tensor(shape: [1, observation.count], scalars: observation), weights: w)
            if deterministic { return mean.scalars }
            let noise = Tensor.normal([actionSize], using: &rng).scalars, m = mean.scalars, s = logStd.scalars
            var out = m
            for j in 0..<actionSize { out[j] += expf(s[j]) * noise[j] }
            return out
        }
    }
}
