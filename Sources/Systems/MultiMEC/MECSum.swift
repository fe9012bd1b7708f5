/// Sums in numpy's order, so that means agree bit for bit with the repository's `np.mean`.
///
/// `np.mean` of a contiguous float64 vector adds with numpy's pairwise scheme: fewer than 8
/// values left to right; up to 128 values in 8 interleaved partial sums combined as
/// `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then the remainder left to right; longer vectors split
/// in two halves (the first a multiple of 8 long). The mean divides the sum by the count.
enum MECSum {
    /// numpy's pairwise sum of `values[0..<count]`.
    static func pairwise(_ values: UnsafeBufferPointer<Double>) -> Double {
        let n = values.count
        if n < 8 {
            var s = 0.0
            for x in values { s += x }
            return s
        }
        if n <= 128 {
            var r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3]
            var r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7]
            var i = 8
            while i < n - n % 8 {
                r0 += values[i]; r1 += values[i + 1]; r2 += values[i + 2]; r3 += values[i + 3]
                r4 += values[i + 4]; r5 += values[i + 5]; r6 += values[i + 6]; r7 += values[i + 7]
                i += 8
            }
            var s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { s += values[i]; i += 1 }
            return s
        }
        var half = n / 2
        half -= half % 8
        return pairwise(UnsafeBufferPointer(rebasing: values[0..<half])) + pairwise(UnsafeBufferPointer(rebasing: values[half...]))
    }

    /// numpy's `np.mean` of an array (NaN when empty, as numpy warns and returns).
    static func mean(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0) / Double($0.count) }
    }
}
