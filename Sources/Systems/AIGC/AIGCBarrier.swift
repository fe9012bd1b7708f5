import Foundation

/// One user's perspective P2 problem in all four variables `(a, s^L, s^E, t)`, solved by the
/// log-barrier interior-point method the design prescribes for fractional `a` (docs/aigc.md §B.5).
///
/// The default solver path uses the exact closed form instead (see ``AIGCRelaxation``); this
/// one is kept as the method of docs/aigc.md §B.5 and as an independent check: ``AIGCSCAOptions/subproblem``
/// selects it, and the tests and benchmark compare the two. Minimises
/// `θ·J(v) − Σ log(−g_i(v))` for θ = 1, 10, …, 10⁸ by damped Newton steps (4×4 Cholesky,
/// backtracking that keeps every constraint strictly satisfied), where
/// `J = c1(t + aD + τ_E s^E) + c2[(1−a)ε e^{−C_L s^L/(1−a)} + aε e^{−C_E s^E/a}] + c3[κc³(s^L)³/t² + a e^tx]
///      − (1−a)w1 ln(1 + s^L/(1−a)) − a w2 ln(1 + s^E/a) + μ s^E + π a`
/// and the `g_i` are the perspective constraints of §B.4 plus `0 < a < 1`. Derivatives of the
/// perspective terms `h = y·g(s/y)` use `h_s = g′`, `h_y = g − u g′`, `h_ss = g″/y`,
/// `h_sy = −u g″/y`, `h_yy = u² g″/y`; for `y = 1 − a` the mixed derivative flips sign.
struct AIGCBarrierSubproblem: Sendable {
    let m: AIGCUserModel
    /// Edge-step price μ.
    let price: Double
    /// Penalty slope π = τ(1 − 2a^(k)).
    let slope: Double

    /// The barrier solution: `v = (a, s^L, s^E, t)` and the objective without price and penalty.
    struct Result: Sendable {
        var a: Double
        var localSteps: Double
        var edgeSteps: Double
        var time: Double
        var objective: Double
    }

    private typealias Vec = SIMD4<Double>

    /// Solves the barrier problem; nil when either mode has no strictly feasible point.
    func solve(finalBarrier: Double = 1e8) -> Result? {
        let p = m.p
        guard m.edgeFeasible, m.localFeasible, m.localMaxSteps > p.minSteps, m.edgeMaxSteps > p.minSteps else { return nil }
        let c = p.cyclesPerStep, k = p.capacitance * c * c * c
        let sTilde = p.minSteps + 0.5 * (m.localMaxSteps - p.minSteps)
        let tLow = max(c * sTilde / m.user.maxFrequency, (k * sTilde * sTilde * sTilde / m.user.battery).squareRoot())
        let tTilde = 0.5 * (tLow + p.deadline)
        let zTilde = p.minSteps + 0.5 * (m.edgeMaxSteps - p.minSteps)
        var v = Vec(0.5, 0.5 * sTilde, 0.5 * zTilde, 0.5 * tTilde)
        var theta = 1.0
        while true {
            for _ in 0..<200 {
                let (g, h) = derivatives(v, theta: theta)
                guard let step = AIGCBarrierSubproblem.choleskySolve(h, -g) else { break }
                let decrement = -(g * step).sum()
                if decrement / 2 < 1e-12 { break }
                var alpha = 1.0
                let f0 = barrier(v, theta: theta)
                var accepted = false
                for _ in 0..<60 {
                    let trial = v + alpha * step
                    let f = barrier(trial, theta: theta)
                    if f.isFinite && f <= f0 - 0.25 * alpha * decrement {
                        v = trial
                        accepted = true
                        break
                    }
                    alpha *= 0.5
                }
                if !accepted { break }
            }
            if theta >= finalBarrier { break }
            theta *= 10
        }
        let objective = value(v) - price * v[2] - slope * v[0]
        return Result(a: v[0], localSteps: v[1], edgeSteps: v[2], time: v[3], objective: objective)
    }

    // MARK: Objective and constraints

    /// `J(v)` including price and penalty.
    private func value(_ v: Vec) -> Double {
        let p = m.p
        let (a, sL, sE, t) = (v[0], v[1], v[2], v[3])
        let y = 1 - a
        let k = p.capacitance * p.cyclesPerStep * p.cyclesPerStep * p.cyclesPerStep
        return p.timeWeight * (t + a * m.latency + p.edgeStepTime * sE) + p.energyWeight * (k * sL * sL * sL / (t * t) + a * m.txEnergy)
            + p.errorWeight * (y * p.forwardError * exp(-p.localErrorRate * sL / y) + a * p.forwardError * exp(-p.edgeErrorRate * sE / a))
            - y * p.localUtilityWeight * log1p(sL / y) - a * p.edgeUtilityWeight * log1p(sE / a)
            + price * sE + slope * a
    }

