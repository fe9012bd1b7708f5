/// A method's per-instance costs against a reference's (the rows of `laenet.evaluate`).
///
/// Instances the reference proves infeasible (no reference cost) are left out; a method that
/// found nothing on a feasible instance gets cost and ratio +inf and is not accurate.
public struct CostRatioEvaluation: Sendable, Hashable {
    /// A method counts as accurate on an instance when its cost ratio is below this (GADSG §V).
    public static let accuracyThreshold = 1.1

    /// Instance indices (into the dataset) that have a reference cost.
    public var instance: [Int] = []
    /// The method's cost (+inf when it found nothing).
    public var cost: [Double] = []
    /// The reference cost.
    public var reference: [Double] = []
    /// cost / reference.
    public var ratio: [Double] = []
    /// ratio < ``accuracyThreshold``.
    public var accurate: [Bool] = []
    /// Whether the reference is a proven optimum.
    public var certified: [Bool] = []

    /// Compares `costs` (nil: nothing found) with `references` instance by instance.
    public init(costs: [Double?], references: [(cost: Double?, certified: Bool)]) {
        for (i, (c, r)) in zip(costs, references).enumerated() {
            guard let optimum = r.cost else { continue }
            let value = c ?? .infinity
            instance.append(i)
            cost.append(value)
            reference.append(optimum)
            ratio.append(value / optimum)
            accurate.append(value / optimum < Self.accuracyThreshold)
            certified.append(r.certified)
        }
    }
}
