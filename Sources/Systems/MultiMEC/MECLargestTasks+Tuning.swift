import LabCore

extension MECLargestTasks {
    /// The outcome of tuning k for one environment: the chosen k and every candidate's evaluation.
    public struct Tuning: Sendable, Hashable {
        /// The chosen number of offloaded tasks.
        public var k: Int
        /// One evaluation per candidate, in the candidates' order, on the tuning episodes.
        public var candidates: [MECEvaluation]
    }

    /// The seed of the tuning episodes of an evaluation seeded with `evaluationSeed`.
    ///
    /// Derived on its own stream (`multimec.tuning`), so that k is chosen on episodes other than
    /// those it is then reported on.
    public static func tuningSeed(_ evaluationSeed: UInt64) -> UInt64 {
        var r = RandomSource(seed: evaluationSeed, stream: "multimec.tuning")
        return r.next()
    }

    /// Chooses k for `environment` among `candidates` (each ≥ 0; an empty list chooses 0).
    ///
    /// Every candidate plays the same `episodes` paired episodes seeded with `evaluationSeed`
    /// (``MECEvaluation/run(_:on:episodes:evaluationSeed:terminateOnViolation:)``). The choice
    /// is lexicographic: the highest episode success rate, then the lowest mean cost, then the
    /// smaller k. Success comes first because a cheaper k that misses deadlines is not a usable
    /// policy (with termination on, a violating episode's cost covers only the steps it played).
    public static func tune(on environment: MECEnvironment, candidates: [Int], episodes: Int, evaluationSeed: UInt64,
                            terminateOnViolation: Bool = false) -> Tuning {
        let evaluations = candidates.map {
            MECEvaluation.run(MECLargestTasks(count: $0), on: environment, episodes: episodes, evaluationSeed: evaluationSeed,
                              terminateOnViolation: terminateOnViolation)
        }
        var best: Int?
        for i in evaluations.indices {
            guard let b = best else { best = i; continue }
            let (x, y) = (evaluations[i], evaluations[b])
            if x.completionFraction != y.completionFraction {
                if x.completionFraction > y.completionFraction { best = i }
            } else if x.meanCost != y.meanCost {
                if x.meanCost < y.meanCost { best = i }
            } else if candidates[i] < candidates[b] {
                best = i
            }
        }
        return Tuning(k: best.map { max(candidates[$0], 0) } ?? 0, candidates: evaluations)
    }
}
