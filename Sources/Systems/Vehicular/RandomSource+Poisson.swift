import Foundation
import LabCore

extension RandomSource {
    /// A Poisson(`mean`) count, by Knuth's product of uniforms on chunks of mean at most 16
    /// (sums of independent Poisson counts are Poisson), so the same seed gives the same counts
    /// on every machine. `mean` must be finite and non-negative; callers bound it.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        var remaining = mean, count = 0
        while remaining > 0 {
            let chunk = min(remaining, 16)
            remaining -= chunk
            let limit = exp(-chunk)
            var product = nextDouble()
            while product > limit {
                count += 1
                product *= nextDouble()
            }
        }
        return count
    }
}
