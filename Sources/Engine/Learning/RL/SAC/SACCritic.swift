import LabCore
import Tensors

/// One of SAC's Q networks: an MLP over the concatenated observation and action, one output.
///
/// Parameter names: `fc0.…`, `fc1.…`, `out.…`; weights are `[in, out]`.
public final class SACCritic: Module {
    /// The hidden layers, input first.
    public let hidden: [Linear]
    /// The output layer (one unit).
    public let output: Linear

    /// A critic initialised as rlkit's `FlattenMlp`.
    public init(observationSize: Int, actionSize: Int, configuration c: SACConfiguration, using rng: inout RandomSource) {
        var width = observationSize + actionSize
        var layers: [Linear] = []
        for h in c.hiddenSizes {
            layers.append(.rlkitHidden(width, h, bias: c.hiddenBias, using: &rng))
            width = h
        }
        hidden = layers
        output = .rlkitOutput(width, 1, bound: c.criticHeadInit, using: &rng)
    }

    public var children: [(String, any Module)] {
        hidden.enumerated().map { ("fc\($0.offset)", $0.element as any Module) } + [("out", output)]
    }

    /// Q(s, a) `[N, 1]` for observations `[N, O]` and actions `[N, A]`.
    ///
    /// With `frozen` the parameters are used as constants: gradients reach the inputs only (the
    /// policy loss needs ∂Q/∂a, not ∂Q/∂θ, which rlkit computes and then discards).
    public func callAsFunction(_ observations: Tensor, _ actions: Tensor, frozen: Bool = false) -> Tensor {
        var h = Tensor.concat([observations, actions], alongAxis: 1)
        for layer in hidden { h = Tensor.sacLayer(h, layer, frozen: frozen, relu: true) }
        return Tensor.sacLayer(h, output, frozen: frozen, relu: false)
    }
}
