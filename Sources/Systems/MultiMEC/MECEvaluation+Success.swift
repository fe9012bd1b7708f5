extension MECEvaluation {
    /// The episode success rate: the fraction of episodes in which no UE violated its deadline or
    /// battery in any of the 20 steps (the same as ``completionFraction``).
    ///
    /// With termination off every episode plays 20 steps, so this is the fraction of violation-free
    /// episodes; with termination on it is the fraction of episodes that played all 20 steps
    /// without a violation (a violation at step 20 ends the episode there, and it does not count).
    public var episodeSuccessFraction: Double { completionFraction }

    /// The task success rate: the fraction of the tasks played (one per UE per step played) that
    /// finished within the deadline and the battery, `1 − violations / (steps played · U)`.
    ///
    /// With termination off the denominator is `20·U` per episode. With termination on it counts
    /// only the steps played: the tasks an early-terminated episode never reached are not counted.
    public var taskSuccessFraction: Double {
        let tasks = meanSteps * Double(environment.users)
        return tasks > 0 ? 1 - meanViolations / tasks : 0
    }
}
