import Tensors

/// REINFORCE with a baseline: discounted returns, normalised advantages and the surrogate loss
/// whose gradient is the policy-gradient estimate (`maml_rl`'s inner loss).
public enum Reinforce {
    /// Discounted returns-to-go `Gₜ = Σ_{k≥t} γ^{k−t}·r_k` of one episode.
    public static func returns(_ rewards: [Float], discount: Float) -> [Float] {
        var out = [Float](repeating: 0, count: rewards.count), g: Float = 0
        for t in stride(from: rewards.count - 1, through: 0, by: -1) {
            g = discount * g + rewards[t]
            out[t] = g
        }
        return out
    }

    /// `(A − mean A)/(std A + 1e-8)` with the population std: `maml_rl`'s `weighted_normalize`
    /// with all weights 1 (GAE with τ = 1 makes the advantage `Gₜ − V(sₜ)`).
    public static func normalized(_ advantages: [Float]) -> [Float] {
        guard !advantages.isEmpty else { return [] }
        let n = Float(advantages.count)
        let mean = advantages.reduce(0, +) / n
        let variance = advantages.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let std = variance.squareRoot()
        return advantages.map { ($0 - mean) / (std + 1e-8) }
    }

    /// The surrogate `−mean(log π(aₜ|sₜ)·Âₜ)` for log-densities `[N, 1]` and constant advantages
    /// `[N]`; its gradient is minus the REINFORCE estimate of the return's gradient.
    public static func surrogate(logProbs: Tensor, advantages: [Float]) -> Tensor {
        let a = Tensor(shape: [advantages.count, 1], scalars: advantages)
        return -(logProbs * a).mean()
    }
}
