extension VehicularSlot {
    /// One choice open to a vehicle: a partition index and where its edge part runs.
    public struct Option: Sendable, Hashable {
        /// Index into the model's candidates.
        public var partition: Int
        /// Whether the edge part goes to the V2V neighbour rather than the RSU.
        public var v2v: Bool
    }

    /// Vehicle `i`'s choices: every partition via the RSU, then (if it has a V2V neighbour) every
    /// offloading partition via the neighbour. The order is fixed; solvers break ties by it.
    public func options(_ i: Int) -> [Option] {
        let model = entries[i].model
        var result = model.candidates.indices.map { Option(partition: $0, v2v: false) }
        if entries[i].neighbour != nil {
            result += model.candidates.indices.filter { !model.candidates[$0].isAllLocal }.map { Option(partition: $0, v2v: true) }
        }
        return result
    }

    /// The decision made of one option per vehicle.
    public func decision(_ chosen: [Option]) -> Decision {
        Decision(partitions: chosen.map(\.partition), v2v: chosen.map(\.v2v))
    }

    /// The decision made of one option index per vehicle (indices into ``options(_:)``).
    public func decision(optionIndices: [Int], options: [[Option]]) -> Decision {
        decision(optionIndices.enumerated().map { options[$0.offset][$0.element] })
    }
}
