import Foundation

/// Number formatting for tick labels, value labels and heatmap cells.
///
/// Negative numbers use the typographic minus sign (U+2212), as in print; all labels of an axis
/// share one number of decimals.
public enum NumberText {
    /// `value` with a fixed number of decimals and a true minus sign; `-0` prints as `0`.
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "∞" : "−∞") }
        let d = Swift.max(0, Swift.min(decimals, 12))
        var text = String(format: "%.\(d)f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            if digits.allSatisfy({ $0 == "0" || $0 == "." }) { return String(digits) }
            text = "−" + digits
        }
        return text
    }

    /// Decimals needed to show multiples of `step` exactly (step = 1, 2 or 5 × 10ᵉ).
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return Swift.max(0, -Int(floor(log10(step) + 1e-9)))
    }

    /// Labels for evenly spaced tick values, factoring out 10ᵉ when magnitudes are ≥ 10⁵ or < 10⁻².
    public static func labels(for values: [Double], step: Double) -> (labels: [String], exponent: Int?) {
        let largest = values.map(abs).max() ?? 0
        var exponent: Int? = nil
        if largest > 0 {
            let e = Int(floor(log10(largest) + 1e-9))
            if e >= 5 || e <= -3 { exponent = e }
        }
        let scale = pow(10, Double(exponent ?? 0))
        let decimals = self.decimals(forStep: step / scale)
        return (values.map { format($0 / scale, decimals: decimals) }, exponent)
    }

    /// Decimals that show the differences between `values` (up to 3 significant digits of the largest).
    public static func decimals(forValues values: [Double]) -> Int {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        guard largest > 0 else { return 0 }
        let e = Int(floor(log10(largest)))
        return Swift.max(0, Swift.min(6, 2 - e))
    }

    /// Superscript digits for an integer exponent, e.g. `-3` → `⁻³`.
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var text = String(abs(n)).map { digits[Int(String($0))!] }.map(String.init).joined()
        if n < 0 { text = "⁻" + text }
        return text
    }
}
