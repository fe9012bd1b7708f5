import Foundation
import LabCore
import Learning
import Tensors

/// A trained MAD2RL or P-QMIX policy as a ``VehicularPolicy``: the network that picks the
/// actions (the diffusion actor, or the utility network for P-QMIX), its configuration and its
/// parameters. Decisions are greedy: the most probable allowed partition of each agent under
/// one diffusion chain whose noise comes from the simulation's stream (MAD2RL), or the allowed
/// partition of largest utility (P-QMIX).
///
/// Encoding (codec `vec-policy/1`): `"OLVP"` · UInt16 version (1) · UInt32 length · UTF-8 JSON
/// header `{"agents", "configuration", "kind"}` (sorted keys) · the parameters as `params/1`.
public struct VehicularLearnedPolicy: VehicularPolicy, @unchecked Sendable {
    /// The codec name of encoded policies.
    public static let codec = "vec-policy/1"

    /// Which learner produced the policy.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Diffusion actors with a QMIX critic.
        case mad2rl
        /// Plain QMIX with ε-greedy agents.
        case pqmix
    }

    /// The most agents a learner or policy handles.
    public static let maximumAgents = 64

    /// The learner.
    public let kind: Kind
    /// `M`: the agents it was trained for.
    public let agents: Int
    /// The training configuration (sizes, `K`).
    public let configuration: MARLConfiguration
    /// The acting network's parameters.
    public let parameters: ParameterSet
    // Never mutated after `init`: forward passes only read the parameters (hence @unchecked Sendable).
    private let network: any Module

    /// A policy from saved parameters.
    ///
    /// - Throws: `.invalidInput` when the parameters do not fit the network the configuration describes.
    public init(kind: Kind, agents: Int, configuration: MARLConfiguration, parameters: ParameterSet) throws {
        guard (1...Self.maximumAgents).contains(agents) else {
            throw LabError(.invalidInput, "a policy needs 1...\(Self.maximumAgents) agents (got \(agents)).")
        }
        let c = try configuration.validated()
        var rng = RandomSource(seed: 0)
        switch kind {
        case .mad2rl: network = DiffusionActor(try MAD2RLLearner.actorConfiguration(c, agents: agents), using: &rng)
        case .pqmix: network = MAD2RLLearner.utilityNetwork(c, agents: agents, using: &rng)
        }
        try network.load(parameters)
        (self.kind, self.agents, self.configuration, self.parameters) = (kind, agents, c, parameters)
    }

    public var name: String { kind.rawValue }

    /// Accepts scenarios with ``agents`` vehicles and without V2V.
    public func check(_ scenario: VehicularScenario) throws {
        guard scenario.vehicles == agents, !scenario.v2v else {
            throw LabError(.invalidInput, "this \(kind.rawValue) policy was trained for \(agents) vehicles without V2V; the scenario has \(scenario.vehicles)\(scenario.v2v ? " with V2V" : ""). Train a policy for this scenario.")
        }
    }

    /// The greedy decision for a slot (the observation must have ``agents`` vehicles; a policy
    /// trained for another `M` decides all-local, which ``VehicularTrace/solved(policy:seed:)``
    /// accepts, so callers should check ``agents`` first).
    public func decide(_ observation: VehicularObservation, random: inout RandomSource) -> VehicularSlot.Decision {
        guard observation.vehicles.count == agents else { return observation.slot.allLocal }
        let state = observation.state
        let rows = AgentInputs.rows(states: [state], agents: agents), masks = AgentInputs.masks(states: [state], agents: agents)
        let values: Tensor = Tensor.withoutGrad {
            switch network {
            case let actor as DiffusionActor:
                let noise = DiffusionNoise(rows: agents, actions: VehicularObservation.actionWidth, denoisingSteps: actor.configuration.steps, using: &random)
                return actor.probabilities(rows, mask: masks, noise: noise)
            case let mlp as MLP: return mlp(rows)
            default: return Tensor.zeros([agents, VehicularObservation.actionWidth])
            }
        }
        return VehicularSlot.Decision(partitions: MAD2RLLearner.maskedArgmax(values, masks: masks))
    }

    private struct Header: Codable {
        var agents: Int
        var configuration: MARLConfiguration
        var kind: Kind
    }

    /// The `vec-policy/1` encoding.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(Header(agents: agents, configuration: configuration, kind: kind))).map { [UInt8]($0) } ?? []
        var out = Array("OLVP".utf8) + [1, 0]
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out += $0 }
        return out + json + parameters.encoded()
    }

    /// Decodes a `vec-policy/1` blob.
    ///
    /// - Throws: `.corrupt` when the blob is not one; `.invalidInput` when its parameters do not fit its header.
    public static func decode(_ bytes: [UInt8]) throws -> VehicularLearnedPolicy {
        func corrupt(_ why: String) -> LabError { LabError(.corrupt, "corrupt \(codec) policy: \(why). Retrain the policy or restore it from the store.") }
        guard bytes.count >= 10, bytes.starts(with: Array("OLVP".utf8)) else { throw corrupt("no OLVP header") }
        guard bytes[4] == 1, bytes[5] == 0 else { throw corrupt("unknown version \(Int(bytes[4]) | Int(bytes[5]) << 8)") }
        let length = (6..<10).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 6)) }
        guard length <= bytes.count - 10 else { throw corrupt("header length \(length) exceeds the blob") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[10..<(10 + length)])) } catch { throw corrupt("unreadable header (\(error))") }
        return try VehicularLearnedPolicy(kind: header.kind, agents: header.agents, configuration: header.configuration,
                                          parameters: try ParameterSet.decode(Array(bytes[(10 + length)...])))
    }
}
