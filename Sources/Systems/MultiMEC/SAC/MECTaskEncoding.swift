/// What a multi-environment learner appends to the 8·U observation to tell environments apart.
///
/// - ``none``: nothing (SACLoader: one environment-agnostic policy, and the per-environment
///   data-collection runs).
/// - ``oneHot``: a one-hot of the environment's index in the training list (MTLoader's
///   "with_goal" observation); an environment outside the list gets all zeros.
/// - ``descriptor``: the three numbers `(B/10, F/25, S̄/1000)` scaled by the observation maxima
///   (MTLoader for unseen environments, which have no index).
public enum MECTaskEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// No task information.
    case none
    /// One-hot of the training-list index.
    case oneHot = "one-hot"
    /// `(B/10, F/25, S̄/1000)`.
    case descriptor

    /// Extra numbers appended for a training list of `environments` environments.
    public func width(environments: Int) -> Int {
        switch self {
        case .none: 0
        case .oneHot: environments
        case .descriptor: 3
        }
    }

    /// Writes `observation` followed by the encoding of `environment` (index `index` in a list of
    /// `count`, nil when it is not in the list) into `buffer`.
    public func augment(_ observation: [Float], environment: MECEnvironment, index: Int?, count: Int, into buffer: inout [Float]) {
        buffer.removeAll(keepingCapacity: true)
        buffer += observation
        switch self {
        case .none: break
        case .oneHot:
            for i in 0..<count { buffer.append(i == index ? 1 : 0) }
        case .descriptor:
            buffer.append(Float(environment.bandwidthMHz / MECConstants.bandwidthMHzMax))
            buffer.append(Float(environment.edgeGHz / MECConstants.edgeGHzMax))
            buffer.append(Float(environment.meanTaskKb / MECConstants.taskKbMax))
        }
    }
}
