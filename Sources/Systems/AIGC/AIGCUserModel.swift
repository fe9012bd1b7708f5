import Foundation

/// One user's mode-specific subproblems in closed form (docs/aigc.md §B.5, "closed forms for binary a").
///
/// **Local mode.** For `s` local steps at frequency `f` the time is `c·s/f` and the energy
/// `κ·c·f²·s`, so the cost is `s·c·(c1/f + c3·κ·f²) + c2·ε_fwd·e^{−C_L s} − w1·ln(1+s)`. The
/// deadline, battery and `f^max` constraints bound `f` to `[c·s/T_max, min(f^max, √(B/(κ·c·s))]`,
/// and the per-step cost is convex in `f` with its minimum at `f* = (c1/(2·c3·κ))^{1/3}`, so the
/// best frequency is `f*` clipped to that interval: this is the KKT solution
/// `f = ((c1+λ_T)/(2·(c3+λ_B)·κ))^{1/3}` with the deadline multiplier `λ_T` or battery multiplier
/// `λ_B` positive exactly when the clip is active. The reduced cost `φ(s)` is convex (partial
/// minimisation of a jointly convex function), and its derivative is piecewise closed-form, so
/// the optimal `s` is found by bisecting `φ′` on `[S_min, s_max]`.
///
/// **Edge mode.** The cost is `c1·(D + τ_E·s) + c2·ε_fwd·e^{−C_E s} + c3·e^tx − w2·ln(1+s)`
/// plus the edge-step price `μ·s`; its derivative `c1·τ_E + μ − c2·C_E·ε_fwd·e^{−C_E s} − w2/(1+s)`
/// is increasing and concave, so a bracketed Newton iteration finds the root on
/// `[S_min, min(S_E, (T_max − D)/τ_E)]` in a few steps.
struct AIGCUserModel: Sendable {
    let p: AIGCParameters
    let user: AIGCUser
    /// `D_n`.
    let latency: Double
    /// `e_n^tx`.
    let txEnergy: Double
    /// Largest local step count any feasible frequency allows.
    let localMaxSteps: Double
    /// Largest edge step count the deadline and `S_E` allow.
    let edgeMaxSteps: Double
    /// The continuous local optimum, nil when the local mode is infeasible.
    private(set) var local: LocalPlan? = nil

    /// A local-mode plan: steps, time and its cost.
    struct LocalPlan: Sendable, Hashable {
        var steps: Double
        var time: Double
        var cost: Double
    }

    init(_ p: AIGCParameters, _ user: AIGCUser) {
        self.p = p
        self.user = user
        latency = user.offloadLatency(p)
        txEnergy = user.transmitEnergy(p)
        let c = p.cyclesPerStep
        let byFrequency = user.maxFrequency * p.deadline / c
        let byBattery = cbrt(user.battery * p.deadline * p.deadline / (p.capacitance * c * c * c))
        localMaxSteps = min(p.localStepLimit, byFrequency, byBattery)
        edgeMaxSteps = min(p.edgeStepLimit, (p.deadline - latency) / p.edgeStepTime)
        local = solveLocal()
    }

    var localFeasible: Bool { local != nil }
    var edgeFeasible: Bool { edgeMaxSteps >= p.minSteps && txEnergy <= user.battery }

    // MARK: Local mode

    /// The cost-minimising feasible frequency for `s` local steps, nil if none exists.
    func localFrequency(_ s: Double) -> Double? {
        let c = p.cyclesPerStep
        let lo = c * s / p.deadline
        let hi = min(user.maxFrequency, (user.battery / (p.capacitance * c * s)).squareRoot())
        guard lo <= hi * (1 + 1e-12) else { return nil }
        return min(max(p.unconstrainedFrequency, lo), hi)
    }

    /// `φ(s)`: the local cost of `s` steps at the best frequency (+∞ when infeasible).
    func localCost(_ s: Double) -> Double {
        guard s > 0, let f = localFrequency(s) else { return .infinity }
        let c = p.cyclesPerStep
        return s * c * (p.timeWeight / f + p.energyWeight * p.capacitance * f * f)
            + p.errorWeight * p.forwardError * exp(-p.localErrorRate * s) - p.localUtilityWeight * log1p(s)
    }

