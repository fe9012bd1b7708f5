/// One slot's decision problem P_t (docs/vehicular.md §1): the vehicles' models, compute, rates and queues
/// at the slot's start, and the constants `F`, `V`, `Δ`.
///
/// Decisions are partition indices (and, with V2V enabled, whether to offload to the neighbour
/// instead of the RSU); ``evaluate(_:allocation:)`` allocates the RSU and returns completion
/// times and `J(t) = Σ_i [V·T_i − Q_i·Δ/T_i]`.
public struct VehicularSlot: Sendable, Hashable {
    /// One vehicle as the slot's problem sees it.
    public struct Entry: Sendable, Hashable {
        /// The DNN its task runs.
        public var model: DNNModel
        /// `f_i^loc` in GFLOP/s.
        public var localGFLOPS: Double
        /// `r_i(t)`: V2I rate in bit/s at the slot's start position.
        public var rate: Double
        /// `Q_i(t)`: queue at the slot's start.
        public var queue: Double
        /// V2V: the nearest vehicle within ``VehicularSlot/v2vRange`` with an empty queue, if any.
        public var neighbour: Int?
        /// V2V: the rate to ``neighbour`` in bit/s (0 without one).
        public var neighbourRate: Double

        /// Creates an entry.
        public init(model: DNNModel, localGFLOPS: Double, rate: Double, queue: Double, neighbour: Int? = nil, neighbourRate: Double = 0) {
            self.model = model
            self.localGFLOPS = localGFLOPS
            self.rate = rate
            self.queue = queue
            self.neighbour = neighbour
            self.neighbourRate = neighbourRate
        }
    }

    /// Farthest a V2V helper may be, in metres (docs/vehicular.md §1).
    public static let v2vRange = 100.0

    /// The vehicles.
    public var entries: [Entry]
    /// `F`, `V`, `Δ` and the rate model.
    public var parameters: VehicularParameters

    /// Creates a slot from explicit entries.
    public init(entries: [Entry], parameters: VehicularParameters) {
        self.entries = entries
        self.parameters = parameters
    }

    /// The slot seen by vehicles in the given states: V2I rates at their positions and, with
    /// `v2v`, each vehicle's nearest helper (distance along the road, no wrap-around; ties go to
    /// the lower index) with the rate over that distance.
    public init(vehicles: [Vehicle], parameters: VehicularParameters, v2v: Bool = false) {
        self.parameters = parameters
        entries = vehicles.enumerated().map { i, vehicle in
            var entry = Entry(model: vehicle.model, localGFLOPS: vehicle.localGFLOPS, rate: parameters.rsuRate(x: vehicle.x), queue: vehicle.queue)
            if v2v {
                var best: (index: Int, distance: Double)?
                for (j, other) in vehicles.enumerated() where j != i && other.queue == 0 {
                    let d = abs(other.x - vehicle.x)
                    if d <= Self.v2vRange, d < (best?.distance ?? .infinity) { best = (j, d) }
                }
                if let best {
                    entry.neighbour = best.index
                    entry.neighbourRate = parameters.rate(distance: best.distance)
                }
            }
            return entry
        }
    }

    /// Number of vehicles.
    public var count: Int { entries.count }

    /// The slot's decision: one partition index per vehicle, and per vehicle whether the edge
    /// part goes to its V2V neighbour instead of the RSU.
    public struct Decision: Sendable, Hashable {
        /// Index into the vehicle's model's candidate list.
        public var partitions: [Int]
        /// Whether to offload to the neighbour (only meaningful when not all local).
        public var v2v: [Bool]

        /// Creates a decision (all RSU unless `v2v` is given).
        public init(partitions: [Int], v2v: [Bool]? = nil) {
            self.partitions = partitions
            self.v2v = v2v ?? Array(repeating: false, count: partitions.count)
        }
    }

    /// Everyone computes locally.
    public var allLocal: Decision { Decision(partitions: entries.map(\.model.allLocalIndex)) }

    /// Everyone sends the raw image to the RSU.
    public var fullOffload: Decision { Decision(partitions: Array(repeating: 0, count: count)) }

