extension MECEpisodeFile {
    /// The episode `policy` plays in `environment` from `seed` (the distances and task sizes of
    /// ``MECEpisode/init(environment:seed:terminateOnViolation:)``), terminating on violations as
    /// a replay does, with the policy's raw actions recorded as it wrote them (before the
    /// episode's ±0.99 clipping), so replaying the file plays the same episode.
    ///
    /// - Throws: `.invalidInput` when the policy writes actions of the wrong length or non-finite
    ///   ones (the step refuses them).
    public static func played(by policy: inout some MECPolicy, in environment: MECEnvironment, seed: UInt64) throws -> MECEpisodeFile {
        var episode = MECEpisode(environment: environment, seed: seed, terminateOnViolation: true)
        let distances = episode.distancesM
        var steps: [Step] = [], actions: [Float] = [], outcome = MECStep()
        while !episode.isFinished {
            let tasks = episode.taskKb
            policy.act(episode, into: &actions)
            try episode.step(actions: actions, into: &outcome)
            steps.append(Step(taskKb: tasks, actions: (0..<environment.users).map { [Double(actions[2 * $0]), Double(actions[2 * $0 + 1])] }))
        }
        return MECEpisodeFile(environment: environment, distancesM: distances, steps: steps)
    }
}
