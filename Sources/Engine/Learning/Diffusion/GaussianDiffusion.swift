import Foundation
import LabCore

/// The continuous (Gaussian, ε-prediction) diffusion of the capacity shares (docs/gadsg.md §4.2 step 3,
/// §4.3 step 3, §7.7 eq. 39–43).
///
/// y₀ is the label share on every slot (0 where not chosen; no rescaling, as in GDSG) and
/// y_t = √ᾱ_t·y₀ + √(1 − ᾱ_t)·ε with ε ~ N(0, 1). Inference uses deterministic DDIM (η = 0)
/// on the few-step grid, which reaches t = 0 exactly (ᾱ_0 = 1), so the last step returns the
/// predicted y₀.
public struct GaussianDiffusion: Sendable, Hashable {
    /// The shared schedule.
    public var schedule: DiffusionSchedule

    /// Creates the process on a schedule.
    public init(schedule: DiffusionSchedule) { self.schedule = schedule }

    /// y_t = √ᾱ_t·y₀ + √(1 − ᾱ_t)·ε, entry-wise; `t` holds one time per row of the `[B, n]` arrays.
    public func noise(_ y0: [Float], epsilon: [Float], t: [Int]) -> [Float] {
        precondition(y0.count == epsilon.count && !t.isEmpty && y0.count % t.count == 0, "y0, ε and t disagree")
        let n = y0.count / t.count
        return y0.indices.map { i in
            let bar = schedule.alphaBars[t[i / n]]
            return Float(bar.squareRoot() * Double(y0[i]) + (1 - bar).squareRoot() * Double(epsilon[i]))
        }
    }

    /// The implied y₀ = (y_t − √(1 − ᾱ_t)·ε̂) / √ᾱ_t.
    public func predictedStart(_ y: Float, epsilon: Float, t: Int) -> Float {
        let bar = schedule.alphaBars[t]
        return Float((Double(y) - (1 - bar).squareRoot() * Double(epsilon)) / bar.squareRoot())
    }

    /// One DDIM (η = 0) step from t₁ to t₂ < t₁:
    /// y ← √(ᾱ_{t₂}/ᾱ_{t₁})·(y − √(1 − ᾱ_{t₁})·ε̂) + √(1 − ᾱ_{t₂})·ε̂ (docs/gadsg.md §4.3 step 3).
    public func ddimStep(_ y: Float, epsilon: Float, from t1: Int, to t2: Int) -> Float {
        let a1 = schedule.alphaBars[t1], a2 = schedule.alphaBars[t2]
        let value = (a2 / a1).squareRoot() * (Double(y) - (1 - a1).squareRoot() * Double(epsilon))
            + (1 - a2).squareRoot() * Double(epsilon)
        return Float(value)
    }
}