    /// `a_i = Φ/f^loc + O/r`: the part of `T_i` that does not depend on the edge's compute.
    public func fixedTime(_ i: Int, partition p: Int, v2v: Bool = false) -> Double {
        let e = entries[i]
        let c = e.model.candidates[p]
        let local = c.localGFLOPs / e.localGFLOPS
        guard !c.isAllLocal else { return local }
        return local + c.bits / (v2v ? e.neighbourRate : e.rate)
    }

    /// How the RSU's compute is shared among the vehicles offloading to it.
    public enum Allocation: Sendable, Hashable {
        /// The exact minimiser of `J(t)` (``EdgeAllocation/exact()``).
        case exact
        /// Algorithm C-1 with at most this many iterations.
        case majorisation(iterations: Int)
        /// `F` split equally among the RSU offloaders (the ablation of C.7).
        case equal
    }

    /// The outcome of one decision.
    public struct Outcome: Sendable, Hashable {
        /// RSU GFLOP/s given to each vehicle (0 when local or offloading over V2V).
        public var rsuGFLOPS: [Double]
        /// `T_i(t)` in seconds.
        public var completion: [Double]
        /// `J(t)`.
        public var objective: Double
    }

    /// Whether a decision fits this slot: indices in range, V2V only towards an existing neighbour.
    public func isValid(_ d: Decision) -> Bool {
        guard d.partitions.count == count, d.v2v.count == count else { return false }
        for i in 0..<count {
            guard entries[i].model.candidates.indices.contains(d.partitions[i]) else { return false }
            if d.v2v[i], entries[i].neighbour == nil { return false }
        }
        return true
    }

    /// Completion times, RSU allocation and `J(t)` of a valid decision.
    public func evaluate(_ d: Decision, allocation: Allocation = .exact) -> Outcome {
        var completion = Array(repeating: 0.0, count: count)
        var rsu = Array(repeating: 0.0, count: count)
        var offloaders: [Int] = []
        var helperLoad = Array(repeating: 0, count: count)
        for i in 0..<count {
            let c = entries[i].model.candidates[d.partitions[i]]
            if c.isAllLocal { continue }
            if d.v2v[i], let j = entries[i].neighbour { helperLoad[j] += 1 } else { offloaders.append(i) }
        }
        for i in 0..<count {
            let p = d.partitions[i]
            let c = entries[i].model.candidates[p]
            completion[i] = fixedTime(i, partition: p, v2v: d.v2v[i])
            if !c.isAllLocal, d.v2v[i], let j = entries[i].neighbour {
                completion[i] += c.edgeGFLOPs / (entries[j].localGFLOPS / Double(helperLoad[j]))
            }
        }
        if !offloaders.isEmpty {
            let problem = EdgeAllocation(
                fixedTimes: offloaders.map { completion[$0] },
                edgeWork: offloaders.map { entries[$0].model.candidates[d.partitions[$0]].edgeGFLOPs },
                queues: offloaders.map { entries[$0].queue },
                capacity: parameters.rsuGFLOPS, lyapunovV: parameters.lyapunovV, slotSeconds: parameters.slotSeconds)
            let shares: [Double]
            switch allocation {
            case .exact: shares = problem.exact()
            case .majorisation(let iterations): shares = problem.majorisation(iterations: iterations).shares
            case .equal: shares = Array(repeating: parameters.rsuGFLOPS / Double(offloaders.count), count: offloaders.count)
            }
            for (k, i) in offloaders.enumerated() {
                rsu[i] = shares[k]
                completion[i] += problem.edgeWork[k] / shares[k]
            }
        }
        return Outcome(rsuGFLOPS: rsu, completion: completion, objective: objective(completion))
    }

    /// `J(t) = Σ_i [V·T_i − Q_i·Δ/T_i]` for given completion times.
    public func objective(_ completion: [Double]) -> Double {
        var total = 0.0
        for (i, t) in completion.enumerated() {
            total += parameters.lyapunovV * t - entries[i].queue * parameters.slotSeconds / t
        }
        return total
    }
}
