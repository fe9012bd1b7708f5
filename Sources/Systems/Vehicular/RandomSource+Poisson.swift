import LabCore

extension RandomSource {
    /// A Poisson(`mean`) count, by Knuth's product of uniforms on chunks of mean at most 16
    /// (sums of independent Poisson counts are Poisson). `mean` must be finite and
    /// non-negative; callers bound it.
    ///
    /// Only IEEE basic operations are used (the threshold `e^−chunk` comes from
    /// ``basicExpNegative(_:)``, not the platform's `exp`), so the same seed gives the same counts
    /// on every machine.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        var remaining = mean, count = 0
        while remaining > 0 {
            let chunk = min(remaining, 16)
            remaining -= chunk
            let limit = Self.basicExpNegative(chunk)
            var product = nextDouble()
            while product > limit {
                count += 1
                product *= nextDouble()
            }
        }
        return count
    }

    /// `e^−x` for `0 ≤ x ≤ 16` from additions, multiplications and divisions only: a 20-term
    /// Taylor series at `x/256` (error below 1e-40 there), squared 8 times (relative error about
    /// 1e-14 at x = 16).
    static func basicExpNegative(_ x: Double) -> Double {
        let y = -x / 256
        var term = 1.0, sum = 1.0
        for k in 1...20 {
            term *= y / Double(k)
            sum += term
        }
        for _ in 0..<8 { sum *= sum }
        return sum
    }
}
