import Foundation

/// Tick positions and labels for one axis.
public struct Ticks: Sendable, Hashable {
    /// Major tick positions in data units, ascending.
    public var values: [Double]
    /// Label of each major tick.
    public var labels: [String]
    /// Minor tick positions (log axes), without labels.
    public var minor: [Double]
    /// Power of ten factored out of the labels (e.g. 6 for labels in millions), or nil.
    public var exponent: Int?

    /// Creates a tick set.
    public init(values: [Double], labels: [String], minor: [Double] = [], exponent: Int? = nil) {
        self.values = values
        self.labels = labels
        self.minor = minor
        self.exponent = exponent
    }
}

/// "Nice numbers" tick generation (Heckbert, Graphics Gems, 1990) for linear and log axes.
///
/// Linear steps are 1, 2 or 5 times a power of ten and ticks sit on multiples of the step, so a
/// 0-49 axis gets 0, 10, 20, 30, 40 and never 29, 39. Log axes tick whole decades (every k-th
/// decade when there are many) with minor ticks at 2-9 × 10ⁿ; a range narrower than about a decade
/// falls back to nice linear ticks. Labels share one number of decimals; very large or small
/// magnitudes factor out a power of ten (``Ticks/exponent``) instead of printing long numbers.
public enum TickGenerator {
    /// Heckbert's nice number: 1, 2, 5 or 10 times a power of ten near `x` (> 0).
    ///
    /// With `round` the nearest nice number; without it the smallest nice number ≥ `x`.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        precondition(x > 0 && x.isFinite, "niceNumber needs a positive finite value")
        let exponent = floor(log10(x))
        let power = pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// The nice step for about `target` ticks across `low...high`.
    ///
    /// Heckbert first rounds the whole span up to a nice number, which can halve the tick count
    /// (a 0-5500 axis would get only 0 and 5000); rounding the raw interval directly keeps
    /// the count close to `target`.
    public static func step(low: Double, high: Double, target: Int) -> Double {
        niceNumber((high - low) / Double(Swift.max(target - 1, 1)), round: true)
    }

    /// Multiples of the nice step for about `target` ticks that lie inside `low...high`.
    public static func linearValues(low: Double, high: Double, target: Int) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return low.isFinite ? [low] : [] }
        return values(low: low, high: high, step: step(low: low, high: high, target: target))
    }

    /// The multiples of `step` inside `low...high` (exact zero where a tick lands on it).
    public static func values(low: Double, high: Double, step d: Double) -> [Double] {
        guard d > 0, d.isFinite, low.isFinite, high.isFinite, high >= low else { return [] }
        let slack = 1e-9
        let first = (low / d - slack).rounded(.up)
        let last = (high / d + slack).rounded(.down)
        guard first <= last, last - first < 10_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * d
            return abs(v) < d * 1e-9 ? 0 : v
        }
    }

    /// The next larger nice step: 1 → 2 → 5 → 10 (times the same power of ten).
    public static func nextStep(after step: Double) -> Double {
        let power = pow(10, floor(log10(step) + 1e-9))
        let mantissa = (step / power).rounded()
        return (mantissa < 2 ? 2 : mantissa < 5 ? 5 : 10) * power
    }

    /// Nice linear ticks with labels for about `target` ticks inside `low...high`.
    public static func linear(low: Double, high: Double, target: Int) -> Ticks {
        linear(low: low, high: high, values: linearValues(low: low, high: high, target: target))
    }

    /// Nice linear ticks at the multiples of `step` inside `low...high`.
    public static func linear(low: Double, high: Double, step: Double) -> Ticks {
        linear(low: low, high: high, values: values(low: low, high: high, step: step))
    }

    private static func linear(low: Double, high: Double, values: [Double]) -> Ticks {
        guard values.count >= 2 else {
            return Ticks(values: values, labels: values.map { NumberText.format($0, decimals: 2) })
        }
        let (labels, exponent) = NumberText.labels(for: values, step: values[1] - values[0])
        return Ticks(values: values, labels: labels, exponent: exponent)
    }

    /// Ticks for a base-10 log axis over `low...high` (both > 0) with at most `maxTicks` labels.
    public static func log(low: Double, high: Double, maxTicks: Int) -> Ticks {
        guard low > 0, high > low, low.isFinite, high.isFinite else { return Ticks(values: [], labels: []) }
        let lo = log10(low), hi = log10(high)
        let first = Int((lo - 1e-9).rounded(.up)), last = Int((hi + 1e-9).rounded(.down))
        let decades = last - first + 1
        if decades < 2 {
            // Less than a decade visible: nice linear values read better than a lone 10ⁿ.
            return linear(low: low, high: high, target: Swift.max(2, Swift.min(maxTicks, 5)))
        }
        let every = Swift.max(1, Int((Double(decades) / Double(Swift.max(maxTicks, 2))).rounded(.up)))
        var values: [Double] = [], labels: [String] = []
        for k in first...last where ((k % every) + every) % every == 0 {
            values.append(pow(10, Double(k)))
            labels.append("10" + NumberText.superscript(k))
        }
        var minor: [Double] = []
        if every == 1 {
            for k in (first - 1)...last {
                for m in 2...9 {
                    let v = Double(m) * pow(10, Double(k))
                    if v >= low * (1 - 1e-12) && v <= high * (1 + 1e-12) { minor.append(v) }
                }
            }
        } else {
            for k in first...last where ((k % every) + every) % every != 0 { minor.append(pow(10, Double(k))) }
        }
        return Ticks(values: values, labels: labels, minor: minor)
    }
}
