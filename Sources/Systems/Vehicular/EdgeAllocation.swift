import Foundation

/// The RSU's per-slot allocation problem for fixed partitions (docs/vehicular.md §1): share `F` among
/// the offloading vehicles to minimise their part of the drift-plus-penalty
///
///     J_edge(f) = Σ_i [ V·T_i(f_i) − Q_i·Δ / T_i(f_i) ],   T_i(f) = a_i + C_i / f,
///
/// subject to `Σ_i f_i ≤ F`, `f ≥ 0`. Every term is convex and decreasing in `f_i`, so the budget
/// binds and the minimiser is the unique KKT point: `φ_i(f_i) = ν` for all i with
/// `φ_i(f) = (C_i/f²)·(V + Q_i·Δ/T_i(f)²)` (the negated derivative) and `Σ f_i = F`.
public struct EdgeAllocation: Sendable, Hashable {
    /// `a_i`: the part of each completion time that does not depend on `f` (seconds, > 0).
    public var fixedTimes: [Double]
    /// `C_i`: edge GFLOPs of each vehicle (> 0).
    public var edgeWork: [Double]
    /// `Q_i`: queue at the slot's start.
    public var queues: [Double]
    /// `F`: GFLOP/s to share.
    public var capacity: Double
    /// `V`: Lyapunov trade-off (> 0).
    public var lyapunovV: Double
    /// `Δ`: slot length in seconds.
    public var slotSeconds: Double

    /// Creates a problem; the three arrays must have the same length.
    public init(fixedTimes: [Double], edgeWork: [Double], queues: [Double], capacity: Double, lyapunovV: Double, slotSeconds: Double) {
        self.fixedTimes = fixedTimes
        self.edgeWork = edgeWork
        self.queues = queues
        self.capacity = capacity
        self.lyapunovV = lyapunovV
        self.slotSeconds = slotSeconds
    }

    /// Number of offloading vehicles.
    public var count: Int { edgeWork.count }

    /// `V` kept strictly positive so that brackets stay finite.
    private var v: Double { max(lyapunovV, .leastNormalMagnitude) }

    /// `T_i(f) = a_i + C_i/f`.
    public func completionTime(_ i: Int, _ f: Double) -> Double { fixedTimes[i] + edgeWork[i] / f }

    /// `J_edge(f)`.
    public func objective(_ f: [Double]) -> Double {
        var total = 0.0
        for i in 0..<count {
            let t = completionTime(i, f[i])
            total += lyapunovV * t - queues[i] * slotSeconds / t
        }
        return total
    }

    /// `φ_i(f)`: the negated partial derivative of `J_edge` in `f_i`.
    public func marginal(_ i: Int, _ f: Double) -> Double {
        let t = completionTime(i, f)
        return edgeWork[i] / (f * f) * (lyapunovV + queues[i] * slotSeconds / (t * t))
    }

    /// The exact minimiser, from the KKT conditions by a nested, bracketed Newton search.
    ///
    /// Outer: a root of `g(y) = log Σ_i f_i(e^y) − log F` in `y = log ν`, bracketed by
    /// `ν ∈ [V·(Σ√C_i)², (Σ√(C_i·(V + Q_iΔ/a_i²)))²]/F²`. Inner: for each `ν`, the root of the
    /// increasing `h_i(u) = C_i·u²·(V + Q_iΔ/(a_i + C_i·u)²) − ν` in `u = 1/f`, bracketed by
    /// `u ∈ [√(ν/(C_i·(V + Q_iΔ/a_i²))), √(ν/(C_i·V))]` because `a_i ≤ T_i`. Both take Newton
    /// steps and fall back to bisection (in log space) when a step leaves the bracket, until the
    /// residual (`|h_i| ≤ 1e-15·ν`, `|g| ≤ 1e-13`) or the bracket (1e-15 relative) is at rounding
    /// level; the result is rescaled to spend exactly `F`.
    public func exact() -> [Double] {
        guard count > 0 else { return [] }
        if count == 1 { return [capacity] }
        var lowSum = 0.0, highSum = 0.0
        for i in 0..<count {
            lowSum += (edgeWork[i] * v).squareRoot()
            highSum += (edgeWork[i] * upperWeight(i)).squareRoot()
        }
        var low = log(lowSum * lowSum / (capacity * capacity))
        var high = log(highSum * highSum / (capacity * capacity))
        let logF = log(capacity)
        var y = 0.5 * (low + high)
        var u = Array(repeating: 0.0, count: count)
        for _ in 0..<200 {
            let nu = exp(y)
            var total = 0.0, slope = 0.0
            for i in 0..<count {
                let (root, derivative) = inverseShare(i, nu: nu)
                u[i] = root
                total += 1 / root
                slope -= 1 / (root * root * derivative)  // dΣf/dν, with f = 1/u and du/dν = 1/h'(u)
            }
            let g = log(total) - logF
            if abs(g) <= 1e-13 { break }
            if g > 0 { low = y } else { high = y }
            if high - low <= 1e-15 * max(abs(y), 1) { break }
            let next = y - g / (nu * slope / total)
            y = next > low && next < high ? next : 0.5 * (low + high)
        }
        let f = u.map { 1 / $0 }
        let total = f.reduce(0, +)
        return f.map { $0 * capacity / total }
    }

