import LabCore

/// What a per-slot decision rule may see at a slot's start: the slot problem (models, rates,
/// queues, `F`, `V`), the vehicles (positions, speeds) and the previous slot's outcome.
public struct VehicularObservation: Sendable, Hashable {
    /// The slot's problem P_t.
    public var slot: VehicularSlot
    /// The vehicles at the slot's start.
    public var vehicles: [Vehicle]
    /// `A_i(t − 1)`: tasks that arrived during the previous slot (zeros in slot 0).
    public var previousArrivals: [Int]
    /// Fraction of vehicles that offloaded (any partition but all-local) in the previous slot (0 in slot 0).
    public var previousOffloadFraction: Double

    /// Creates an observation.
    public init(slot: VehicularSlot, vehicles: [Vehicle], previousArrivals: [Int], previousOffloadFraction: Double) {
        self.slot = slot
        self.vehicles = vehicles
        self.previousArrivals = previousArrivals
        self.previousOffloadFraction = previousOffloadFraction
    }

    /// The fraction of vehicles whose partition in `decision` offloads something.
    public static func offloadFraction(_ decision: VehicularSlot.Decision, slot: VehicularSlot) -> Double {
        guard slot.count > 0 else { return 0 }
        let offloading = (0..<slot.count).filter { !slot.entries[$0].model.candidates[decision.partitions[$0]].isAllLocal }.count
        return Double(offloading) / Double(slot.count)
    }
}

/// A per-slot partition rule learned or written outside the built-in ``VehicularMethod``s (the
/// MAD2RL and P-QMIX policies of `Learners/`), usable wherever the simulation uses a method.
public protocol VehicularPolicy {
    /// A short name for tables and reports.
    var name: String { get }
    /// The decision for one slot; `random` is the simulation's stream for this episode.
    mutating func decide(_ observation: VehicularObservation, random: inout RandomSource) -> VehicularSlot.Decision
    /// Checks that the policy can decide for `scenario` (e.g. was trained for its number of vehicles).
    ///
    /// - Throws: `.invalidInput` saying what does not fit.
    func check(_ scenario: VehicularScenario) throws
}

extension VehicularPolicy {
    /// Accepts every scenario.
    public func check(_ scenario: VehicularScenario) throws {}
}

extension VehicularTrace {
    /// The trace with every slot's partitions chosen by `policy`, slot after slot on the states
    /// its earlier decisions lead to (as ``solved(method:seed:)``; V2V flags are left unset).
    ///
    /// - Throws: `.invalidInput` when the policy returns a decision that does not fit the slot.
    public func solved(policy: some VehicularPolicy, seed: UInt64 = 0) throws -> VehicularTrace {
        var policy = policy
        var random = RandomSource(seed: seed, stream: "vehicular.solve.policy")
        var episode = VehicularEpisode(self)
        var result = self
        var previous = (arrivals: Array(repeating: 0, count: vehicles.count), offload: 0.0)
        for t in slots.indices {
            let slot = episode.problem(positions: slots[t].positions)
            var now = episode.vehicles
            if let positions = slots[t].positions { for i in now.indices { now[i].x = positions[i] } }
            let observation = VehicularObservation(slot: slot, vehicles: now, previousArrivals: previous.arrivals, previousOffloadFraction: previous.offload)
            let d = VehicularSlot.Decision(partitions: policy.decide(observation, random: &random).partitions)
            guard slot.isValid(d) else {
                throw LabError(.invalidInput, "policy `\(policy.name)` chose partitions \(d.partitions) in slot \(t), which do not fit the vehicles' models; it was trained for another scenario.")
            }
            result.slots[t].partition = d.partitions
            result.slots[t].v2v = v2vEnabled ? d.v2v : nil
            previous = (slots[t].arrivals, VehicularObservation.offloadFraction(d, slot: slot))
            _ = episode.step(d, arrivals: slots[t].arrivals, positions: slots[t].positions)
        }
        return result
    }
}

/// The result of running a ``VehicularPolicy`` on a scenario for several episodes.
public struct VehicularPolicyRun: Sendable, Hashable {
    /// The policy's name.
    public var policy: String
    /// One replay per episode.
    public var episodes: [VehicularReplay]
    /// The partitions chosen, per episode and slot.
    public var partitions: [[[Int]]]

    /// Mean completion time over episodes, vehicles and slots.
    public var meanCompletion: Double { Self.average(episodes.map(\.meanCompletion)) }
    /// Mean queue (after each slot) over episodes, vehicles and slots.
    public var meanQueue: Double { Self.average(episodes.map(\.meanQueue)) }
    /// Per slot, the mean queue over vehicles and episodes.
    public var meanQueueSeries: [Double] {
        let series = episodes.map(\.meanQueueSeries)
        guard let length = series.map(\.count).min() else { return [] }
        return (0..<length).map { t in Self.average(series.map { $0[t] }) }
    }

    private static func average(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
}

extension VehicularScenario {
    /// Runs `policy` on `episodes` episodes, paired with ``simulate(method:episodes:seed:)``:
    /// episode `e` is ``trace(seed:)`` at ``episodeSeed(_:episode:)``, decided by the policy
    /// (its random stream seeded by the episode's seed) and replayed with the exact allocation.
    ///
    /// - Throws: `.invalidInput` for an episode count outside 1...10000 or a decision that does not fit.
    public func simulate(policy: some VehicularPolicy, episodes: Int, seed: UInt64) throws -> VehicularPolicyRun {
        guard (1...10_000).contains(episodes) else { throw LabError(.invalidInput, "episodes must be in 1...10000 (got \(episodes)).") }
        try policy.check(self)
        var replays: [VehicularReplay] = [], partitions: [[[Int]]] = []
        for e in 0..<episodes {
            let s = Self.episodeSeed(seed, episode: e)
            let solved = try trace(seed: s).solved(policy: policy, seed: s)
            replays.append(try solved.replay())
            partitions.append(solved.slots.map(\.partition))
        }
        return VehicularPolicyRun(policy: policy.name, episodes: replays, partitions: partitions)
    }
}
