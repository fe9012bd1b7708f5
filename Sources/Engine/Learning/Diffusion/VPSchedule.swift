import Foundation

/// The discrete variance-preserving schedule of the diffuser planners, with the DDPM posterior.
///
/// For `K` steps, `β_k = 1 − exp(−β_min/K − (β_max − β_min)·(2k − 1)/(2K²))`, k = 1…K (β_min = 0.1,
/// β_max = 10 by default), `ᾱ_k = Π_{j≤k}(1 − β_j)`. Arrays are indexed by the network's step
/// index `i = k − 1` in 0…K−1, as the diffuser code indexes them: `q(x_i | x₀)` uses `ᾱ_{i+1}`,
/// and the posterior `q(x_{i−1} | x_i, x₀)` has mean `c₁·x₀ + c₂·x_i` and variance
/// `β·(1 − ᾱ_prev)/(1 − ᾱ)` (0 at i = 0, where the sampler adds no noise). All values are Double.
public struct VPSchedule: Sendable, Hashable {
    /// Number of steps K.
    public let steps: Int
    /// β by step index (K entries).
    public let betas: [Double]
    /// ᾱ by step index.
    public let alphaBars: [Double]
    /// ᾱ of the previous step by step index (1 at index 0).
    public let previousAlphaBars: [Double]

    /// Builds the schedule; `steps ≥ 1` and `0 ≤ betaMin ≤ betaMax` (checked by callers that take user input).
    public init(steps: Int, betaMin: Double = 0.1, betaMax: Double = 10) {
        let k = Swift.max(steps, 1)
        self.steps = k
        let kk = Double(k)
        betas = (1...k).map { j in 1 - exp(-betaMin / kk - 0.5 * (betaMax - betaMin) * Double(2 * j - 1) / (kk * kk)) }
        var bars: [Double] = [], bar = 1.0
        for b in betas {
            bar *= 1 - b
            bars.append(bar)
        }
        alphaBars = bars
        previousAlphaBars = [1] + bars.dropLast()
    }

    /// `√ᾱ_i·x₀ + √(1 − ᾱ_i)·ε` (the forward noising at step index `i`).
    public func noised(_ x0: Float, epsilon: Float, step i: Int) -> Float {
        Float(alphaBars[i].squareRoot() * Double(x0) + (1 - alphaBars[i]).squareRoot() * Double(epsilon))
    }

    /// `x₀ = √(1/ᾱ_i)·x − √(1/ᾱ_i − 1)·ε̂`, clipped to [−1, 1] when `clip` is set.
    public func predictedStart(_ x: Float, epsilon: Float, step i: Int, clip: Bool) -> Float {
        let v = (1 / alphaBars[i]).squareRoot() * Double(x) - (1 / alphaBars[i] - 1).squareRoot() * Double(epsilon)
        return Float(clip ? Swift.min(Swift.max(v, -1), 1) : v)
    }

    /// The posterior mean `c₁·x₀ + c₂·x` at step index `i`, with
    /// `c₁ = β·√ᾱ_prev/(1 − ᾱ)` and `c₂ = (1 − ᾱ_prev)·√(1 − β)/(1 − ᾱ)`.
    public func posteriorMean(start x0: Float, current x: Float, step i: Int) -> Float {
        let b = betas[i], bar = alphaBars[i], prev = previousAlphaBars[i]
        let c1 = b * prev.squareRoot() / (1 - bar), c2 = (1 - prev) * (1 - b).squareRoot() / (1 - bar)
        return Float(c1 * Double(x0) + c2 * Double(x))
    }

    /// The posterior standard deviation at step index `i`: `exp(½·log(max(var, 10⁻²⁰)))` as the
    /// diffuser code computes it from its clipped log-variance.
    public func posteriorStd(step i: Int) -> Double {
        let variance = betas[i] * (1 - previousAlphaBars[i]) / (1 - alphaBars[i])
        return exp(0.5 * log(Swift.max(variance, 1e-20)))
    }
}
