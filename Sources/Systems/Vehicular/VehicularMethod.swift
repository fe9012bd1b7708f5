import LabCore

/// The non-learning decision rules (docs/vehicular.md §3).
public enum VehicularMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Each vehicle minimises its own `T_i` assuming an equal RSU share `F/M`.
    case greedy
    /// The myopic genetic algorithm over the joint partition vector (fitness `−J(t)`, C-1 allocation).
    case ga
    /// Per-slot drift-plus-penalty coordinate search (2 best-response sweeps, exact allocation).
    case dpp
    /// Everyone computes locally.
    case local
    /// Everyone sends the raw image to the RSU.
    case full
}

extension VehicularSlot {
    /// The decision of `method` in this slot; `random` feeds the genetic algorithm only.
    public func decide(_ method: VehicularMethod, random: inout RandomSource) -> Decision {
        switch method {
        case .greedy: greedy()
        case .ga: genetic(random: &random).decision
        case .dpp: coordinateSearch()
        case .local: allLocal
        case .full: fullOffload
        }
    }
}

extension VehicularTrace {
    /// The trace with every slot's decisions made by `method`, slot after slot on the states the
    /// earlier decisions lead to (positions, queues). Arrivals and positions are kept.
    ///
    /// The genetic algorithm draws from one stream named by `seed`; the other methods are
    /// deterministic.
    public func solved(method: VehicularMethod, seed: UInt64 = 0) -> VehicularTrace {
        var random = RandomSource(seed: seed, stream: "vehicular.solve.\(method.rawValue)")
        var episode = VehicularEpisode(self)
        var result = self
        for t in slots.indices {
            let slot = episode.problem(positions: slots[t].positions)
            let d = slot.decide(method, random: &random)
            result.slots[t].partition = d.partitions
            result.slots[t].v2v = v2vEnabled ? d.v2v : nil
            _ = episode.step(d, arrivals: slots[t].arrivals, positions: slots[t].positions)
        }
        return result
    }
}
