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

    /// Fits the limits on `episodes` (at least one, with consistent sizes), as
    /// ``MECMinMaxNormalizer`` fits the offline dataset's.
    public init(fitting episodes: [PlannerEpisode], observationSize: Int, actionSize: Int) {
        self.init(observations: MECMinMaxNormalizer(values: episodes.flatMap(\.observations), width: observationSize),
                  actions: MECMinMaxNormalizer(values: episodes.flatMap(\.actions), width: actionSize))
    }

    /// The limits of an offline dataset's observation and action normalisers.
    public init(observations: MECMinMaxNormalizer, actions: MECMinMaxNormalizer) {
        (observationLow, observationHigh) = (observations.minimums, observations.maximums)
        (actionLow, actionHigh) = (actions.minimums, actions.maximums)
    }

    /// Wraps stored limits (as a trained planner's value keeps them); the caller checks the sizes.
    public init(observationLow: [Float], observationHigh: [Float], actionLow: [Float], actionHigh: [Float]) {
        (self.observationLow, self.observationHigh, self.actionLow, self.actionHigh) = (observationLow, observationHigh, actionLow, actionHigh)
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
