import LabCore

/// The replay of a recorded episode: every step's outcome, the return and whether it completed.
///
/// Replays as the repository's rollout does: the episode terminates on violations, and the
/// replay stops at the first terminating step (any later recorded steps are not played).
public struct MECReplay: Sendable, Hashable {
    /// The outcome of each played step, with the battery left after it.
    public var steps: [(outcome: MECStep, batteryJ: [Double])]
    /// The environment replayed.
    public var environment: MECEnvironment
    /// Sum of the played steps' rewards (one terminal number, as rewards are sparse).
    public var episodeReturn: Double { steps.reduce(0) { $0 + $1.outcome.reward } }
    /// Whether all 20 steps were played.
    public var completed: Bool { steps.count == MECConstants.stepsPerEpisode }

    /// Replays `file`; throws `.invalidInput` (exit 2) naming the step when it is inconsistent.
    public init(_ file: MECEpisodeFile) throws {
        environment = file.environment
        guard let first = file.steps.first else {
            throw LabError(.invalidInput, "steps: an episode needs at least one step.")
        }
        var episode = try MECEpisode(environment: file.environment, distancesM: file.distancesM, taskKb: first.taskKb)
        steps = []
        for (t, recorded) in file.steps.enumerated() {
            guard recorded.actions.count == file.environment.users, recorded.actions.allSatisfy({ $0.count == 2 }) else {
                throw LabError(.invalidInput, "steps[\(t)].actions: needs \(file.environment.users) pairs.")
            }
            do {
                try episode.setTasks(recorded.taskKb)
                var outcome = MECStep()
                try episode.step(rawActions: recorded.actions.flatMap { $0 }, into: &outcome)
                steps.append((outcome, episode.batteryJ))
                if outcome.terminated { break }
            } catch let error as LabError {
                throw LabError(.invalidInput, "steps[\(t)]: \(error.message)")
            }
        }
    }

    /// Equal when the environments and every step's outcome and battery agree.
    public static func == (a: MECReplay, b: MECReplay) -> Bool {
        a.environment == b.environment && a.steps.count == b.steps.count
            && zip(a.steps, b.steps).allSatisfy { $0.outcome == $1.outcome && $0.batteryJ == $1.batteryJ }
    }

    /// Hashes the environment and the step outcomes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(environment)
        for s in steps { hasher.combine(s.outcome); hasher.combine(s.batteryJ) }
    }

    /// The `mec-replay/1` report (what `lab mec replay --json` prints).
    public var json: JSONValue {
        func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { .finite($0) }) }
        let e = environment
        return .object([
            ("format", .string(MultiMEC.replayFormat)),
            ("environment", .object([("bandwidth_mhz", .number(e.bandwidthMHz)), ("edge_ghz", .number(e.edgeGHz)),
                                     ("mean_task_kb", .number(e.meanTaskKb))])),
            ("users", .number(Double(e.users))),
            ("steps", .array(steps.map { s in
                let o = s.outcome
                return .object([
                    ("step", .number(Double(o.step))),
                    ("time_s", numbers(o.timeS)), ("energy_j", numbers(o.energyJ)), ("cost", numbers(o.cost)),
                    ("mean_cost", .finite(o.meanCost)), ("reward", .finite(o.reward)), ("terminated", .bool(o.terminated)),
                    ("violations", .array(o.violations.map { .number(Double($0)) })),
                    ("edge_backlog_s", .finite(o.edgeBacklogS)), ("battery_j", numbers(s.batteryJ)),
                ])
            })),
            ("return", .finite(episodeReturn)),
            ("completed", .bool(completed)),
            ("steps_played", .number(Double(steps.count))),
        ])
    }
}
