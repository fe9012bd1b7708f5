import Foundation
import LabCore

/// The discrete (D3PM, uniform symmetric kernel) diffusion of the offload bits (docs/gadsg.md §4.1–4.3, §7.7).
///
/// Every slot (u, s) of the `[U, S+1]` grid carries one bit, x = 1 when user u offloads to
/// server s; a user with no 1 runs locally (docs/gadsg.md §4.2 "x₀ is the 0/1 label on every edge
/// position"). The bits are diffused independently with the kernels of ``DiffusionSchedule``;
/// the network predicts p(x₀ | x_t) per slot and the reverse step mixes the exact posteriors.
public struct BernoulliDiffusion: Sendable, Hashable {
    /// How the last reverse step (t₂ = 0) is computed (docs/gadsg.md §4.3 step 2).
    public enum FinalStep: String, Sendable, Hashable, CaseIterable {
        /// The exact D3PM posterior: π = p₁ = P(x₀ = 1 | x_{t₁}) (the default).
        case exact
        /// GDSG's code quirk: the t₁→0 transition is the identity, so π = x_{t₁}·p₁ / Q̄_{t₁}[1, 1]
        /// clamped below at 0 only (0 wherever the previous bit was 0, ≈ 1.003·p₁ where it was 1).
        case gdsgQuirk
    }

    /// The shared schedule.
    public var schedule: DiffusionSchedule

    /// Creates the process on a schedule.
    public init(schedule: DiffusionSchedule) { self.schedule = schedule }

    /// q(x_t = 1 | x₀) = [onehot(x₀)·Q̄_t]₁ (docs/gadsg.md §4.2 step 2).
    public func forwardProbability(x0: Int, t: Int) -> Double { schedule.cumulativeKernel(t)[x0, 1] }

    /// Samples x_t ~ q(x_t | x₀) for a batch: `x0` holds `B·n` bits (0 or 1, row-major `[B, n]`),
    /// `t` one time per row. Draws exactly one uniform per bit, in order.
    public func noise(_ x0: [Float], t: [Int], using rng: inout RandomSource) -> [Float] {
        precondition(!t.isEmpty && x0.count % t.count == 0, "x0 must hold one equal-sized row per time")
        let n = x0.count / t.count
        var out = [Float](repeating: 0, count: x0.count)
        for i in x0.indices {
            out[i] = rng.bernoulli(forwardProbability(x0: x0[i] > 0.5 ? 1 : 0, t: t[i / n])) ? 1 : 0
        }
        return out
    }

    /// The exact posterior P(x_{t₂} = 1 | x_{t₁} = `xt`, x₀ = `x0`) for 0 ≤ t₂ < t₁ ≤ T:
    /// `Q_{t₁|t₂}[1, x_{t₁}] · Q̄_{t₂}[x₀, 1] / Q̄_{t₁}[x₀, x_{t₁}]` (docs/gadsg.md §4.3 step 2, Bayes with the
    /// Markov property; at t₂ = 0 it is x₀ itself).
    public func posterior(xt: Int, x0: Int, from t1: Int, to t2: Int) -> Double {
        precondition(0 <= t2 && t2 < t1 && t1 <= schedule.steps, "posterior needs 0 ≤ t₂ < t₁ ≤ T")
        let step = schedule.kernel(from: t2, to: t1)
        return step[1, xt] * schedule.cumulativeKernel(t2)[x0, 1] / schedule.cumulativeKernel(t1)[x0, xt]
    }

    /// The model's reverse probability π = P(x_{t₂} = 1 | x_{t₁}) = Σ_c p_c · posterior(c)
    /// with p₁ = `p1` = P(x₀ = 1 | x_{t₁}) from the network (docs/gadsg.md §4.3 step 2).
    ///
    /// At t₂ = 0 the `.exact` rule returns p₁; `.gdsgQuirk` returns max(0, x_{t₁}·p₁ / Q̄_{t₁}[1,1]).
    /// Otherwise the value is clamped to [0, 1].
    public func reverseProbability(p1: Double, xt: Int, from t1: Int, to t2: Int, finalStep: FinalStep = .exact) -> Double {
        if t2 == 0 {
            switch finalStep {
            case .exact: return min(max(p1, 0), 1)
            case .gdsgQuirk: return max(0, Double(xt) * p1 / schedule.cumulativeKernel(t1)[1, 1])
            }
        }
        let mixed = (1 - p1) * posterior(xt: xt, x0: 0, from: t1, to: t2) + p1 * posterior(xt: xt, x0: 1, from: t1, to: t2)
        return min(max(mixed, 0), 1)
    }
}

/// How the bits are presented to the denoiser (docs/gadsg.md §4.2 step 2 and §4.3 step 1 quirk).
public enum BitEncoding: Sendable, Hashable {
    /// Raw values in {0, 1} (GDSG's inference input, and a probability after the last step).
    case raw
    /// (2x − 1)·(1 + `jitter`·u), u ~ U[0, 1) per entry: GDSG's training input (jitter 0.05).
    case signed(jitter: Float)

    /// GDSG's training encoding, (2x − 1)·(1 + 0.05u).
    public static let gdsgTraining = BitEncoding.signed(jitter: 0.05)

    /// Encodes `bits`; `.signed` with non-zero jitter draws one uniform per entry, in order.
    public func encode(_ bits: [Float], using rng: inout RandomSource) -> [Float] {
        switch self {
        case .raw: return bits
        case .signed(let jitter):
            return bits.map { x in
                let u: Float = jitter == 0 ? 0 : rng.nextFloat()
                return (2 * x - 1) * (1 + jitter * u)
            }
        }
    }
}
