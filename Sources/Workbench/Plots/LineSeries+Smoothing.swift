/// Moving averages for smoothing noisy curves (training losses, per-step rewards).
public enum MovingAverage {
    /// Centred moving average over `window` points (rounded up to odd), shrinking at the ends.
    ///
    /// Non-finite values are skipped inside a window and stay non-finite in the output, so gaps
    /// in a curve survive smoothing.
    public static func centered(_ values: [Double], window: Int) -> [Double] {
        let w = window <= 1 ? 1 : (window % 2 == 0 ? window + 1 : window)
        guard w > 1, !values.isEmpty else { return values }
        let half = w / 2, n = values.count
        var sums = [Double](repeating: 0, count: n + 1), counts = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            let finite = values[i].isFinite
            sums[i + 1] = sums[i] + (finite ? values[i] : 0)
            counts[i + 1] = counts[i] + (finite ? 1 : 0)
        }
        return (0..<n).map { i in
            guard values[i].isFinite else { return values[i] }
            let a = Swift.max(0, i - half), b = Swift.min(n, i + half + 1)
            return (sums[b] - sums[a]) / Double(counts[b] - counts[a])
        }
    }
}

extension LineSeries {
    /// The series with ``smoothing`` applied to y and the band (``smoothing`` reset to 1).
    public func smoothed() -> LineSeries {
        guard smoothing > 1 else { return self }
        var copy = self
        copy.y = MovingAverage.centered(y, window: smoothing)
        if let band {
            copy.band = Band(
                lower: MovingAverage.centered(band.lower, window: smoothing),
                upper: MovingAverage.centered(band.upper, window: smoothing)
            )
        }
        copy.smoothing = 1
        return copy
    }
}
