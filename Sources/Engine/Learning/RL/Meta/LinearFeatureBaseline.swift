import LabCore

/// The linear-feature value baseline of Duan et al. (2016) as `maml_rl` implements it: a linear
/// map of the features `[s, s², t/100, (t/100)², (t/100)³, 1]` (t = 1, 2, … the step within its
/// episode), fitted to returns by ridge-regularised least squares.
///
/// The fit solves `(XᵀX + λI)·w = Xᵀy` in double precision by Cholesky with λ = 1e-5; when the
/// matrix is not positive definite, λ grows by 10 and the solve is retried, at most five times
/// (then the coefficients stay as they were and ``fit(observations:observationSize:timesteps:returns:)`` returns false).
public struct LinearFeatureBaseline: Sendable, Hashable {
    /// Observation width.
    public let observationSize: Int
    /// The coefficients, ``featureSize`` of them (zeros before the first fit).
    public var coefficients: [Double]

    /// An unfitted baseline (predicts 0).
    public init(observationSize: Int) {
        self.observationSize = observationSize
        coefficients = Array(repeating: 0, count: 2 * observationSize + 4)
    }

    /// Number of features, `2·O + 4`.
    public var featureSize: Int { 2 * observationSize + 4 }

    /// Writes the features of observation `s` at step `t` (1-based) into `out`.
    public func features(_ s: ArraySlice<Float>, step t: Int, into out: inout [Double]) {
        out.removeAll(keepingCapacity: true)
        for x in s { out.append(Double(x)) }
        for x in s { out.append(Double(x * x)) }
        let al = Double(Float(t) / 100)
        out += [al, al * al, al * al * al, 1]
    }

    /// The predicted value of every row of `observations` (row-major, ``observationSize`` wide) at its step.
    public func predict(observations: [Float], timesteps: [Int]) -> [Float] {
        var f: [Double] = []
        return timesteps.indices.map { i in
            features(observations[(i * observationSize)..<((i + 1) * observationSize)], step: timesteps[i], into: &f)
            var v = 0.0
            for j in 0..<f.count { v += f[j] * coefficients[j] }
            return Float(v)
        }
    }

    /// Fits the coefficients to `returns`; returns false (coefficients unchanged) when no
    /// regularisation up to λ = 40 makes the system solvable or an input is not finite.
    @discardableResult
    public mutating func fit(observations: [Float], timesteps: [Int], returns: [Float]) -> Bool {
        let p = featureSize, n = returns.count
        guard n > 0, timesteps.count == n, observations.count == n * observationSize else { return false }
        var gram = [Double](repeating: 0, count: p * p), rhs = [Double](repeating: 0, count: p), f: [Double] = []
        for i in 0..<n {
            features(observations[(i * observationSize)..<((i + 1) * observationSize)], step: timesteps[i], into: &f)
            let y = Double(returns[i])
            for a in 0..<p where f[a] != 0 {
                rhs[a] += f[a] * y
                for b in 0..<p { gram[a * p + b] += f[a] * f[b] }
            }
        }
        guard gram.allSatisfy(\.isFinite), rhs.allSatisfy(\.isFinite) else { return false }
        var lambda = 1e-5
        for _ in 0..<5 {
            if let w = Self.solve(gram, rhs, ridge: lambda, size: p) {
                coefficients = w
                return true
            }
            lambda += 10
        }
        return false
    }

    /// Solves `(G + λI)·w = r` by Cholesky; nil when the matrix is not positive definite.
    static func solve(_ g: [Double], _ r: [Double], ridge: Double, size p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = g[i * p + j] + (i == j ? ridge : 0)
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * p + i] = s.squareRoot()
                } else {
                    l[i * p + j] = s / l[j * p + j]
                }
            }
        }
        var y = r
        for i in 0..<p {
            for k in 0..<i { y[i] -= l[i * p + k] * y[k] }
            y[i] /= l[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<p { y[i] -= l[k * p + i] * y[k] }
            y[i] /= l[i * p + i]
        }
        return y.allSatisfy(\.isFinite) ? y : nil
    }
}