    /// Local time for `s` steps at the best frequency.
    func localTime(_ s: Double) -> Double? { localFrequency(s).map { p.cyclesPerStep * s / $0 } }

    /// `φ′(s)`, piecewise closed form by which frequency bound is active.
    func localSlope(_ s: Double) -> Double {
        let c = p.cyclesPerStep, k = p.capacitance
        let f0 = p.unconstrainedFrequency
        let lo = c * s / p.deadline
        let batteryCap = (user.battery / (k * c * s)).squareRoot()
        let compute: Double
        if f0 <= lo {
            // Deadline binds: cost part c1·T_max + c3·κ·c³·s³/T_max².
            compute = 3 * p.energyWeight * k * c * c * c * s * s / (p.deadline * p.deadline)
        } else if f0 >= min(user.maxFrequency, batteryCap) {
            if user.maxFrequency <= batteryCap {
                let f = user.maxFrequency
                compute = c * (p.timeWeight / f + p.energyWeight * k * f * f)
            } else {
                // Battery binds: cost part c1·√(κc³s³/B) + c3·B.
                compute = 1.5 * p.timeWeight * (k * c * c * c * s / user.battery).squareRoot()
            }
        } else {
            compute = c * (p.timeWeight / f0 + p.energyWeight * k * f0 * f0)
        }
        return compute - p.errorWeight * p.localErrorRate * p.forwardError * exp(-p.localErrorRate * s)
            - p.localUtilityWeight / (1 + s)
    }

    /// Bisection on the monotone `φ′` over `[S_min, s_max]`.
    private func solveLocal() -> LocalPlan? {
        let lo0 = p.minSteps, hi0 = localMaxSteps
        guard hi0 >= lo0, localFrequency(lo0) != nil else { return nil }
        var s: Double
        if localSlope(lo0) >= 0 {
            s = lo0
        } else if localSlope(hi0) <= 0 {
            s = hi0
        } else {
            var lo = lo0, hi = hi0
            for _ in 0..<100 where hi - lo > 1e-12 * hi {
                let mid = 0.5 * (lo + hi)
                if localSlope(mid) < 0 { lo = mid } else { hi = mid }
            }
            s = 0.5 * (lo + hi)
        }
        s = min(max(s, lo0), hi0)
        guard let t = localTime(s) else { return nil }
        return LocalPlan(steps: s, time: t, cost: localCost(s))
    }

    // MARK: Edge mode

    /// Edge cost of `z` steps, without the price term (+∞ when the edge mode is infeasible).
    func edgeCost(_ z: Double) -> Double {
        p.timeWeight * (latency + p.edgeStepTime * z) + p.errorWeight * p.forwardError * exp(-p.edgeErrorRate * z)
            + p.energyWeight * txEnergy - p.edgeUtilityWeight * log1p(z)
    }

    /// Derivative of `edgeCost(z) + μ·z`.
    func edgeSlope(_ z: Double, price mu: Double) -> Double {
        p.timeWeight * p.edgeStepTime + mu - p.errorWeight * p.edgeErrorRate * p.forwardError * exp(-p.edgeErrorRate * z)
            - p.edgeUtilityWeight / (1 + z)
    }

    /// The edge step count minimising `edgeCost(z) + μ·z` on `[S_min, edgeMaxSteps]`.
    ///
    /// - Precondition: ``edgeFeasible``.
    func edgeSteps(price mu: Double) -> Double {
        var lo = p.minSteps, hi = edgeMaxSteps
        if edgeSlope(lo, price: mu) >= 0 { return lo }
        if edgeSlope(hi, price: mu) <= 0 { return hi }
        // Newton from the left on an increasing concave function, kept inside the bracket.
        var z = lo
        for _ in 0..<60 {
            let g = edgeSlope(z, price: mu)
            if g < 0 { lo = z } else { hi = z }
            if abs(g) < 1e-13 || hi - lo < 1e-11 * hi { break }
            let e = p.errorWeight * p.edgeErrorRate * p.edgeErrorRate * p.forwardError * exp(-p.edgeErrorRate * z)
            let d = e + p.edgeUtilityWeight / ((1 + z) * (1 + z))
            var next = z - g / d
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            z = next
        }
        return z
    }

    /// Price above which this user's edge steps are all at `S_min`.
    var saturationPrice: Double { max(0, -edgeSlope(p.minSteps, price: 0)) }
}
