import LabCore

/// A recorded episode: environment, distances, and per step the task sizes and raw actions.
///
/// The `mec-episode/1` exchange format (see ``json`` and ``decode(_:file:)``) lets any outside
/// implementation of the environment be checked against ``MECReplay``: it fixes everything
/// random, so replaying the raw actions must give the same costs and rewards.
public struct MECEpisodeFile: Sendable, Hashable {
    /// One recorded step.
    public struct Step: Sendable, Hashable {
        /// Task size per UE in kb.
        public var taskKb: [Double]
        /// Raw action per UE, `(a0, a1)` as recorded (clipped and decoded on replay).
        public var actions: [[Double]]

        /// Creates a step.
        public init(taskKb: [Double], actions: [[Double]]) {
            self.taskKb = taskKb
            self.actions = actions
        }
    }

    /// The environment; its UE count is the length of ``distancesM``.
    public var environment: MECEnvironment
    /// UE–BS distance per UE in m.
    public var distancesM: [Double]
    /// The recorded steps (1…20).
    public var steps: [Step]

    /// Creates a recorded episode (validated when replayed or decoded).
    public init(environment: MECEnvironment, distancesM: [Double], steps: [Step]) {
        self.environment = environment
        self.distancesM = distancesM
        self.steps = steps
    }

    /// An episode of `environment` drawn from `seed` (the same distances and task sizes as
    /// ``MECEpisode/init(environment:seed:terminateOnViolation:)``) with every UE computing locally.
    public static func allLocal(_ environment: MECEnvironment, seed: UInt64) -> MECEpisodeFile {
        var episode = MECEpisode(environment: environment, seed: seed, terminateOnViolation: false)
        let distances = episode.distancesM
        let action = MECDecision.local.rawAction
        let flat = (0..<environment.users).flatMap { _ in [action.0, action.1] }
        var steps: [Step] = []
        var result = MECStep()
        for _ in 0..<MECConstants.stepsPerEpisode {
            steps.append(Step(taskKb: episode.taskKb, actions: Array(repeating: [Double(action.0), Double(action.1)], count: environment.users)))
            // All-local actions are finite and of the right length, so the step cannot fail.
            guard (try? episode.step(actions: flat, into: &result)) != nil else { break }
        }
        return MECEpisodeFile(environment: environment, distancesM: distances, steps: steps)
    }

    /// The file as JSON with a fixed key order.
    public var json: JSONValue {
        let e = environment
        return .object([
            ("format", .string(MultiMEC.episodeFormat)),
            ("environment", .object([("bandwidth_mhz", .number(e.bandwidthMHz)), ("edge_ghz", .number(e.edgeGHz)),
                                     ("mean_task_kb", .number(e.meanTaskKb))])),
            ("distances_m", .array(distancesM.map { .number($0) })),
            ("steps", .array(steps.map { s in
                .object([("task_kb", .array(s.taskKb.map { .number($0) })),
                         ("actions", .array(s.actions.map { .array($0.map { .number($0) }) }))])
            })),
        ])
    }

    /// The file text: pretty JSON with a trailing newline (same episode → same bytes).
    public var fileText: String { json.serialized(pretty: true) + "\n" }

    /// Parses and validates episode text; errors (exit code 2) name `file` and the field.
    ///
    /// Checks: the format tag; B, F, S̄ within ``MECEnvironment``'s ranges; 1…1000 distances in
    /// [0.001, 10000] m; 1…20 steps, each with exactly U task sizes in [0.001, 10^6] kb and U pairs of
    /// finite raw actions.
    public static func decode(_ text: String, file: String) throws -> MECEpisodeFile {
        let f = JSONFields(file: file)
        let root = try f.parse(text)
        let format = try f.member(root, "format", path: "")
        guard format.string == MultiMEC.episodeFormat else {
            throw f.error("format", "must be \"\(MultiMEC.episodeFormat)\" (got \(format.serialized()))")
        }
        let env = try f.member(root, "environment", path: "")
        func parameter(_ key: String, _ range: ClosedRange<Double>) throws -> Double {
            try f.number(try f.member(env, key, path: "environment"), "environment.\(key)", minimum: range.lowerBound, maximum: range.upperBound)
        }
        let b = try parameter("bandwidth_mhz", MECEnvironment.bandwidthRange)
        let fe = try parameter("edge_ghz", MECEnvironment.edgeRange)
        let s = try parameter("mean_task_kb", MECEnvironment.meanTaskRange)
        let distanceValues = try f.array(try f.member(root, "distances_m", path: ""), "distances_m")
        guard (1...MECConstants.maximumUsers).contains(distanceValues.count) else {
            throw f.error("distances_m", "must list one distance per UE, 1 to \(MECConstants.maximumUsers) (got \(distanceValues.count))")
        }
        let range = MECEpisode.distanceRange
        let distances = try distanceValues.enumerated().map { i, v in
            try f.number(v, "distances_m[\(i)]", minimum: range.lowerBound, maximum: range.upperBound)
        }
        let users = distances.count
        let environment = try MECEnvironment(bandwidthMHz: b, edgeGHz: fe, meanTaskKb: s, users: users)
        let stepValues = try f.array(try f.member(root, "steps", path: ""), "steps")
        guard (1...MECConstants.stepsPerEpisode).contains(stepValues.count) else {
            throw f.error("steps", "must have 1 to \(MECConstants.stepsPerEpisode) entries (got \(stepValues.count))")
        }
        let tasks = MECEpisode.taskRange
        let steps = try stepValues.enumerated().map { t, v in
            let path = "steps[\(t)]"
            let sizes = try f.array(try f.member(v, "task_kb", path: path), "\(path).task_kb", count: users).enumerated().map { i, x in
                try f.number(x, "\(path).task_kb[\(i)]", minimum: tasks.lowerBound, maximum: tasks.upperBound)
            }
            let actions = try f.array(try f.member(v, "actions", path: path), "\(path).actions", count: users).enumerated().map { i, pair in
                try f.array(pair, "\(path).actions[\(i)]", count: 2).enumerated().map { j, x in
                    try f.number(x, "\(path).actions[\(i)][\(j)]")
                }
            }
            return Step(taskKb: sizes, actions: actions)
        }
        return MECEpisodeFile(environment: environment, distancesM: distances, steps: steps)
    }
}
