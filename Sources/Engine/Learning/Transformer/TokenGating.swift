import Tensors

extension Tensor {
    /// The FiLM-like conditioning of DiffLoader's token sequence: `scale ⊙ e_j + shift + P_j`.
    ///
    /// `tokens` `[B, T, D]` are multiplied by a per-instance `scale` `[B, D]` (the diffusion-step
    /// embedding), shifted by a per-instance `shift` `[B, D]` (the masked return embedding) and
    /// by the per-position rows `positions` `[T, D]`. Composed of broadcast products and sums,
    /// so every input gets its gradient (the scale's and shift's summed over tokens).
    public static func gatedTokens(_ tokens: Tensor, scale: Tensor, shift: Tensor, positions: Tensor) -> Tensor {
        precondition(tokens.rank == 3, "gatedTokens takes [B, T, D] tokens, got \(tokens.shape)")
        let (b, t, d) = (tokens.shape[0], tokens.shape[1], tokens.shape[2])
        precondition(scale.shape == [b, d] && shift.shape == [b, d] && positions.shape == [t, d],
                     "gatedTokens: scale \(scale.shape) and shift \(shift.shape) must be [\(b), \(d)], positions \(positions.shape) [\(t), \(d)]")
        return tokens * scale.unsqueezed(1) + shift.unsqueezed(1) + positions
    }
}
