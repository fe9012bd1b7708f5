/// The five-number summary of one box in a box plot, with its outliers and mean.
///
/// Quartiles use linear interpolation between order statistics, NumPy's default
/// (`numpy.percentile(…, method="linear")`, R's type 7): the q-quantile of n sorted values
/// x₀ ≤ … ≤ xₙ₋₁ is x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋) with h = (n − 1)q.
public struct BoxStats: Codable, Sendable, Hashable {
    /// Where the whiskers end.
    public enum Whiskers: String, Codable, Sendable, Hashable, CaseIterable {
        /// At the most extreme samples within 1.5 IQR of the box (Tukey; matplotlib's default);
        /// samples beyond are outliers.
        case tukey
        /// At the smallest and largest sample; there are no outliers.
        case minmax
    }

    /// The median (50th percentile).
    public var median: Double
    /// The first quartile (25th percentile): the bottom of the box.
    public var lowerQuartile: Double
    /// The third quartile (75th percentile): the top of the box.
    public var upperQuartile: Double
    /// The lower end of the whisker.
    public var lowerWhisker: Double
    /// The upper end of the whisker.
    public var upperWhisker: Double
    /// Samples beyond the whiskers, in ascending order.
    public var outliers: [Double]
    /// The arithmetic mean of the samples.
    public var mean: Double
    /// The number of samples summarised.
    public var count: Int

    /// Creates a summary from precomputed values.
    public init(median: Double, lowerQuartile: Double, upperQuartile: Double, lowerWhisker: Double,
                upperWhisker: Double, outliers: [Double] = [], mean: Double, count: Int) {
        self.median = median
        self.lowerQuartile = lowerQuartile
        self.upperQuartile = upperQuartile
        self.lowerWhisker = lowerWhisker
        self.upperWhisker = upperWhisker
        self.outliers = outliers
        self.mean = mean
        self.count = count
    }

    /// Summarises the finite values of `samples`, or nil when there are none.
    public init?(samples: [Double], whiskers: Whiskers = .tukey) {
        let sorted = samples.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let q1 = Self.quantile(sorted: sorted, 0.25), q3 = Self.quantile(sorted: sorted, 0.75)
        var low = first, high = last, outliers: [Double] = []
        if whiskers == .tukey {
            let reach = 1.5 * (q3 - q1)
            let inside = sorted.filter { $0 >= q1 - reach && $0 <= q3 + reach }
            // The quartiles always lie inside the fences, so some sample does too.
            low = inside.first ?? q1
            high = inside.last ?? q3
            outliers = sorted.filter { $0 < q1 - reach || $0 > q3 + reach }
        }
        self.init(median: Self.quantile(sorted: sorted, 0.5), lowerQuartile: q1, upperQuartile: q3,
                  lowerWhisker: low, upperWhisker: high, outliers: outliers,
                  mean: sorted.reduce(0, +) / Double(sorted.count), count: sorted.count)
    }

    /// The `q` quantile (0…1) of ascending `sorted` values by linear interpolation between order
    /// statistics; NaN for an empty list.
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * Swift.min(Swift.max(q, 0), 1)
        let i = Int(h.rounded(.down)), j = Swift.min(i + 1, sorted.count - 1)
        return sorted[i] + (h - Double(i)) * (sorted[j] - sorted[i])
    }

    /// Every value the box draws (whiskers, quartiles, median, outliers and, if shown, the mean).
    func drawnValues(mean showMean: Bool) -> [Double] {
        [lowerWhisker, upperWhisker, lowerQuartile, upperQuartile, median] + outliers + (showMean ? [mean] : [])
    }
}
