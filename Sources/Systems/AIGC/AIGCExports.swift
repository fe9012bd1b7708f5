import Foundation

/// The SCA trace as plain columns (docs/aigc.md §B.8 figure 2): one entry per iteration.
public struct AIGCConvergence: Sendable, Hashable, Codable {
    /// Iteration numbers 0, 1, … (0 is the starting point).
    public var iteration: [Int]
    /// Relaxed objective per iteration (NaN for a random starting point).
    public var objective: [Double]
    /// Objective plus τ_k·Σ a(1−a) per iteration (NaN for a random starting point).
    public var penalizedObjective: [Double]
    /// `Σ_n a_n(1 − a_n)` per iteration.
    public var integralityGap: [Double]
    /// Penalty weight τ_k per iteration.
    public var penalty: [Double]
    /// `offload[n][k]`: user n's `a` at iteration k.
    public var offload: [[Double]]

    /// Columns of `solution`'s history (empty for non-iterative methods).
    public init(_ solution: AIGCSolution) {
        let h = solution.history
        iteration = h.map(\.iteration)
        objective = h.map { $0.objective ?? .nan }
        penalizedObjective = h.map { $0.penalizedObjective ?? .nan }
        integralityGap = h.map(\.integralityGap)
        penalty = h.map(\.penalty)
        let users = h.first?.offload.count ?? 0
        offload = (0..<users).map { n in h.map { $0.offload[n] } }
    }
}

/// Wall-clock solve times (docs/aigc.md §B.8 table 7). Unlike everything else here, not deterministic.
public enum AIGCRuntime {
    /// One timing row: method, N, and per-drop milliseconds (median over `repeats` solves).
    public struct Row: Sendable, Hashable, Codable {
        /// The method timed.
        public var method: AIGCMethod
        /// Users per drop.
        public var users: Int
        /// Milliseconds per drop, in seed order.
        public var milliseconds: [Double]
        /// SCA iterations per drop (0 for other methods).
        public var iterations: [Int]

        /// Median of ``milliseconds``.
        public var median: Double { AIGCRuntime.median(milliseconds) }
    }

    /// Times `method` on seeded drops of `users` users: one warm-up solve, then the median of
    /// `repeats` solves per drop.
    public static func measure(_ method: AIGCMethod, users: Int, seeds: [UInt64], repeats: Int = 5,
                               parameters: AIGCParameters = .default) throws -> Row {
        let clock = ContinuousClock()
        var perDrop: [Double] = []
        var iterations: [Int] = []
        for seed in seeds {
            let drop = AIGCDrop.generate(seed: seed, users: users, parameters: parameters)
            let solver = method.solver(seed: seed)
            let warm = try solver.solve(drop)
            iterations.append(max(warm.history.count - 1, 0))
            var samples: [Double] = []
            for _ in 0..<max(repeats, 1) {
                let elapsed = try clock.measure { _ = try solver.solve(drop) }
                samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
            }
            perDrop.append(median(samples))
        }
        return Row(method: method, users: users, milliseconds: perDrop, iterations: iterations)
    }

    /// The median of a non-empty list (0 for an empty one).
    public static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
    }
}
