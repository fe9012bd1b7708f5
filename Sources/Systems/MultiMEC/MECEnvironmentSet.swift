/// A named list of MEC environments: the CPU-scale reproduction's train / in-distribution /
/// unseen sets, the calibration rows, and the repository's own two tables.
///
/// The scaled sets (docs/multimec.md, "Environment sets"):
/// - ``train``: 8 of the repository's 15 training environments, spanning B ∈ [3, 10] MHz,
///   F ∈ [2, 10] GHz, S̄ ∈ [100, 1000] kb;
/// - ``inDistribution``: 5 of those 8, evaluated with the data the learners were trained on;
/// - ``unseen``: 3 environments inside the training box (interpolation) and one outside it
///   (extrapolation), none of them trained on.
///
/// ``regime(of:)`` classifies any environment against ``train``.
public enum MECEnvironmentSet: String, CaseIterable, Sendable {
    /// The 8 training environments of the scaled reproduction.
    case train
    /// The 5 training environments used for in-distribution evaluation.
    case inDistribution = "in_distribution"
    /// 4 environments outside the training set: 3 interpolations, 1 extrapolation.
    case unseen
    /// The 9 environments of the calibration table (docs/multimec.md, "Calibration").
    case calibration
    /// The repository's 15 training environments (``MECEnvironment/trainingTable(users:)``).
    case repositoryTrain = "repository_train"
    /// The repository's 8 test environments (``MECEnvironment/testTable(users:)``).
    case repositoryTest = "repository_test"

    /// The set's environments with `users` UEs (clamped to 1…``MECConstants/maximumUsers``), in a fixed order.
    public func environments(users: Int = MECConstants.defaultUsers) -> [MECEnvironment] {
        switch self {
        case .train: Self.table([(6, 5, 500), (3, 2, 100), (3, 10, 1000), (10, 2, 100), (10, 10, 1000), (8, 4, 800), (4, 6, 300), (9, 4, 400)], users)
        case .inDistribution: Self.table([(6, 5, 500), (3, 10, 1000), (10, 2, 100), (8, 4, 800), (4, 6, 300)], users)
        case .unseen: Self.table([(5, 6, 600), (6, 8, 400), (8, 10, 700), (11, 12, 1100)], users)
        case .calibration: Self.table([(6, 5, 500), (3, 2, 1000), (10, 10, 100), (10, 10, 1000), (8, 4, 800), (4, 6, 300), (9, 4, 400),
                                       (5, 6, 600), (11, 12, 1100)], users)
        case .repositoryTrain: MECEnvironment.trainingTable(users: users)
        case .repositoryTest: MECEnvironment.testTable(users: users)
        }
    }

    /// Where an environment lies relative to ``train``: `training` when it is one of the 8
    /// (compared on B, F, S̄), `interpolation` when each of B, F, S̄ lies within the training
    /// set's range of that coordinate, `extrapolation` otherwise.
    public static func regime(of environment: MECEnvironment) -> String {
        let train = MECEnvironmentSet.train.environments()
        func key(_ e: MECEnvironment) -> [Double] { [e.bandwidthMHz, e.edgeGHz, e.meanTaskKb] }
        if train.contains(where: { key($0) == key(environment) }) { return "training" }
        let inside = (0..<3).allSatisfy { i in
            let values = train.map { key($0)[i] }
            guard let low = values.min(), let high = values.max() else { return false }
            return (low...high).contains(key(environment)[i])
        }
        return inside ? "interpolation" : "extrapolation"
    }

    private static func table(_ rows: [(Double, Double, Double)], _ users: Int) -> [MECEnvironment] {
        let users = min(max(users, 1), MECConstants.maximumUsers)
        // Every row lies inside the documented ranges, so construction cannot fail.
        return rows.compactMap { try? MECEnvironment(bandwidthMHz: $0.0, edgeGHz: $0.1, meanTaskKb: $0.2, users: users) }
    }
}
