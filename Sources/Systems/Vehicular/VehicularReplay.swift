import LabCore

/// The result of playing a trace's decisions slot by slot (`lab vehicular replay`).
public struct VehicularReplay: Sendable, Hashable {
    /// One record per slot.
    public var slots: [VehicularEpisode.Record]

    /// Creates a result from records.
    public init(slots: [VehicularEpisode.Record]) { self.slots = slots }

    /// Mean of `T_i(t)` over vehicles and slots (0 for an empty episode).
    public var meanCompletion: Double { mean(slots.flatMap(\.completion)) }

    /// Mean of `Q_i(t+1)` over vehicles and slots (0 for an empty episode).
    public var meanQueue: Double { mean(slots.flatMap(\.queueAfter)) }

    /// Per slot, the mean of `Q_i(t+1)` over vehicles.
    public var meanQueueSeries: [Double] { slots.map { mean($0.queueAfter) } }

    /// Per slot, the mean of `T_i(t)` over vehicles.
    public var meanCompletionSeries: [Double] { slots.map { mean($0.completion) } }

    private func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

    /// The `vec-replay/1` JSON object: `slots` (per slot `rate_bps`, `edge_gflops`,
    /// `completion_s`, `queue_after`, `objective`), `mean_completion_s`, `mean_queue`.
    public var json: JSONValue {
        func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { JSONValue.finite($0) }) }
        return .object([
            ("format", .string(VehicularModule.replayFormat)),
            ("slots", .array(slots.map { r in
                .object([
                    ("rate_bps", numbers(r.rate)), ("edge_gflops", numbers(r.rsuGFLOPS)), ("completion_s", numbers(r.completion)),
                    ("queue_after", numbers(r.queueAfter)), ("objective", .finite(r.objective)),
                ])
            })),
            ("mean_completion_s", .finite(meanCompletion)),
            ("mean_queue", .finite(meanQueue)),
        ])
    }
}

extension VehicularTrace {
    /// Plays the trace's decisions in order (see ``VehicularEpisode``).
    ///
    /// The trace must be valid (``validate(file:)``; decoding validates). V2V flags depend on
    /// the queues reached, so they are checked here: a flag set for a vehicle without a neighbour
    /// is an `.invalidInput` error naming the slot and vehicle.
    public func replay(file: String = "trace") throws -> VehicularReplay {
        var episode = VehicularEpisode(self)
        var records: [VehicularEpisode.Record] = []
        records.reserveCapacity(slots.count)
        for t in slots.indices {
            if let flags = slots[t].v2v, flags.contains(true) {
                let slot = episode.problem(positions: slots[t].positions)
                if let i = flags.indices.first(where: { flags[$0] && slot.entries[$0].neighbour == nil }) {
                    throw LabError(.invalidInput, "\(file): field slots[\(t)].v2v[\(i)]: slot \(t), vehicle \(i) has no V2V neighbour (none within \(JSONValue.format(VehicularSlot.v2vRange)) m with an empty queue); set it to false.")
                }
            }
            records.append(episode.step(decision(t), arrivals: slots[t].arrivals, positions: slots[t].positions))
        }
        return VehicularReplay(slots: records)
    }
}
