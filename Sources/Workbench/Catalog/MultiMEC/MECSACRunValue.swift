import Foundation
import LabCore
import Learning
import MultiMEC
import Notebook

/// One environment's SAC data-collection run as a notebook value (`multimec.sac`): the settings,
/// the trained policy network and every exploration episode.
///
/// It is a policy value, so `multimec.evaluate(run, …)` evaluates the learned deterministic policy
/// (tanh of the mean action, `MECSACPolicy`) on the heuristics' paired episodes, and
/// `multimec.collect` joins runs into the offline dataset. Members: `environment`, `label`,
/// `episodes`, and per episode of the run the series `return`, `cost` and `length`.
///
/// Encoding: a JSON header line `{"configuration": …, "environment": …}` (sorted keys), then the
/// UInt64 little-endian length of the actor's `params/1` bytes, those bytes, and the run's
/// episodes as a one-environment `mec-dataset/1` blob.
public struct MECSACRunValue: LibraryValue, MECPolicyValue {
    public static let typeName = "multimec.sac"
    public static let codecVersion = 1

    /// What the header line holds.
    struct Header: Codable {
        var configuration: MECSACConfiguration
        var environment: MECEnvironment
    }

    /// The environment the run collected in.
    public let environment: MECEnvironment
    /// The settings of the run.
    public let configuration: MECSACConfiguration
    /// The trained policy network's parameters.
    public let actor: ParameterSet
    /// Every exploration episode of the run, in run order (one environment, no prompt pool).
    public let data: MECOfflineDataset

    /// Wraps a finished run.
    public init(environment: MECEnvironment, configuration: MECSACConfiguration, actor: ParameterSet, data: MECOfflineDataset) {
        (self.environment, self.configuration, self.actor, self.data) = (environment, configuration, actor, data)
    }

    /// The value of a finished trainer on one environment.
    public init(_ trainer: MECSACTrainer) throws {
        guard trainer.environments.count == 1, let environment = trainer.environments.first else {
            throw LabError(.invalidInput, "a multimec.sac value holds a run on one environment (the trainer has \(trainer.environments.count))")
        }
        self.init(environment: environment, configuration: trainer.configuration, actor: ParameterSet(of: trainer.agent.actor),
                  data: try MECOfflineDataset(environment: environment, log: trainer.log))
    }

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let header = (try? e.encode(Header(configuration: configuration, environment: environment))).map(Array.init) ?? []
        let params = actor.encoded()
        var out = header + [10]
        withUnsafeBytes(of: UInt64(params.count).littleEndian) { out += $0 }
        return out + params + data.encoded()
    }

    public static func decode(_ bytes: [UInt8]) throws -> MECSACRunValue {
        func corrupt(_ why: String) -> LabError { LabError(.corrupt, "stored multimec.sac: \(why); run `lab cache verify --repair` and run the cell again") }
        guard let newline = bytes.firstIndex(of: 10), bytes.count >= newline + 9 else { throw corrupt("no header") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])) } catch { throw corrupt("the header does not decode (\(error))") }
        let length = bytes[(newline + 1)..<(newline + 9)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let start = newline + 9
        guard length <= UInt64(bytes.count - start) else { throw corrupt("the parameters run past the end") }
        let end = start + Int(length)
        let actor = try ParameterSet.decode(Array(bytes[start..<end]))
        let data = try MECOfflineDataset.decode(Array(bytes[end...]))
        guard data.environments == [header.environment] else { throw corrupt("its episodes belong to another environment") }
        return MECSACRunValue(environment: header.environment, configuration: header.configuration, actor: actor, data: data)
    }

    public var summary: String {
        "multimec.sac on \(environment) (\(data.episodes.count) episodes, hidden \(configuration.sac.hiddenSizes.map(String.init).joined(separator: "×")), batch \(configuration.sac.batchSize), \(configuration.updatesPerEpisode) updates/episode)"
    }

    public func member(_ name: String) -> Value? {
        let episodes = data.episodes
        func series(_ values: [Double]) -> Value { .series(Series(name: name, steps: episodes.map(\.runIndex), values: values)) }
        switch name {
        case "environment": return .library(MECEnvironmentValue(environment))
        case "label": return .string(environment.description)
        case "episodes": return .int(episodes.count)
        case "return": return series(episodes.map(\.episodeReturn))
        case "cost": return series(episodes.map(\.meanCost))
        case "length": return series(episodes.map { Double($0.length) })
        default: return nil
        }
    }

    public var policyName: String { "SAC" }

    /// The deterministic policy; refuses an environment with another number of UEs than the run's.
    public func policy(for environment: MECEnvironment, seed: UInt64) throws -> any MECPolicy {
        guard environment.users == self.environment.users else {
            throw LabError(.invalidInput, "this SAC policy was trained with \(self.environment.users) UEs and cannot play \(environment) with \(environment.users); train one with ues: \(environment.users)")
        }
        var rng = RandomSource(seed: 0)
        let network = SACActor(observationSize: self.environment.observationSize + configuration.encoding.width(environments: 1),
                               actionSize: self.environment.actionSize, configuration: configuration.sac, using: &rng)
        try network.load(actor)
        return MECSACPolicy(actor: network, encoding: configuration.encoding, environments: [self.environment], name: policyName)
    }
}

extension MECSACRunValue: ArgumentValue {}
