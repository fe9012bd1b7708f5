import LabCore

/// A policy's mean cost, completion and violations over paired episodes of one environment.
///
/// Episode `i` of an evaluation with seed `s` uses the episode seed ``episodeSeed(_:_:)``, so
/// every policy evaluated with the same `s` meets the same distances and task sizes.
public struct MECEvaluation: Sendable, Hashable {
    /// The environment evaluated.
    public var environment: MECEnvironment
    /// The policy's name.
    public var policy: String
    /// Episodes played.
    public var episodes: Int
    /// Mean over episodes of the mean over played steps of the step's mean UE cost.
    public var meanCost: Double
    /// Fraction of episodes with no violation in 20 steps (all 20 steps played with termination on).
    public var completionFraction: Double
    /// Mean number of (step, UE) violations per episode.
    public var meanViolations: Double
    /// Mean number of steps with at least one violation per episode.
    public var meanViolatingSteps: Double
    /// Mean episode return (sum of rewards).
    public var meanReturn: Double
    /// Mean number of steps played.
    public var meanSteps: Double

    /// The seed of episode `index` in an evaluation seeded with `evaluationSeed`.
    public static func episodeSeed(_ evaluationSeed: UInt64, _ index: Int) -> UInt64 {
        var r = RandomSource(seed: evaluationSeed, stream: "multimec.evaluation.\(index)")
        return r.next()
    }

    /// Runs `policy` for `episodes` paired episodes (`episodes` ≥ 1).
    ///
    /// With `terminateOnViolation` off (the default) every episode plays 20 steps and violations
    /// are counted; on, episodes stop at the first violation as in the repository, and
    /// ``meanViolations`` counts only the terminating step's violations.
    public static func run<P: MECPolicy>(_ policy: P, on environment: MECEnvironment, episodes: Int, evaluationSeed: UInt64,
                                         terminateOnViolation: Bool = false) -> MECEvaluation {
        var policy = policy
        let count = max(episodes, 1)
        var costs = 0.0, completed = 0, violations = 0, violatingSteps = 0, returns = 0.0, played = 0
        var actions = [Float](), outcome = MECStep()
        var episode = MECEpisode(environment: environment, seed: episodeSeed(evaluationSeed, 0), terminateOnViolation: terminateOnViolation)
        for i in 0..<count {
            episode.reset(seed: episodeSeed(evaluationSeed, i))
            var stepCosts = 0.0, clean = true
            while !episode.isFinished {
                policy.act(episode, into: &actions)
                // Policies write 2·U finite numbers for an unfinished episode, so the step cannot fail.
                guard (try? episode.step(actions: actions, into: &outcome)) != nil else { break }
                stepCosts += outcome.meanCost
                returns += outcome.reward
                violations += outcome.violations.count
                if !outcome.violations.isEmpty { violatingSteps += 1; clean = false }
            }
            played += episode.stepsPlayed
            costs += stepCosts / Double(max(episode.stepsPlayed, 1))
            if clean && episode.stepsPlayed == MECConstants.stepsPerEpisode { completed += 1 }
        }
        let n = Double(count)
        return MECEvaluation(environment: environment, policy: policy.name, episodes: count, meanCost: costs / n,
                             completionFraction: Double(completed) / n, meanViolations: Double(violations) / n,
                             meanViolatingSteps: Double(violatingSteps) / n, meanReturn: returns / n, meanSteps: Double(played) / n)
    }
}
