import LabCore
import MultiMEC
import Notebook

extension Table {
    /// Evaluations as rows: policy, environment, bandwidth_mhz, edge_ghz, mean_task_kb, ues,
    /// regime, seed, episodes, cost, episode_success, task_success, return, violations,
    /// violating_steps, steps, then the `extra` numeric columns (one value per evaluation each).
    static func mecEvaluations(_ rows: [MECEvaluation], seed: UInt64, extra: [(String, [Double])] = []) throws -> Table {
        let envs = rows.map(\.environment)
        var columns: [Table.Column] = [
            .init("policy", .strings(rows.map(\.policy))), .init("environment", .strings(envs.map(\.description))),
            .init("bandwidth_mhz", .numbers(envs.map(\.bandwidthMHz))), .init("edge_ghz", .numbers(envs.map(\.edgeGHz))),
            .init("mean_task_kb", .numbers(envs.map(\.meanTaskKb))), .init("ues", .numbers(envs.map { Double($0.users) })),
            .init("regime", .strings(envs.map(MECEnvironmentSet.regime(of:)))),
            .init("seed", .numbers(Array(repeating: Double(seed), count: rows.count))),
            .init("episodes", .numbers(rows.map { Double($0.episodes) })),
            .init("cost", .numbers(rows.map(\.meanCost))), .init("episode_success", .numbers(rows.map(\.episodeSuccessFraction))),
            .init("task_success", .numbers(rows.map(\.taskSuccessFraction))), .init("return", .numbers(rows.map(\.meanReturn))),
            .init("violations", .numbers(rows.map(\.meanViolations))), .init("violating_steps", .numbers(rows.map(\.meanViolatingSteps))),
            .init("steps", .numbers(rows.map(\.meanSteps))),
        ]
        columns += extra.map { Table.Column($0.0, .numbers($0.1)) }
        return try tableOperation { () throws(TableError) in try Table(columns) }
    }
}
