import Tensors

/// The tanh-squashed Gaussian of SAC's policy: `a = tanh(μ + σ·ε)` with `ε ~ N(0, I)`.
///
/// ``sample(mean:logStd:noise:epsilon:)`` is the reparameterised sample and its log-density with
/// the change-of-variables correction, summed over the action axis as rlkit does:
/// `log π(a) = Σⱼ [−ε²/2 − log σ − ½·log 2π − log(1 − aⱼ² + ϵ)]`. The Gaussian term is written
/// with the noise `ε = (z − μ)/σ` held constant, which has the same value and the same
/// gradients as differentiating `log N(z; μ, σ)` through `z = μ + σ·ε` (the two paths to μ
/// cancel; σ keeps `−1/σ`). Gradients reach μ and log σ through the action and the correction.
public enum TanhGaussian {
    /// ½·log 2π.
    public static let halfLogTwoPi: Float = 0.918_938_53

    /// The reparameterised sample and its log-density.
    ///
    /// - Parameters:
    ///   - mean: μ, `[N, A]`.
    ///   - logStd: log σ, `[N, A]` (already clamped).
    ///   - noise: ε, `[N, A]`, a constant.
    ///   - epsilon: added inside the correction's logarithm (rlkit: 1e-6).
    /// - Returns: the action `[N, A]` in (−1, 1) and the log-density `[N, 1]`.
    public static func sample(mean: Tensor, logStd: Tensor, noise: Tensor, epsilon: Float = 1e-6) -> (action: Tensor, logProb: Tensor) {
        let action = (mean + logStd.exp() * noise).tanh()
        let constant = Tensor.withoutGrad { noise.squared() * -0.5 - halfLogTwoPi }
        let correction = ((action * action) * -1 + (1 + epsilon)).log()
        let logProb = ((constant - logStd) - correction).sum(alongAxis: 1, keepingDims: true)
        return (action, logProb)
    }
}
