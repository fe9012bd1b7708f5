import LabCore
import Learning

/// The Dec-POMDP of the MAD2RL learners (docs/vehicular.md, "Learners"): the vehicles are the
/// agents, each picks a partition index, the RSU allocates with Algorithm C-1 (or the equal
/// split of the ablation), and the team shares one reward.
///
/// Reward with Lyapunov guidance: `clip(−J(t)/(10·M), −10, 10)`; without (the ablation):
/// `clip(−Σ_i T_i/M, −10, 10)` with the allocation weights `w_i = 1` (C-1 on the slot with zero
/// queues and `V = 1`). Queues then evolve as in ``VehicularEpisode``:
/// `Q ← max(Q − Δ/T, 0) + A(t)`, positions advance (or come from the trace's mobility).
public struct VehicularMARLEnvironment: Sendable {
    /// The scenario episodes are drawn from.
    public let scenario: VehicularScenario
    /// How the RSU shares its compute inside the step.
    public let allocation: VehicularSlot.Allocation
    /// Whether the reward and allocation are the drift-plus-penalty ones (false: the no-Lyapunov ablation).
    public let lyapunovGuidance: Bool
    /// The episode being played.
    public private(set) var trace: VehicularTrace
    /// The seed ``trace`` was drawn with.
    public private(set) var episodeSeed: UInt64 = 0
    /// The slot about to be played.
    public private(set) var slotIndex = 0
    /// The vehicles at the start of ``slotIndex``.
    public private(set) var vehicles: [Vehicle]
    private var previousArrivals: [Int]
    private var previousOffload = 0.0

    /// An environment over `scenario`'s episodes, starting with the episode of seed 0.
    ///
    /// - Throws: `.invalidInput` for an invalid scenario or one with V2V (the learners choose
    ///   partitions only).
    public init(scenario: VehicularScenario, allocation: VehicularSlot.Allocation, lyapunovGuidance: Bool) throws {
        guard !scenario.v2v else { throw LabError(.invalidInput, "the MAD2RL learners choose partitions only; turn V2V off in the scenario.") }
        (self.scenario, self.allocation, self.lyapunovGuidance) = (scenario, allocation, lyapunovGuidance)
        trace = try scenario.trace(seed: 0)
        vehicles = trace.vehicles
        previousArrivals = Array(repeating: 0, count: scenario.vehicles)
    }

    /// Number of agents.
    public var agents: Int { scenario.vehicles }

    /// Starts the episode drawn with `seed`.
    public mutating func reset(seed: UInt64) throws {
        trace = try scenario.trace(seed: seed)
        episodeSeed = seed
        slotIndex = 0
        vehicles = trace.vehicles
        previousArrivals = Array(repeating: 0, count: agents)
        previousOffload = 0
        applyTracePositions()
    }

    /// Whether every slot of the episode has been played.
    public var isFinished: Bool { slotIndex >= trace.slots.count }

    /// What the agents see now.
    public var observation: VehicularObservation {
        VehicularObservation(slot: VehicularSlot(vehicles: vehicles, parameters: scenario.parameters), vehicles: vehicles,
                             previousArrivals: previousArrivals, previousOffloadFraction: previousOffload)
    }

    /// One slot's outcome.
    public struct Transition: Sendable {
        /// The team reward.
        public var reward: Double
        /// `T_i(t)` in seconds.
        public var completion: [Double]
        /// `Q_i(t+1)`.
        public var queues: [Double]
    }

    /// Plays the current slot with `partitions` (one valid candidate index per vehicle).
    public mutating func step(_ partitions: [Int]) -> Transition {
        let slot = VehicularSlot(vehicles: vehicles, parameters: scenario.parameters)
        let decision = VehicularSlot.Decision(partitions: partitions)
        let reward: Double, completion: [Double]
        if lyapunovGuidance {
            let outcome = slot.evaluate(decision, allocation: allocation)
            (reward, completion) = (-outcome.objective / (10 * Double(agents)), outcome.completion)
        } else {
            var plain = slot
            plain.parameters.lyapunovV = 1
            for i in plain.entries.indices { plain.entries[i].queue = 0 }
            completion = plain.evaluate(decision, allocation: allocation).completion
            reward = -completion.reduce(0, +) / Double(agents)
        }
        let arrivals = trace.slots[slotIndex].arrivals
        let p = scenario.parameters
        for i in vehicles.indices {
            vehicles[i].queue = max(vehicles[i].queue - p.slotSeconds / completion[i], 0) + Double(arrivals[i])
            vehicles[i].x = p.advance(x: vehicles[i].x, speed: vehicles[i].speed)
        }
        previousArrivals = arrivals
        previousOffload = VehicularObservation.offloadFraction(decision, slot: slot)
        slotIndex += 1
        applyTracePositions()
        return Transition(reward: min(max(reward, -10), 10), completion: completion, queues: vehicles.map(\.queue))
    }

    private mutating func applyTracePositions() {
        guard slotIndex < trace.slots.count, let positions = trace.slots[slotIndex].positions else { return }
        for i in vehicles.indices { vehicles[i].x = positions[i] }
    }
}

extension VehicularMARLEnvironment: Checkpointable {
    /// Saves the episode seed and slot (`name.episode`), the vehicles' positions and queues as
    /// Double bit patterns (`name.vehicles`) and the previous slot's arrivals and offloading
    /// fraction (`name.previous`); the trace is redrawn from the seed on restore.
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        checkpoint.words["\(name).episode"] = [episodeSeed, UInt64(slotIndex)]
        checkpoint.words["\(name).vehicles"] = vehicles.flatMap { [$0.x.bitPattern, $0.queue.bitPattern] }
        checkpoint.words["\(name).previous"] = previousArrivals.map { UInt64($0) } + [previousOffload.bitPattern]
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        let episode = try checkpoint.words("\(name).episode", count: 2)
        let state = try checkpoint.words("\(name).vehicles", count: 2 * agents)
        let previous = try checkpoint.words("\(name).previous", count: agents + 1)
        try reset(seed: episode[0])
        guard episode[1] <= UInt64(trace.slots.count) else {
            throw LabError(.invalidInput, "the checkpoint's environment is at slot \(episode[1]) of a \(trace.slots.count)-slot episode: it comes from another configuration; train from the start with a fresh store (`--store`).")
        }
        slotIndex = Int(episode[1])
        for i in vehicles.indices { (vehicles[i].x, vehicles[i].queue) = (Double(bitPattern: state[2 * i]), Double(bitPattern: state[2 * i + 1])) }
        previousArrivals = previous.prefix(agents).map { Int(truncatingIfNeeded: $0) }
        previousOffload = Double(bitPattern: previous[agents])
    }
}