    /// The constraints `g_i(v) < 0` with their gradients (the battery one is the only curved one).
    private func constraints(_ v: Vec) -> [(value: Double, gradient: Vec)] {
        let p = m.p
        let (a, sL, sE, t) = (v[0], v[1], v[2], v[3])
        let k = p.capacitance * p.cyclesPerStep * p.cyclesPerStep * p.cyclesPerStep
        return [
            (-a, Vec(-1, 0, 0, 0)),
            (a - 1, Vec(1, 0, 0, 0)),
            (sL - (1 - a) * p.localStepLimit, Vec(p.localStepLimit, 1, 0, 0)),
            ((1 - a) * p.minSteps - sL, Vec(-p.minSteps, -1, 0, 0)),
            (sE - a * p.edgeStepLimit, Vec(-p.edgeStepLimit, 0, 1, 0)),
            (a * p.minSteps - sE, Vec(p.minSteps, 0, -1, 0)),
            (t - (1 - a) * p.deadline, Vec(p.deadline, 0, 0, 1)),
            (a * (m.latency - p.deadline) + p.edgeStepTime * sE, Vec(m.latency - p.deadline, 0, p.edgeStepTime, 0)),
            (k * sL * sL * sL / (t * t) - (1 - a) * m.user.battery,
             Vec(m.user.battery, 3 * k * sL * sL / (t * t), 0, -2 * k * sL * sL * sL / (t * t * t))),
            (p.cyclesPerStep * sL - m.user.maxFrequency * t, Vec(0, p.cyclesPerStep, 0, -m.user.maxFrequency)),
        ]
    }

    /// `θ·J − Σ log(−g_i)`, +∞ outside the strict interior.
    private func barrier(_ v: Vec, theta: Double) -> Double {
        var total = theta * value(v)
        for (g, _) in constraints(v) {
            guard g < 0 else { return .infinity }
            total -= log(-g)
        }
        return total
    }

    /// Gradient and Hessian (four columns) of the barrier function.
    private func derivatives(_ v: Vec, theta: Double) -> (Vec, [Vec]) {
        let p = m.p
        let (a, sL, sE, t) = (v[0], v[1], v[2], v[3])
        let y = 1 - a
        let k = p.capacitance * p.cyclesPerStep * p.cyclesPerStep * p.cyclesPerStep
        var grad = Vec(p.timeWeight * m.latency + p.energyWeight * m.txEnergy + slope,
                       0, p.timeWeight * p.edgeStepTime + price, p.timeWeight)
        var hess = [Vec](repeating: .zero, count: 4)
        // Perspective terms: (g, g′, g″) at u = s/y, added for variable index `si`, y = ±a.
        func perspective(_ s: Double, _ y: Double, _ si: Int, sign: Double, _ g: (Double) -> (Double, Double, Double)) {
            let u = s / y
            let (g0, g1, g2) = g(u)
            grad[si] += g1
            grad[0] += sign * (g0 - u * g1)
            hess[si][si] += g2 / y
            hess[si][0] += sign * (-u * g2 / y)
            hess[0][si] += sign * (-u * g2 / y)
            hess[0][0] += u * u * g2 / y
        }
        let eps = p.forwardError
        perspective(sL, y, 1, sign: -1) { u in
            let e = eps * exp(-p.localErrorRate * u)
            return (p.errorWeight * e, -p.errorWeight * p.localErrorRate * e, p.errorWeight * p.localErrorRate * p.localErrorRate * e)
        }
        perspective(sE, a, 2, sign: 1) { u in
            let e = eps * exp(-p.edgeErrorRate * u)
            return (p.errorWeight * e, -p.errorWeight * p.edgeErrorRate * e, p.errorWeight * p.edgeErrorRate * p.edgeErrorRate * e)
        }
        perspective(sL, y, 1, sign: -1) { u in
            (-p.localUtilityWeight * log1p(u), -p.localUtilityWeight / (1 + u), p.localUtilityWeight / ((1 + u) * (1 + u)))
        }
        perspective(sE, a, 2, sign: 1) { u in
            (-p.edgeUtilityWeight * log1p(u), -p.edgeUtilityWeight / (1 + u), p.edgeUtilityWeight / ((1 + u) * (1 + u)))
        }
        // Energy q = κc³s³/t².
        let c3 = p.energyWeight
        grad[1] += c3 * 3 * k * sL * sL / (t * t)
        grad[3] += c3 * -2 * k * sL * sL * sL / (t * t * t)
        let qss = 6 * k * sL / (t * t), qst = -6 * k * sL * sL / (t * t * t), qtt = 6 * k * sL * sL * sL / (t * t * t * t)
        hess[1][1] += c3 * qss
        hess[1][3] += c3 * qst
        hess[3][1] += c3 * qst
        hess[3][3] += c3 * qtt
        grad *= theta
        for i in 0..<4 { hess[i] *= theta }
        for (index, (g, dg)) in constraints(v).enumerated() {
            let inv = 1 / -g
            grad += inv * dg
            for i in 0..<4 { hess[i] += (inv * inv * dg[i]) * dg }
            if index == 8 {
                // The battery constraint's own Hessian (that of q), weighted by 1/(−g).
                hess[1][1] += inv * qss
                hess[1][3] += inv * qst
                hess[3][1] += inv * qst
                hess[3][3] += inv * qtt
            }
        }
        return (grad, hess)
    }

    /// Solves `H x = b` for a symmetric positive-definite 4×4 `H` (columns); nil if not SPD.
    private static func choleskySolve(_ h: [Vec], _ b: Vec) -> Vec? {
        var l = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for j in 0..<4 {
            var d = h[j][j]
            for k in 0..<j { d -= l[j][k] * l[j][k] }
            guard d > 0, d.isFinite else { return nil }
            l[j][j] = d.squareRoot()
            for i in (j + 1)..<4 {
                var s = h[j][i]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = s / l[j][j]
            }
        }
        var y = Vec.zero
        for i in 0..<4 {
            var s = b[i]
            for k in 0..<i { s -= l[i][k] * y[k] }
            y[i] = s / l[i][i]
        }
        var x = Vec.zero
        for i in stride(from: 3, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<4 { s -= l[k][i] * x[k] }
            x[i] = s / l[i][i]
        }
        return x
    }
}
