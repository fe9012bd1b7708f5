import LabCore
import Learning
import Tensors

/// A denoising network that can be trained: a parameter tree that denoises.
public protocol TrainableDenoiser: Denoiser, Module {}

/// A message-free denoiser: one MLP applied to every (user, slot) on its own.
///
/// Input per slot: the six slot features, x_t, y_t and a 16-wide sinusoidal embedding of t
/// (24 values); output: two x₀ logits and ε̂. It sees no other slot or user, so it cannot learn
/// contention between users; it is the ablation floor for the graph encoders and the denoiser the
/// trainer's tests use. Parameters: `24·h + h + (L−1)(h² + h) + 3h + 3` for `L` hidden layers of
/// width `h`.
public final class SlotMLPDenoiser: TrainableDenoiser {
    /// The per-slot network.
    public let mlp: MLP
    static let timeWidth = 16

    /// Creates the network with seeded weights.
    public init(hidden: Int = 64, layers: Int = 2, using rng: inout RandomSource) {
        mlp = MLP([6 + 2 + SlotMLPDenoiser.timeWidth] + Array(repeating: hidden, count: layers) + [3], activation: .relu, using: &rng)
    }

    public var children: [(String, any Module)] { [("mlp", mlp)] }

    public func denoise(_ input: DenoiserInput) -> DenoiserOutput {
        let (b, u, s) = (input.graph.batchSize, input.graph.userCount, input.graph.slotCount)
        let time = timestepEmbedding(input.timesteps.map(Float.init), dimension: SlotMLPDenoiser.timeWidth)
            .reshaped([b, 1, 1, SlotMLPDenoiser.timeWidth]).broadcast(to: [b, u, s, SlotMLPDenoiser.timeWidth])
        let features = Tensor.concat([input.graph.slots, input.bits.unsqueezed(3), input.shares.unsqueezed(3), time], alongAxis: 3)
        let out = mlp(features.reshaped([b * u * s, 6 + 2 + SlotMLPDenoiser.timeWidth])).reshaped([b, u, s, 3])
        let parts = out.split(sizes: [2, 1], alongAxis: 3)
        return DenoiserOutput(x0Logits: parts[0], epsilon: parts[1].squeezed(3))
    }
}
