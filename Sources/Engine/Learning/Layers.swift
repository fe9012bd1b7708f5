import LabCore
import Tensors

/// `y = x·W + b` over the last axis; `W` is `[in, out]` so no transpose is ever materialised.
///
/// Initialised like PyTorch's default: W and b uniform in ±1/√in.
public final class Linear: Module {
    /// Weight `[in, out]`.
    public let weight: Parameter
    /// Bias `[out]`, if any.
    public let bias: Parameter?

    /// Creates a layer with seeded initial values.
    public init(_ inputs: Int, _ outputs: Int, bias: Bool = true, using rng: inout RandomSource) {
        let bound = 1 / Float(inputs).squareRoot()
        weight = Parameter(.uniform([inputs, outputs], low: -bound, high: bound, using: &rng))
        self.bias = bias ? Parameter(.uniform([outputs], low: -bound, high: bound, using: &rng)) : nil
    }

    /// A layer whose weights are zero (GDSG's edge output layers start this way).
    public init(zeroed inputs: Int, _ outputs: Int, bias: Bool = true) {
        weight = Parameter(.zeros([inputs, outputs]))
        self.bias = bias ? Parameter(.zeros([outputs])) : nil
    }

    public var ownParameters: [(String, Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Applies the layer to `[..., in]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.affine(x, weight: weight.value, bias: bias?.value)
    }
}

/// Layer normalisation over the last axis with learned scale and shift.
public final class LayerNorm: Module {
    /// Scale `[d]`, initialised to ones.
    public let gamma: Parameter
    /// Shift `[d]`, initialised to zeros.
    public let beta: Parameter
    /// Added to the variance.
    public let epsilon: Float

    /// Creates a layer norm over `d` features.
    public init(_ d: Int, epsilon: Float = 1e-5) {
        gamma = Parameter(.ones([d]))
        beta = Parameter(.zeros([d]))
        self.epsilon = epsilon
    }

    public var ownParameters: [(String, Parameter)] { [("gamma", gamma), ("beta", beta)] }

    /// Normalises `[..., d]`.
    public func callAsFunction(_ x: Tensor) -> Tensor { x.layerNorm(gamma: gamma.value, beta: beta.value, epsilon: epsilon) }
}

/// A lookup table of learned vectors, one row per category.
public final class Embedding: Module {
    /// Table `[count, d]`, initialised standard normal.
    public let table: Parameter

    /// Creates `count` embeddings of width `d`.
    public init(_ count: Int, _ d: Int, using rng: inout RandomSource) {
        table = Parameter(.normal([count, d], using: &rng))
    }

    public var ownParameters: [(String, Parameter)] { [("table", table)] }

    /// Rows for the given category indices: `[indices.count, d]`.
    public func callAsFunction(_ indices: [Int]) -> Tensor { table.value.gather(indices, alongAxis: 0) }
}

/// Element-wise nonlinearities for ``MLP``.
public enum Activation: String, Sendable, Codable, CaseIterable {
    case relu, gelu, silu, tanh, sigmoid, mish

    /// Applies the function.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: x.relu()
        case .gelu: x.gelu()
        case .silu: x.silu()
        case .tanh: x.tanh()
        case .sigmoid: x.sigmoid()
        case .mish: x.mish()
        }
    }
}

/// A stack of ``Linear`` layers with an activation between them (none after the last).
public final class MLP: Module {
    /// The layers, input first.
    public let layers: [Linear]
    /// The nonlinearity between layers.
    public let activation: Activation

    /// Creates an MLP with the given widths, e.g. `[2, 64, 64, 1]`.
    public init(_ widths: [Int], activation: Activation = .relu, using rng: inout RandomSource) {
        precondition(widths.count >= 2, "an MLP needs at least input and output widths")
        layers = zip(widths, widths.dropFirst()).map { Linear($0, $1, using: &rng) }
        self.activation = activation
    }

    public var children: [(String, any Module)] { layers.enumerated().map { ("\($0.offset)", $0.element) } }

    /// Applies the stack to `[..., widths[0]]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            if i < layers.count - 1 { h = activation(h) }
        }
        return h
    }
}

/// Inverted dropout: zeroes entries with probability `rate` in training and rescales the rest.
public struct Dropout: Sendable {
    /// Probability of zeroing an entry.
    public var rate: Float

    /// Creates a dropout with the given rate in [0, 1).
    public init(rate: Float) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
        self.rate = rate
    }

    /// Applies dropout with a seeded mask; the identity when not training or the rate is 0.
    public func callAsFunction(_ x: Tensor, training: Bool, using rng: inout RandomSource) -> Tensor {
        guard training && rate > 0 else { return x }
        return x.droppingOut(rate: rate, using: &rng)
    }
}

/// The frequency ladder of a sinusoidal embedding of width `d = 2h`.
public enum SinusoidFrequencies: String, Sendable, Hashable, CaseIterable {
    /// `ω_j = 10000^(−j/h)`, the Transformer's positional encoding (the lowest frequency stays above 1/10000).
    case transformer
    /// `ω_j = 10000^(−j/(h−1))`, the `SinusoidalPosEmb` of the diffuser code bases: the last
    /// frequency is exactly 1/10000 (needs `h ≥ 2`).
    case diffuser
}

/// Sinusoidal timestep embedding of diffusion models (Transformer positional encoding).
///
/// Row `i` is `[sin(t·ω₀) … sin(t·ω_{h-1}), cos(t·ω₀) … cos(t·ω_{h-1})]` with `h = d/2` and the
/// frequencies ω of `frequencies` (``SinusoidFrequencies``). A constant (no gradient).
public func timestepEmbedding(_ timesteps: [Float], dimension d: Int, frequencies: SinusoidFrequencies = .transformer) -> Tensor {
    precondition(d % 2 == 0, "timestep embedding width must be even")
    let half = d / 2
    let denominator = Double(frequencies == .diffuser ? Swift.max(half - 1, 1) : half)
    return Tensor(shape: [timesteps.count, d]) { o in
        for (i, t) in timesteps.enumerated() {
            for j in 0..<half {
                let omega = Float(LibM.pow(10000, -Double(j) / denominator))
                o[i * d + j] = Float(LibM.sin(Double(t * omega)))
                o[i * d + half + j] = Float(LibM.cos(Double(t * omega)))
            }
        }
    }
}
