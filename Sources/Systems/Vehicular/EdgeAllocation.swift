import Foundation

/// The RSU's per-slot allocation problem for fixed partitions (brief C.4, C.5): share `F` among
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

    /// The exact minimiser, from the KKT conditions by nested bisection.
    ///
    /// Outer: bisection on `log ν` over the bracket `[V·(Σ√C_i)², (Σ√(C_i·(V + Q_iΔ/a_i²)))²]/F²`;
    /// inner: for each `ν`, bisection on `log f_i` over `[√(C_i·V/ν), √(C_i·(V + Q_iΔ/a_i²)/ν)]`,
    /// which brackets the root of the decreasing `φ_i(f) = ν` because `a_i ≤ T_i ≤ ∞`. Both stop
    /// when the bracket's relative width is below 1e-14, so the KKT conditions hold to about
    /// 1e-13 relative; the result is rescaled to spend exactly `F`.
    public func exact() -> [Double] {
        guard count > 0 else { return [] }
        if count == 1 { return [capacity] }
        var lowSum = 0.0, highSum = 0.0
        for i in 0..<count {
            lowSum += (edgeWork[i] * v).squareRoot()
            highSum += (edgeWork[i] * upperWeight(i)).squareRoot()
        }
        var logLow = log(lowSum * lowSum / (capacity * capacity))
        var logHigh = log(highSum * highSum / (capacity * capacity))
        var f = shares(nu: exp(0.5 * (logLow + logHigh)))
        for _ in 0..<200 where logHigh - logLow > 1e-14 {
            let mid = 0.5 * (logLow + logHigh)
            f = shares(nu: exp(mid))
            if f.reduce(0, +) > capacity { logLow = mid } else { logHigh = mid }
        }
        let total = f.reduce(0, +)
        return f.map { $0 * capacity / total }
    }

    /// `V + Q_i·Δ/a_i²`: the largest value of the weight `V + Q_i·Δ/T_i²`.
    private func upperWeight(_ i: Int) -> Double {
        v + queues[i] * slotSeconds / (fixedTimes[i] * fixedTimes[i])
    }

    /// For each vehicle the `f` with `φ_i(f) = ν` (inner bisection).
    private func shares(nu: Double) -> [Double] {
        (0..<count).map { i in
            var logLow = 0.5 * log(edgeWork[i] * v / nu)
            var logHigh = 0.5 * log(edgeWork[i] * upperWeight(i) / nu)
            for _ in 0..<200 where logHigh - logLow > 1e-14 {
                let mid = 0.5 * (logLow + logHigh)
                if marginal(i, exp(mid)) > nu { logLow = mid } else { logHigh = mid }
            }
            return exp(0.5 * (logLow + logHigh))
        }
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
