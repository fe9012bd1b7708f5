import LabCore

/// Something that chooses the flat raw action for the current state of an episode.
///
/// A policy reads whatever it needs from the episode (a learned policy reads
/// ``MECEpisode/observation``; the heuristics read task sizes) and writes `2·U` raw numbers into
/// `actions`, which the episode clips and decodes. Policies carry their own randomness, separate
/// from the episode's, so paired evaluations see the same distances and task sizes.
public protocol MECPolicy {
    /// A short name for tables (`all-local`, `top-5-distinct`, …).
    var name: String { get }
    /// Writes the raw action for `episode`'s current step into `actions` (resized to `2·U`).
    mutating func act(_ episode: MECEpisode, into actions: inout [Float])
}

extension MECPolicy {
    /// Resizes `actions` to the environment's action size.
    func prepare(_ actions: inout [Float], _ episode: MECEpisode) {
        let n = episode.environment.actionSize
        if actions.count != n { actions = Array(repeating: 0, count: n) }
    }

    /// Writes one UE's decision.
    func write(_ d: MECDecision, _ u: Int, _ actions: inout [Float]) {
        let (a0, a1) = d.rawAction
        actions[2 * u] = a0
        actions[2 * u + 1] = a1
    }
}

/// Every UE computes locally.
public struct MECAllLocal: MECPolicy {
    /// Creates the policy.
    public init() {}
    /// `all-local`.
    public var name: String { "all-local" }
    /// All-local actions.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        prepare(&actions, episode)
        for u in 0..<episode.environment.users { write(.local, u, &actions) }
    }
}

/// Every UE offloads on a channel drawn uniformly at random each step.
public struct MECAllOffload: MECPolicy {
    /// The channel draws.
    public var random: RandomSource
    /// Creates the policy with its own random stream.
    public init(random: RandomSource) { self.random = random }
    /// `all-offload`.
    public var name: String { "all-offload" }
    /// Offload everything on random channels.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        prepare(&actions, episode)
        for u in 0..<episode.environment.users {
            write(MECDecision(offload: true, channel: random.int(below: MECConstants.channels)), u, &actions)
        }
    }
}

/// Each UE offloads with probability ½ (on a uniformly random channel), independently each step.
public struct MECRandomHalf: MECPolicy {
    /// The coin flips and channel draws.
    public var random: RandomSource
    /// Creates the policy with its own random stream.
    public init(random: RandomSource) { self.random = random }
    /// `random-50/50`.
    public var name: String { "random-50/50" }
    /// Coin flip per UE; the channel is drawn for every UE so the stream does not depend on the flips.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        prepare(&actions, episode)
        for u in 0..<episode.environment.users {
            let offload = random.bernoulli(0.5)
            write(MECDecision(offload: offload, channel: random.int(below: MECConstants.channels)), u, &actions)
        }
    }
}

/// Offload the k largest tasks, the i-th largest on channel i (distinct while k ≤ 5); the rest local.
///
/// Ties in size go to the lower UE index. With k > 5 the channels repeat cyclically (i mod 5).
public struct MECLargestTasks: MECPolicy {
    /// How many tasks to offload (0…U; more than U offloads everything).
    public var count: Int
    private var ranking: [Int] = []
    /// Creates the policy.
    public init(count: Int) { self.count = max(0, count) }
    /// `top-k-distinct`.
    public var name: String { "top-\(count)-distinct" }
    /// Ranks the current tasks by size and offloads the largest.
    public mutating func act(_ episode: MECEpisode, into actions: inout [Float]) {
        prepare(&actions, episode)
        let users = episode.environment.users, sizes = episode.taskKb
        if ranking.count != users { ranking = Array(0..<users) }
        for i in 0..<users { ranking[i] = i }
        ranking.sort { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        for u in 0..<users { write(.local, u, &actions) }
        for (rank, u) in ranking.prefix(count).enumerated() {
            write(MECDecision(offload: true, channel: rank % MECConstants.channels), u, &actions)
        }
    }
}
