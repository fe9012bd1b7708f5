import LabCore
import Tensors

/// The QMIX mixing network (Rashid et al. 2018): combines the agents' utilities `q` `[B, M]`
/// into a team value `Q_tot` `[B]` with weights produced from the global state `s` `[B, S]` by
/// hypernetworks, so that `Q_tot` is monotone non-decreasing in every `q_i`.
///
///     W1 = |Linear(S, M·E)(s)| as [M, E],  b1 = Linear(S, E)(s)
///     W2 = |Linear(S, E)(s)|,              b2 = Linear(E, 1)(ReLU(Linear(S, E)(s)))
///     Q_tot = W2ᵀ·ELU(W1ᵀ·q + b1) + b2
///
/// The absolute values make every weight on a path from `q` to `Q_tot` non-negative and ELU is
/// increasing, hence `∂Q_tot/∂q_i ≥ 0`. Actor losses that back-propagate through a frozen mixer
/// compute the state-dependent ``Weights`` once without gradient and call ``mix(_:weights:)``.
public final class QMIXMixer: Module {
    /// `S`: width of the global state.
    public let stateWidth: Int
    /// `M`: number of agents.
    public let agents: Int
    /// `E`: mixing embedding width.
    public let embedding: Int
    /// Hypernetwork of the first layer's weights, `S → M·E`.
    public let hyperW1: Linear
    /// Hypernetwork of the first layer's bias, `S → E`.
    public let hyperB1: Linear
    /// Hypernetwork of the second layer's weights, `S → E`.
    public let hyperW2: Linear
    /// First layer of the output-bias hypernetwork, `S → E`.
    public let hyperB2Hidden: Linear
    /// Second layer of the output-bias hypernetwork, `E → 1`.
    public let hyperB2Out: Linear

    /// A mixer for `agents` utilities and a `stateWidth`-wide global state, embedding width `embedding`.
    public init(stateWidth: Int, agents: Int, embedding: Int = 32, using rng: inout RandomSource) {
        (self.stateWidth, self.agents, self.embedding) = (stateWidth, agents, embedding)
        hyperW1 = Linear(stateWidth, agents * embedding, using: &rng)
        hyperB1 = Linear(stateWidth, embedding, using: &rng)
        hyperW2 = Linear(stateWidth, embedding, using: &rng)
        hyperB2Hidden = Linear(stateWidth, embedding, using: &rng)
        hyperB2Out = Linear(embedding, 1, using: &rng)
    }

    public var children: [(String, any Module)] {
        [("hyperW1", hyperW1), ("hyperB1", hyperB1), ("hyperW2", hyperW2), ("hyperB2Hidden", hyperB2Hidden), ("hyperB2Out", hyperB2Out)]
    }

    /// The mixing weights of a batch of states.
    public struct Weights {
        /// `|W1|` `[B, M, E]`.
        public var w1: Tensor
        /// `b1` `[B, 1, E]`.
        public var b1: Tensor
        /// `|W2|` `[B, E, 1]`.
        public var w2: Tensor
        /// `b2` `[B, 1, 1]`.
        public var b2: Tensor
    }

    /// The hypernetworks' outputs for states `[B, S]`.
    public func weights(_ state: Tensor) -> Weights {
        let b = state.shape[0]
        return Weights(
            w1: hyperW1(state).abs().reshaped([b, agents, embedding]),
            b1: hyperB1(state).reshaped([b, 1, embedding]),
            w2: hyperW2(state).abs().reshaped([b, embedding, 1]),
            b2: hyperB2Out(hyperB2Hidden(state).relu()).reshaped([b, 1, 1]))
    }

    /// `Q_tot` `[B]` of utilities `[B, M]` under precomputed weights.
    public func mix(_ utilities: Tensor, weights w: Weights) -> Tensor {
        let b = utilities.shape[0]
        let hidden = (utilities.reshaped([b, 1, agents]).matmul(w.w1) + w.b1).elu()
        return (hidden.matmul(w.w2) + w.b2).reshaped([b])
    }

    /// `Q_tot` `[B]` of utilities `[B, M]` in states `[B, S]`.
    public func callAsFunction(_ utilities: Tensor, state: Tensor) -> Tensor { mix(utilities, weights: weights(state)) }
}
