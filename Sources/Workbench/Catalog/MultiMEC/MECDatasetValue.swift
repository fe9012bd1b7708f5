import LabCore
import MultiMEC
import Notebook

/// The offline multi-environment dataset as a notebook value (`multimec.collect`), stored with the
/// `mec-dataset/1` codec (`MECOfflineDataset.encoded()`).
///
/// Members: `environments` (list of multimec.environment values, in label order), `episodes`,
/// `steps`, `observation_size`, `action_size` and `prompts`, the prompt pools as a table
/// (environment, prompt, episode, run_index, length, return). `lab cache export KEY:OUTPUT -o
/// data.npz` writes `MECOfflineDataset.npz()` for Python (docs/multimec.md lists the arrays).
public struct MECDatasetValue: LibraryValue, NPZExportable {
    public static let typeName = "multimec.dataset"
    public static let codecVersion = 1

    /// The dataset.
    public let dataset: MECOfflineDataset

    /// Wraps a dataset.
    public init(_ dataset: MECOfflineDataset) { self.dataset = dataset }

    public func encoded() -> [UInt8] { dataset.encoded() }

    public static func decode(_ bytes: [UInt8]) throws -> MECDatasetValue { MECDatasetValue(try MECOfflineDataset.decode(bytes)) }

    public func npzBytes() throws -> [UInt8] { try dataset.npz().encoded() }

    public var summary: String {
        "multimec.dataset: \(dataset.episodes.count) episodes (\(dataset.steps) steps) of \(dataset.environments.count) environments, prompt pools of \(dataset.promptPools.map(\.count).max() ?? 0)"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "environments": return .list(dataset.environments.map { .library(MECEnvironmentValue($0)) })
        case "episodes": return .int(dataset.episodes.count)
        case "steps": return .int(dataset.steps)
        case "observation_size": return .int(dataset.observationSize)
        case "action_size": return .int(dataset.actionSize)
        case "prompts": return (try? promptTable()).map(Value.table)
        default: return nil
        }
    }

    /// The prompt pools, one row per prompt episode.
    func promptTable() throws -> Table {
        let rows = dataset.promptPools.enumerated().flatMap { e, pool in pool.enumerated().map { (e, $0.offset, $0.element) } }
        let episodes = rows.map { dataset.episodes[$0.2] }
        return try tableOperation { () throws(TableError) in
            try Table([.init("environment", .strings(rows.map { dataset.environments[$0.0].description })),
                       .init("prompt", .numbers(rows.map { Double($0.1) })), .init("episode", .numbers(rows.map { Double($0.2) })),
                       .init("run_index", .numbers(episodes.map { Double($0.runIndex) })),
                       .init("length", .numbers(episodes.map { Double($0.length) })), .init("return", .numbers(episodes.map(\.episodeReturn)))])
        }
    }
}

extension MECDatasetValue: ArgumentValue {}
