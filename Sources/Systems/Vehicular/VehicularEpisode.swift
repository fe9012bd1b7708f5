/// The state of an episode between slots, and the one-slot transition used by replay,
/// the solvers and simulation alike.
///
/// A step: take positions from the trace if it has them, build the slot problem at the
/// positions and queues of the slot's start, evaluate the decision with the exact allocation,
/// then `Q ← max(Q − Δ/T, 0) + A` (service not capped at the backlog) and `x ← (x + v·Δ) mod road`.
public struct VehicularEpisode: Sendable, Hashable {
    /// The constants.
    public var parameters: VehicularParameters
    /// Whether V2V offloading is enabled.
    public var v2vEnabled: Bool
    /// The vehicles now.
    public var vehicles: [Vehicle]

    /// Starts an episode.
    public init(parameters: VehicularParameters, v2vEnabled: Bool = false, vehicles: [Vehicle]) {
        self.parameters = parameters
        self.v2vEnabled = v2vEnabled
        self.vehicles = vehicles
    }

    /// Starts the episode a trace describes.
    public init(_ trace: VehicularTrace) {
        self.init(parameters: trace.parameters, v2vEnabled: trace.v2vEnabled, vehicles: trace.vehicles)
    }

    /// What one slot produced.
    public struct Record: Sendable, Hashable {
        /// `r_i(t)` in bit/s.
        public var rate: [Double]
        /// RSU GFLOP/s allocated to each vehicle.
        public var rsuGFLOPS: [Double]
        /// `T_i(t)` in seconds.
        public var completion: [Double]
        /// `Q_i(t+1)`.
        public var queueAfter: [Double]
        /// `J(t)` with the queues at the slot's start.
        public var objective: Double
    }

    /// The slot problem at the current state (after applying `positions`, if given).
    public func problem(positions: [Double]? = nil) -> VehicularSlot {
        var now = vehicles
        if let positions { for i in now.indices { now[i].x = positions[i] } }
        return VehicularSlot(vehicles: now, parameters: parameters, v2v: v2vEnabled)
    }

    /// Plays one slot. The decision must be valid for ``problem(positions:)`` (a trace's
    /// validation guarantees this for its own slots).
    public mutating func step(_ decision: VehicularSlot.Decision, arrivals: [Int], positions: [Double]? = nil) -> Record {
        if let positions { for i in vehicles.indices { vehicles[i].x = positions[i] } }
        let slot = VehicularSlot(vehicles: vehicles, parameters: parameters, v2v: v2vEnabled)
        let outcome = slot.evaluate(decision, allocation: .exact)
        for i in vehicles.indices {
            let served = parameters.slotSeconds / outcome.completion[i]
            vehicles[i].queue = max(vehicles[i].queue - served, 0) + Double(arrivals[i])
            vehicles[i].x = parameters.advance(x: vehicles[i].x, speed: vehicles[i].speed)
        }
        return Record(rate: slot.entries.map(\.rate), rsuGFLOPS: outcome.rsuGFLOPS, completion: outcome.completion,
                      queueAfter: vehicles.map(\.queue), objective: outcome.objective)
    }
}
