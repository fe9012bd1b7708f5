import LabCore
import Learning
import Tensors

/// The conditions of one network call: everything besides the noisy actions and the step.
///
/// Row-major batches: `prompts` `[B, L, O + A]` (raw observation–action pairs), `history`
/// `[B, history, O]` (normalised, zero rows before the episode start), `returns` `[B]` and the
/// return keep-mask `keep` `[B]` (1 = conditioned on the return, 0 = dropped).
public struct PlannerConditions: Sendable {
    /// Prompt pairs `[B, L, O + A]`.
    public var prompts: Tensor
    /// State history `[B, history, O]`.
    public var history: Tensor
    /// Return-to-go per row.
    public var returns: [Float]
    /// 1 to condition on the return, 0 to drop it.
    public var keep: [Float]

    /// Wraps the conditions.
    public init(prompts: Tensor, history: Tensor, returns: [Float], keep: [Float]) {
        (self.prompts, self.history, self.returns, self.keep) = (prompts, history, returns, keep)
    }
}

/// DiffLoader's noise-prediction network ("Tasksmeta"): a causal transformer over
/// `[step, return, prompt…, history…, noisy actions…]` tokens.
///
/// The step embedding is sinusoidal(D) → Linear(D, 2D) → Mish → Linear(2D, D); the return
/// embedding Linear(1, D) → Mish → Linear(D, 2D) → Mish → Linear(2D, D), multiplied by the keep
/// mask, plus 10⁻⁸. Prompt pairs and history states each go through LayerNorm and an MLP with
/// Mish (hidden widths ``PlannerConfiguration/embeddingHidden``), noisy actions through
/// Linear(A, D). Every token `e_j` becomes `t ⊙ e_j + r + P_j` (``Tensor/gatedTokens(_:scale:shift:positions:)``),
/// then LayerNorm, a GPT-2 trunk with Mish, and Linear(D, A) on the last H tokens gives ε̂.
public final class PlannerNetwork: Module {
    /// The configuration the network was built with.
    public let configuration: PlannerConfiguration
    /// Observation and action sizes.
    public let observationSize: Int, actionSize: Int
    /// Step embedding MLP (on the sinusoid).
    public let stepMLP: MLP
    /// Return embedding MLP.
    public let returnMLP: MLP
    /// LayerNorm and MLP of the prompt pairs.
    public let promptNorm: LayerNorm, promptMLP: MLP
    /// LayerNorm and MLP of the history states.
    public let stateNorm: LayerNorm, stateMLP: MLP
    /// Embedding of the noisy actions.
    public let actionEmbedding: Linear
    /// Learned positions, zero-initialised.
    public let positions: PositionalTable
    /// LayerNorm after gating.
    public let tokenNorm: LayerNorm
    /// The GPT-2 trunk.
    public let transformer: CausalTransformer
    /// Noise head Linear(D, A).
    public let head: Linear

    /// Creates a network for `observationSize` and `actionSize` with seeded initial values
    /// (the configuration must be valid).
    public init(configuration c: PlannerConfiguration, observationSize: Int, actionSize: Int, using rng: inout RandomSource) {
        configuration = c
        (self.observationSize, self.actionSize) = (observationSize, actionSize)
        let d = c.width, pair = observationSize + actionSize
        stepMLP = MLP([d, 2 * d, d], activation: .mish, using: &rng)
        returnMLP = MLP([1, d, 2 * d, d], activation: .mish, using: &rng)
        promptNorm = LayerNorm(pair)
        promptMLP = MLP([pair] + c.embeddingHidden + [d], activation: .mish, using: &rng)
        stateNorm = LayerNorm(observationSize)
        stateMLP = MLP([observationSize] + c.embeddingHidden + [d], activation: .mish, using: &rng)
        actionEmbedding = Linear(actionSize, d, using: &rng)
        positions = PositionalTable(positions: c.tokens, width: d)
        tokenNorm = LayerNorm(d)
        transformer = CausalTransformer(width: d, layers: c.layers, heads: c.heads, inner: c.innerWidth, activation: .mish,
                                        dropout: c.dropout, using: &rng)
        head = Linear(d, actionSize, using: &rng)
    }

    public var children: [(String, any Module)] {
        [("stepMLP", stepMLP), ("returnMLP", returnMLP), ("promptNorm", promptNorm), ("promptMLP", promptMLP),
         ("stateNorm", stateNorm), ("stateMLP", stateMLP), ("actionEmbedding", actionEmbedding), ("positions", positions),
         ("tokenNorm", tokenNorm), ("transformer", transformer), ("head", head)]
    }

    /// Predicts the noise `[B, H, A]` in `noisy` `[B, H, A]` at step indices `steps` (0…K−1).
    ///
    /// Dropout draws from `rng` only when `training`.
    public func callAsFunction(_ noisy: Tensor, steps: [Int], conditions: PlannerConditions, training: Bool,
                               using rng: inout RandomSource) -> Tensor {
        let b = noisy.shape[0], h = noisy.shape[1], d = configuration.width
        let step = stepMLP(timestepEmbedding(steps.map(Float.init), dimension: d, frequencies: .diffuser))  // [B, D]
        let keep = Tensor(shape: [b, 1], scalars: conditions.keep)
        let value = returnMLP(Tensor(shape: [b, 1], scalars: conditions.returns)) * keep + 1e-8  // [B, D]
        let prompt = promptMLP(promptNorm(conditions.prompts))
        let states = stateMLP(stateNorm(conditions.history))
        let tokens = Tensor.concat([step.unsqueezed(1), value.unsqueezed(1), prompt, states, actionEmbedding(noisy)], alongAxis: 1)
        let t = tokens.shape[1]
        let gated = tokenNorm(Tensor.gatedTokens(tokens, scale: step, shift: value, positions: positions(t)))
        let out = transformer(gated, training: training, using: &rng)
        return head(out.split(sizes: [t - h, h], alongAxis: 1)[1])
    }
}
