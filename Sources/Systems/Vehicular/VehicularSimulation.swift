import LabCore

/// The result of running one method on a scenario for several episodes.
public struct VehicularRun: Sendable, Hashable {
    /// The method.
    public var method: VehicularMethod
    /// One replay per episode.
    public var episodes: [VehicularReplay]

    /// Mean completion time over episodes, vehicles and slots.
    public var meanCompletion: Double { average(episodes.map(\.meanCompletion)) }
    /// Mean queue (after each slot) over episodes, vehicles and slots.
    public var meanQueue: Double { average(episodes.map(\.meanQueue)) }
    /// Population standard deviation of the episodes' mean completion times.
    public var completionSpread: Double { spread(episodes.map(\.meanCompletion)) }
    /// Population standard deviation of the episodes' mean queues.
    public var queueSpread: Double { spread(episodes.map(\.meanQueue)) }
    /// Per slot, the mean queue over vehicles and episodes.
    public var meanQueueSeries: [Double] { seriesMean(episodes.map(\.meanQueueSeries)) }
    /// Per slot, the mean completion time over vehicles and episodes.
    public var meanCompletionSeries: [Double] { seriesMean(episodes.map(\.meanCompletionSeries)) }

    private func average(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
    private func spread(_ xs: [Double]) -> Double {
        let m = average(xs)
        return average(xs.map { ($0 - m) * ($0 - m) }).squareRoot()
    }
    private func seriesMean(_ series: [[Double]]) -> [Double] {
        guard let length = series.map(\.count).min() else { return [] }
        return (0..<length).map { t in average(series.map { $0[t] }) }
    }
}

extension VehicularScenario {
    /// The seed of episode `e` of a simulation seeded by `seed` (shared by every method, so that
    /// comparisons are paired).
    public static func episodeSeed(_ seed: UInt64, episode e: Int) -> UInt64 {
        var random = RandomSource(seed: seed, stream: "vehicular.episode.\(e)")
        return random.next()
    }

    /// Runs `method` on `episodes` episodes: episode `e` is ``trace(seed:)`` at
    /// ``episodeSeed(_:episode:)``, solved by `method` (genetic draws seeded by the same seed)
    /// and replayed with the exact allocation.
    public func simulate(method: VehicularMethod, episodes: Int, seed: UInt64) throws -> VehicularRun {
        guard (1...10_000).contains(episodes) else { throw LabError(.invalidInput, "episodes must be in 1...10000 (got \(episodes)).") }
        let replays = try (0..<episodes).map { e in
            let s = Self.episodeSeed(seed, episode: e)
            return try trace(seed: s).solved(method: method, seed: s).replay()
        }
        return VehicularRun(method: method, episodes: replays)
    }

    /// A scenario setting swept by ``sweep(_:values:methods:episodes:seed:)``.
    public enum Setting: String, Sendable, Hashable, CaseIterable {
        /// `M`, the number of vehicles.
        case vehicles
        /// `λ`, arrivals per vehicle per second.
        case arrivalRate
        /// `F`, the RSU's GFLOP/s.
        case rsuGFLOPS
        /// `V`, the Lyapunov trade-off.
        case lyapunovV
    }

    /// This scenario with one setting changed (`vehicles` takes the value rounded down).
    public func with(_ setting: Setting, _ value: Double) -> VehicularScenario {
        var s = self
        switch setting {
        case .vehicles: s.vehicles = value.isFinite ? Int(max(min(value, Double(Int32.max)), Double(Int32.min))) : 0
        case .arrivalRate: s.arrivalRate = value
        case .rsuGFLOPS: s.parameters.rsuGFLOPS = value
        case .lyapunovV: s.parameters.lyapunovV = value
        }
        return s
    }

    /// Runs every method at every value of `setting`: one row per (value, method), values outer.
    public func sweep(_ setting: Setting, values: [Double], methods: [VehicularMethod], episodes: Int, seed: UInt64) throws -> [(value: Double, run: VehicularRun)] {
        var rows: [(value: Double, run: VehicularRun)] = []
        for value in values {
            let scenario = with(setting, value)
            for m in methods { rows.append((value, try scenario.simulate(method: m, episodes: episodes, seed: seed))) }
        }
        return rows
    }
}
