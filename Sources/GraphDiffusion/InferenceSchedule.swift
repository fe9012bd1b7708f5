import Foundation

/// The few-step time grid of inference (brief §4.3 "Step schedule").
///
/// K steps (t₁ → t₂) from T down to 0. With `.cosine` (GDSG's default):
/// t₁ = T − ⌊sin(iπ/(2K))·T⌋ clipped to [1, T] and t₂ = T − ⌊sin((i+1)π/(2K))·T⌋ clipped to
/// [0, T−1], for i = 0…K−1; T = 200, K = 5 gives 200→139→83→39→10→0. With `.linear`:
/// t = T − ⌊(i/K)·T⌋ with the same clipping (200→160→120→80→40→0).
public struct InferenceSchedule: Sendable, Hashable {
    /// How the grid is spaced.
    public enum Spacing: String, Sendable, Hashable, CaseIterable {
        /// Sine-spaced: dense near t = 0 (brief §4.3, §8.3).
        case cosine
        /// Evenly spaced.
        case linear
    }

    /// The (t₁, t₂) pairs in the order they are applied; t₁ > t₂, the last t₂ is 0.
    public let pairs: [(from: Int, to: Int)]

    /// Builds a K-step grid over a T-step schedule.
    ///
    /// Pairs whose clipped t₁ ≤ t₂ (possible only when K > T) are dropped, so every pair steps down.
    public init(diffusionSteps T: Int, inferenceSteps K: Int = 5, spacing: Spacing = .cosine) {
        precondition(T >= 1 && K >= 1, "need T ≥ 1 and K ≥ 1")
        func time(_ i: Int) -> Int {
            let fraction: Double = spacing == .cosine ? sin(Double(i) * Double.pi / Double(2 * K)) : Double(i) / Double(K)
            return T - Int((fraction * Double(T)).rounded(.down))
        }
        var pairs: [(from: Int, to: Int)] = []
        for i in 0..<K {
            let t1 = min(max(time(i), 1), T)
            let t2 = i == K - 1 ? 0 : min(max(time(i + 1), 0), T - 1)
            if t1 > t2 { pairs.append((t1, t2)) }
        }
        self.pairs = pairs
    }

    /// The visited times T = t₁(0) > … > 0.
    public var times: [Int] { (pairs.first.map { [$0.from] } ?? []) + pairs.map(\.to) }

    /// Equality on the pairs.
    public static func == (a: InferenceSchedule, b: InferenceSchedule) -> Bool { a.times == b.times }

    /// Hash of the pairs.
    public func hash(into hasher: inout Hasher) { hasher.combine(times) }
}
