import LabCore
import Learning
import Tensors

/// The GDSG or GADSG graph encoder (Learning's ``EdgeEncoder``) as a diffusion denoiser.
///
/// The noisy state `[x_t, y_t]` goes in front of the six slot features (8 edge inputs); the
/// encoder's three output channels per slot are the two x₀ logits and ε̂.
public final class EncoderDenoiser: TrainableDenoiser {
    /// The encoder.
    public let encoder: EdgeEncoder

    /// Creates the denoiser; the configuration's output heads must give 3 channels, e.g.
    /// `.gadsg(hidden: 64, layers: 4, heads: 4, outputHeads: [2, 1])`.
    public init(_ configuration: EdgeEncoderConfiguration, using rng: inout RandomSource) {
        encoder = EdgeEncoder(configuration, using: &rng)
    }

    public var children: [(String, any Module)] { [("encoder", encoder)] }

    public func denoise(_ input: DenoiserInput) -> DenoiserOutput {
        let g = input.graph
        let state = Tensor.stack([input.bits, input.shares], alongAxis: 3)
        let batch = g.graph(state: state)
        let out = encoder(batch, timesteps: input.timesteps.map(Float.init))
        let parts = out.split(sizes: [2, 1], alongAxis: 3)
        return DenoiserOutput(x0Logits: parts[0], epsilon: parts[1].squeezed(3))
    }
}
