import LabCore

/// Per-dimension min–max scaling to [−1, 1] of observations and actions ("safe limits").
///
/// `x̃ = 2·(x − min)/(max − min) − 1` per dimension, with minima and maxima over every step of
/// every training episode. A constant dimension has its own range widened by ±1 (the repository
/// widens every dimension's range when any one is constant, which squeezes all the others; see
/// docs/multimec.md), so it maps to 0.
public struct PlannerNormalizer: Sendable, Hashable {
    /// Observation minima and maxima.
    public var observationLow: [Float], observationHigh: [Float]
    /// Action minima and maxima.
    public var actionLow: [Float], actionHigh: [Float]

    /// Fits the limits on `episodes` (at least one, with consistent sizes).
    public init(fitting episodes: [PlannerEpisode], observationSize: Int, actionSize: Int) {
        func limits(_ rows: [[Float]], _ n: Int) -> ([Float], [Float]) {
            var low = [Float](repeating: .infinity, count: n), high = [Float](repeating: -.infinity, count: n)
            for flat in rows {
                for (i, v) in flat.enumerated() {
                    low[i % n] = min(low[i % n], v)
                    high[i % n] = max(high[i % n], v)
                }
            }
            for i in 0..<n {
                if !low[i].isFinite || !high[i].isFinite { (low[i], high[i]) = (-1, 1) }
                if low[i] == high[i] { (low[i], high[i]) = (low[i] - 1, high[i] + 1) }
            }
            return (low, high)
        }
        (observationLow, observationHigh) = limits(episodes.map(\.observations), observationSize)
        (actionLow, actionHigh) = limits(episodes.map(\.actions), actionSize)
    }

    /// Scales one observation (or a row-major block of them) into `out`.
    public func normalizeObservation(_ x: ArraySlice<Float>, into out: inout [Float]) {
        Self.scale(x, observationLow, observationHigh, &out)
    }

    /// Scales one action (or a row-major block of them) into `out`.
    public func normalizeAction(_ x: ArraySlice<Float>, into out: inout [Float]) {
        Self.scale(x, actionLow, actionHigh, &out)
    }

    /// Maps normalised actions back to raw units.
    public func denormalizeAction(_ x: ArraySlice<Float>) -> [Float] {
        let n = actionLow.count
        return x.enumerated().map { i, v in (v + 1) / 2 * (actionHigh[i % n] - actionLow[i % n]) + actionLow[i % n] }
    }

    static func scale(_ x: ArraySlice<Float>, _ low: [Float], _ high: [Float], _ out: inout [Float]) {
        let n = low.count
        out.removeAll(keepingCapacity: true)
        for (i, v) in x.enumerated() { out.append(2 * (v - low[i % n]) / (high[i % n] - low[i % n]) - 1) }
    }
}
