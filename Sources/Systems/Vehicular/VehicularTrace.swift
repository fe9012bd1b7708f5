/// A `vec-trace/1` episode: parameters, the vehicles' initial states, and per slot the task
/// arrivals and the partition decisions (see `docs/vehicular.md`, "Exchange format").
///
/// Replaying a trace (``replay()``) is fully determined by its contents, so an implementation
/// outside this package can be checked against `lab vehicular replay`.
public struct VehicularTrace: Sendable, Hashable {
    /// One slot's inputs and decisions.
    public struct Slot: Sendable, Hashable {
        /// `A_i(t)`: tasks arriving at each vehicle during the slot (joining the queue at its end).
        public var arrivals: [Int]
        /// Partition index of each vehicle (into its model's candidate list).
        public var partition: [Int]
        /// With V2V enabled, whether each vehicle offloads to its neighbour (nil: none does).
        public var v2v: [Bool]?
        /// Positions at the slot's start from a mobility trace, replacing `x + v·Δ` (nil: synthetic).
        public var positions: [Double]?

        /// Creates a slot.
        public init(arrivals: [Int], partition: [Int], v2v: [Bool]? = nil, positions: [Double]? = nil) {
            self.arrivals = arrivals
            self.partition = partition
            self.v2v = v2v
            self.positions = positions
        }
    }

    /// The constants.
    public var parameters: VehicularParameters
    /// Whether V2V offloading is enabled (docs/vehicular.md §1 option; `"v2v": true` in `parameters`).
    public var v2vEnabled: Bool
    /// The vehicles at the start of slot 0.
    public var vehicles: [Vehicle]
    /// The slots, in order.
    public var slots: [Slot]

    /// Creates a trace; use ``validate(file:)`` before trusting one built from outside data.
    public init(parameters: VehicularParameters, v2vEnabled: Bool = false, vehicles: [Vehicle], slots: [Slot]) {
        self.parameters = parameters
        self.v2vEnabled = v2vEnabled
        self.vehicles = vehicles
        self.slots = slots
    }

    /// The decision of slot `t` as the slot problem takes it.
    public func decision(_ t: Int) -> VehicularSlot.Decision {
        VehicularSlot.Decision(partitions: slots[t].partition, v2v: slots[t].v2v)
    }
}