    /// `V + Q_i·Δ/a_i²`: the largest value of the weight `V + Q_i·Δ/T_i²`.
    private func upperWeight(_ i: Int) -> Double {
        v + queues[i] * slotSeconds / (fixedTimes[i] * fixedTimes[i])
    }

    /// The `u = 1/f` with `φ_i(f) = ν`, and `h_i'(u)` there (inner search of ``exact()``).
    private func inverseShare(_ i: Int, nu: Double) -> (u: Double, derivative: Double) {
        let c = edgeWork[i], a = fixedTimes[i], qd = queues[i] * slotSeconds
        var low = (nu / (c * upperWeight(i))).squareRoot(), high = (nu / (c * v)).squareRoot()
        var u = low
        func value(_ u: Double) -> (h: Double, derivative: Double) {
            let t = a + c * u
            return (c * u * u * (v + qd / (t * t)) - nu, 2 * c * u * v + 2 * qd * c * u * a / (t * t * t))
        }
        for _ in 0..<200 {
            let h = value(u)
            if abs(h.h) <= 1e-15 * nu { break }
            if h.h < 0 { low = u } else { high = u }
            if high - low <= 1e-15 * high { break }
            let next = u - h.h / h.derivative
            u = next > low && next < high ? next : (low * high).squareRoot()
        }
        return (u, value(u).derivative)
    }

    /// `f_i = F·√(w_i·C_i)/Σ_j √(w_j·C_j)`: the minimiser of `Σ w_i·T_i` under the budget (C.5).
    public func squareRootRule(weights: [Double]) -> [Double] {
        let roots = (0..<count).map { (weights[$0] * edgeWork[$0]).squareRoot() }
        let total = roots.reduce(0, +)
        return roots.map { capacity * $0 / total }
    }

    /// Algorithm C-1: majorisation-minimisation with the closed form.
    ///
    /// Starts from the equal split `F/count`; each iteration sets `w_i = V + Q_i·Δ/T̂_i²` (the
    /// slope of the tangent majoriser of `−Q_iΔ/T` at the current `T̂_i`) and applies the
    /// square-root rule. Stops after `iterations` steps, or earlier when no share moved by more
    /// than `tolerance·F`. Each step cannot increase `J_edge` (majorisation). Returns the shares
    /// and the number of steps taken.
    public func majorisation(iterations: Int = 10, tolerance: Double = 1e-6) -> (shares: [Double], iterations: Int) {
        guard count > 0 else { return ([], 0) }
        var f = Array(repeating: capacity / Double(count), count: count)
        var taken = 0
        while taken < iterations {
            let weights = (0..<count).map { i -> Double in
                let t = completionTime(i, f[i])
                return lyapunovV + queues[i] * slotSeconds / (t * t)
            }
            let next = squareRootRule(weights: weights)
            taken += 1
            let moved = zip(next, f).map { abs($0 - $1) }.max() ?? 0
            f = next
            if moved < tolerance * capacity { break }
        }
        return (f, taken)
    }
}
