import LabCore

/// The receding-horizon controller: at every step, sample H actions and execute the first.
///
/// At step t it normalises the observation, pushes it into the state history (zeros before the
/// episode's first step), samples a plan conditioned on the target environment's prompt pool
/// and the return target R_t, un-normalises the first planned action and hands it to the
/// episode (which clips it to ±0.99 and decodes it). The history restarts whenever the episode
/// is at step 0, so one policy value plays any number of episodes. Its randomness (initial
/// noise, injected noise, prompt cuts) comes from its own stream.
public struct PlannerPolicy: MECPolicy {
    /// The trained planner.
    public let planner: DiffusionPlanner
    /// Episodes of the target environment that prompts are cut from.
    public let prompts: [PlannerEpisode]
    /// The return condition.
    public var target: PlannerReturnTarget
    /// The guidance weight w (the configuration's when nil).
    public var guidance: Float?
    /// The policy's random stream.
    public var random: RandomSource
    /// A short name for tables.
    public var name: String
    private var history: [Float] = []
    private var scratch: [Float] = []

    /// Creates the controller for one environment.
    ///
    /// - Throws: `.invalidInput` when `prompts` is empty or holds an episode shorter than the
    ///   prompt length or of other sizes than the planner's.
    public init(planner: DiffusionPlanner, prompts: [PlannerEpisode], target: PlannerReturnTarget, guidance: Float? = nil,
                random: RandomSource, name: String = "diffloader") throws {
        let c = planner.configuration
        guard !prompts.isEmpty else {
            throw LabError(.invalidInput, "the planner needs at least one prompt episode of the target environment.")
        }
        for (i, e) in prompts.enumerated() {
            try PlannerEpisode(environment: 0, observations: e.observations, actions: e.actions, rewards: e.rewards)
                .validate(index: i, observationSize: planner.network.observationSize, actionSize: planner.network.actionSize,
                          environments: 1, minimumLength: c.promptLength)
        }
        (self.planner, self.prompts, self.target, self.guidance, self.random, self.name) = (planner, prompts, target, guidance, random, name)
    }

    /// Plans and writes the first action for `episode`'s current step.
    ///
    /// An episode of another size than the planner's gets all-local actions (its observation
    /// cannot be read by the network).
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        prepare(&actions, episode)
        let c = planner.configuration, o = planner.network.observationSize
        guard episode.environment.observationSize == o, episode.environment.actionSize == planner.network.actionSize else {
            for u in 0..<episode.environment.users { write(.local, u, &actions) }
            return
        }
        if episode.stepsPlayed == 0 || history.count != c.history * o { history = Array(repeating: 0, count: c.history * o) }
        planner.normalizer.normalizeObservation(ArraySlice(episode.observation), into: &scratch)
        history.removeFirst(o)
        history += scratch
        let plan = planner.plan(history: history, prompts: prompts, returnToGo: target.value(atStep: episode.stepsPlayed),
                                guidance: guidance, using: &random)
        let first = planner.normalizer.denormalizeAction(plan[0..<planner.network.actionSize])
        for i in 0..<actions.count { actions[i] = first[i] }
    }
}
