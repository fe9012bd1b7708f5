import Foundation

/// The few-step time grid of inference (docs/gadsg.md §4.3 "Step schedule").
///
/// K steps (t₁ → t₂) from T down to 0. With `.cosine` (GDSG's default):
/// t₁ = T − ⌊sin(iπ/(2K))·T⌋ clipped to [1, T] and t₂ = T − ⌊sin((i+1)π/(2K))·T⌋ clipped to
/// [0, T−1], for i = 0…K−1; T = 200, K = 5 gives 200→139→83→39→10→0. With `.linear`:
/// t = T − ⌊(i/K)·T⌋ with the same clipping (200→160→120→80→40→0).
public struct InferenceSchedule: Sendable, Hashable {
    /// How the grid is spaced.
    public enum Spacing: String, Sendable, Hashable, CaseIterable {
        /// Sine-spaced: dense near t = 0 (docs/gadsg.md §4.3, §8.3).
        case cosine
        /// Evenly spaced.
        case linear
    }

    /// The (t₁, t₂) pairs in the order they are applied; t₁ > t₂, the last t₂ is 0.
    public let pairs: [(from: Int, to: Int)]

    /// Builds a K-step grid over a T-step schedule.
    ///
    /// The visited times are T, the clipped interior times of the formula, and 0; when K > T some
    /// interior times repeat and the repeats are dropped (GDSG would re-run the same step), so the
    /// pairs always chain (each t₂ is the next t₁) and step strictly down.
    public init(diffusionSteps T: Int, inferenceSteps K: Int = 5, spacing: Spacing = .cosine) {
        precondition(T >= 1 && K >= 1, "need T ≥ 1 and K ≥ 1")
        func time(_ i: Int) -> Int {
            let fraction: Double = spacing == .cosine ? sin(Double(i) * Double.pi / Double(2 * K)) : Double(i) / Double(K)
            return T - Int((fraction * Double(T)).rounded(.down))
        }
        var times = [T]
        for i in 1..<K where T > 1 {
            let t = min(max(time(i), 1), T - 1)
            if t < times[times.count - 1] { times.append(t) }
        }
        times.append(0)
        pairs = zip(times, times.dropFirst()).map { (from: $0, to: $1) }
    }

    /// The visited times T = t₁(0) > … > 0.
    public var times: [Int] { (pairs.first.map { [$0.from] } ?? []) + pairs.map(\.to) }

    /// Equality on the pairs.
    public static func == (a: InferenceSchedule, b: InferenceSchedule) -> Bool { a.times == b.times }

    /// Hash of the pairs.
    public func hash(into hasher: inout Hasher) { hasher.combine(times) }
}
