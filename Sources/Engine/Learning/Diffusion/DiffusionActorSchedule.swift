import Foundation

/// The DDPM posterior coefficients of a few-step diffusion policy (Diffusion-QL / GDMOPT form),
/// precomputed from a ``VPSchedule``.
///
/// For steps `t = 1…K` (stored at index `t − 1`): `α_t = exp(−β_min/K − ½(β_max − β_min)(2t − 1)/K²)`,
/// `β_t = 1 − α_t`, `ᾱ_t = Π_{s≤t} α_s`, `ᾱ_0 = 1`. The posterior `q(x_{t−1} | x_t, x̂_0)` has
/// mean `c1_t·x̂_0 + c2_t·x_t` with `c1_t = β_t·√ᾱ_{t−1}/(1 − ᾱ_t)`,
/// `c2_t = (1 − ᾱ_{t−1})·√α_t/(1 − ᾱ_t)` and variance `β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t)`, floored at
/// 1e-20 before its square root is taken (zero at `t = 1`). All values are computed in Double.
public struct DiffusionActorSchedule: Sendable, Hashable {
    /// `K`: denoising steps.
    public let steps: Int
    /// `β_t` at index `t − 1`.
    public let betas: [Double]
    /// `ᾱ_t` at index `t − 1`.
    public let alphaBars: [Double]
    /// `1/√ᾱ_t`: the coefficient of `x_t` in `x̂_0`.
    public let startFromSample: [Double]
    /// `√(1/ᾱ_t − 1)`: the coefficient of `ε̂` subtracted in `x̂_0`.
    public let startFromNoise: [Double]
    /// `c1_t`: the posterior mean's coefficient of `x̂_0`.
    public let meanFromStart: [Double]
    /// `c2_t`: the posterior mean's coefficient of `x_t`.
    public let meanFromSample: [Double]
    /// The posterior standard deviation `σ_t`.
    public let sigmas: [Double]

    /// The VP schedule with `steps` steps between `betaMin` and `betaMax` (GDMOPT: 0.1 and 10).
    ///
    /// `steps` below 1 is treated as 1; callers validate user input first.
    public init(steps: Int, betaMin: Double = 0.1, betaMax: Double = 10) {
        let vp = VPSchedule(steps: steps, betaMin: betaMin, betaMax: betaMax)
        self.steps = vp.steps
        betas = vp.betas
        alphaBars = vp.alphaBars
        startFromSample = vp.alphaBars.map { 1 / $0.squareRoot() }
        startFromNoise = vp.alphaBars.map { (1 / $0 - 1).squareRoot() }
        var c1: [Double] = [], c2: [Double] = [], sigma: [Double] = []
        for i in 0..<vp.steps {
            let previous = vp.previousAlphaBars[i], bar = vp.alphaBars[i]
            c1.append(betas[i] * previous.squareRoot() / (1 - bar))
            c2.append((1 - previous) * (1 - betas[i]).squareRoot() / (1 - bar))
            sigma.append(max(betas[i] * (1 - previous) / (1 - bar), 1e-20).squareRoot())
        }
        (meanFromStart, meanFromSample, sigmas) = (c1, c2, sigma)
    }
}
