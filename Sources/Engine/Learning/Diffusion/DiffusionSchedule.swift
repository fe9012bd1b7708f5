import Foundation

/// The noise schedule shared by the discrete and the continuous process (docs/gadsg.md §4.1, §7.9 item 20).
///
/// β_t is linear from `betaStart` to `betaEnd` over t = 1…T (numpy `linspace`, so β_1 = start and
/// β_T = end). The Gaussian process uses α_t = 1 − β_t and ᾱ_t = Π_{s≤t} α_s with ᾱ_0 = 1.
///
/// The Bernoulli process flips a bit with probability p_t per step, where p_t = β_t in the paper's
/// form Q_t = [[1−β, β], [β, 1−β]] (§7.7, recommended by §7.9 item 20 and the default here) or
/// p_t = β_t / 2 in GDSG's code form Q_t = (1−β_t)·I + (β_t/2)·11ᵀ (§4.1). Both kernels are
/// symmetric, so every product of them is symmetric too and is fully described by its
/// "correlation" ρ = 1 − 2·(flip probability): ρ̄_t = Π_{s≤t} (1 − 2p_s), ρ̄_0 = 1, and the
/// cumulative kernel Q̄_t = Q_1⋯Q_t flips with probability (1 − ρ̄_t)/2. All values are Double.
public struct DiffusionSchedule: Sendable, Hashable {
    /// Which per-step bit-flip kernel the discrete process uses (docs/gadsg.md §7.9 item 20).
    public enum FlipForm: String, Sendable, Hashable, CaseIterable {
        /// The paper's form: flip probability β_t per step (cumulative flip ≈ 0.49 at T = 200).
        case paper
        /// GDSG's code form: flip probability β_t / 2 per step (cumulative flip ≈ 0.434 at T = 200).
        case gdsg
    }

    /// Number of diffusion steps T.
    public let steps: Int
    /// β_1 (the first step's variance).
    public let betaStart: Double
    /// β_T (the last step's variance).
    public let betaEnd: Double
    /// The discrete kernel's form.
    public let flipForm: FlipForm
    /// β_t at index t (index 0 holds 0 and is never used as a step), `T + 1` entries.
    public let betas: [Double]
    /// ᾱ_t at index t, with ᾱ_0 = 1, `T + 1` entries.
    public let alphaBars: [Double]
    /// ρ̄_t = Π_{s≤t}(1 − 2p_s) at index t, with ρ̄_0 = 1, `T + 1` entries.
    public let flipCorrelations: [Double]

    /// Builds a linear schedule; the defaults are those of docs/gadsg.md §8.3 (T = 200, β from 1e-4 to 2e-2).
    ///
    /// - Precondition: `steps ≥ 1`, `0 < betaStart ≤ betaEnd < 0.5`.
    public init(steps: Int = 200, betaStart: Double = 1e-4, betaEnd: Double = 2e-2, flipForm: FlipForm = .paper) {
        precondition(steps >= 1, "a schedule needs at least one step")
        precondition(betaStart > 0 && betaStart <= betaEnd && betaEnd < 0.5, "β must satisfy 0 < start ≤ end < 0.5")
        self.steps = steps
        self.betaStart = betaStart
        self.betaEnd = betaEnd
        self.flipForm = flipForm
        var betas = [0.0], bars = [1.0], rhos = [1.0]
        for t in 1...steps {
            let beta = steps == 1 ? betaStart : betaStart + (betaEnd - betaStart) * Double(t - 1) / Double(steps - 1)
            betas.append(beta)
            bars.append(bars[t - 1] * (1 - beta))
            let flip = flipForm == .paper ? beta : beta / 2
            rhos.append(rhos[t - 1] * (1 - 2 * flip))
        }
        self.betas = betas
        alphaBars = bars
        flipCorrelations = rhos
    }

    /// Per-step flip probability p_t of the discrete kernel Q_t, t in 1…T.
    public func flipProbability(step t: Int) -> Double {
        flipForm == .paper ? betas[t] : betas[t] / 2
    }

    /// The one-step kernel Q_t, t in 1…T.
    public func stepKernel(_ t: Int) -> BitKernel { BitKernel(flip: flipProbability(step: t)) }

    /// The cumulative kernel Q̄_t = Q_1⋯Q_t (identity at t = 0), t in 0…T.
    public func cumulativeKernel(_ t: Int) -> BitKernel { BitKernel(flip: (1 - flipCorrelations[t]) / 2) }

    /// The kernel from step `s` to a later step `t`, Q_{t|s} = Q_{s+1}⋯Q_t = Q̄_s⁻¹·Q̄_t (docs/gadsg.md §4.3
    /// step 2), 0 ≤ s ≤ t ≤ T. Symmetric kernels commute, so its correlation is ρ̄_t / ρ̄_s.
    public func kernel(from s: Int, to t: Int) -> BitKernel {
        precondition(0 <= s && s <= t && t <= steps, "kernel(from: \(s), to: \(t)) needs 0 ≤ s ≤ t ≤ T")
        return BitKernel(flip: (1 - flipCorrelations[t] / flipCorrelations[s]) / 2)
    }
}

/// A symmetric 2×2 Markov kernel on one bit: `K[a, b]` = P(next = b | current = a).
///
/// Row-stochastic; `K[a, a] = 1 − flip`, `K[a, 1−a] = flip`.
public struct BitKernel: Sendable, Hashable {
    /// Probability that the bit changes.
    public var flip: Double

    /// Creates a kernel with the given flip probability.
    public init(flip: Double) { self.flip = flip }

    /// P(next = `b` | current = `a`) for bits `a`, `b` in {0, 1}.
    public subscript(_ a: Int, _ b: Int) -> Double { a == b ? 1 - flip : flip }
}
