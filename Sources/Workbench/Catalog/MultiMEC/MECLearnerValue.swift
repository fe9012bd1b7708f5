import Foundation
import LabCore
import Learning
import MultiMEC
import Notebook

/// A multi-environment learning baseline trained on the MEC environments as a notebook value
/// (`multimec.sacloader`, `multimec.mtloader`, `multimec.moeloader`, `multimec.metaloader`).
///
/// It is a policy value for `multimec.evaluate`: SACLoader and MTLoader act with the tanh of the
/// mean action (``MECSACPolicy``), MoELoader with its gate's most likely expert
/// (``MECMoEPolicy``), MetaLoader adapts with one episode of each environment it meets, seeded
/// from its training seed, and then acts with the adapted mean (``MECMetaPolicy``). Members:
/// `kind`, `name`, `environments`, `environment_steps` (steps played in training) and the
/// training curves as series (`return`, `cost`, `length` per episode; MetaLoader's
/// `cost_before`, `cost_after` per meta-iteration).
///
/// Encoding: a JSON header line (sorted keys), the UInt64 little-endian length of the policy's
/// `params/1` bytes, those bytes.
public struct MECLearnerValue: LibraryValue, MECPolicyValue {
    public static let typeName = "multimec.learner"
    public static let codecVersion = 1

    /// Which learner.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// One SAC policy for every environment, without environment information.
        case sacloader
        /// SAC with a task encoding appended to the observation.
        case mtloader
        /// PMOE-SAC with descriptor gating.
        case moeloader
        /// First-order MAML with REINFORCE.
        case metaloader
    }

    /// Everything but the parameters.
    public struct Header: Sendable, Hashable, Codable {
        /// Which learner.
        public var kind: Kind
        /// The name in evaluation tables.
        public var name: String
        /// The training environments, in order.
        public var environments: [MECEnvironment]
        /// SACLoader's and MTLoader's settings.
        public var sac: MECSACConfiguration?
        /// MoELoader's settings.
        public var moe: MECMoEConfiguration?
        /// MetaLoader's settings.
        public var meta: MECMetaConfiguration?
        /// MetaLoader's linear baseline coefficients.
        public var baseline: [Double]?
        /// Environment steps played in training.
        public var environmentSteps: Int
        /// Training curves by metric name.
        public var curves: [String: Series]
    }

    /// The settings, environments and curves.
    public let header: Header
    /// The policy network's parameters.
    public let parameters: ParameterSet

    /// Wraps a trained learner.
    public init(header: Header, parameters: ParameterSet) { (self.header, self.parameters) = (header, parameters) }

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let params = parameters.encoded()
        var out = ((try? e.encode(header)).map(Array.init) ?? []) + [10]
        withUnsafeBytes(of: UInt64(params.count).littleEndian) { out += $0 }
        return out + params
    }

    public static func decode(_ bytes: [UInt8]) throws -> MECLearnerValue {
        func corrupt(_ why: String) -> LabError { LabError(.corrupt, "stored multimec.learner: \(why); run `lab cache verify --repair` and run the cell again") }
        guard let newline = bytes.firstIndex(of: 10), bytes.count >= newline + 9 else { throw corrupt("no header") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])) } catch { throw corrupt("the header does not decode (\(error))") }
        let length = bytes[(newline + 1)..<(newline + 9)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length == UInt64(bytes.count - newline - 9) else { throw corrupt("the parameters have the wrong length") }
        guard !header.environments.isEmpty else { throw corrupt("no environments") }
        return MECLearnerValue(header: header, parameters: try ParameterSet.decode(Array(bytes[(newline + 9)...])))
    }

    public var policyName: String { header.name }

    /// The evaluation policy; refuses an environment with another UE count than training's.
    public func policy(for environment: MECEnvironment, seed: UInt64) throws -> any MECPolicy {
        let first = header.environments[0]
        guard environment.users == first.users else {
            throw LabError(.invalidInput, "\(header.name) was trained with \(first.users) UEs and cannot play \(environment) with \(environment.users); train it with ues: \(environment.users)")
        }
        var rng = RandomSource(seed: 0)
        func missing(_ what: String) -> LabError { LabError(.corrupt, "stored multimec.learner \(header.kind.rawValue) has no \(what); recompute it") }
        switch header.kind {
        case .sacloader, .mtloader:
            guard let c = header.sac else { throw missing("SAC settings") }
            let actor = SACActor(observationSize: first.observationSize + c.encoding.width(environments: header.environments.count),
                                 actionSize: first.actionSize, configuration: c.sac, using: &rng)
            try actor.load(parameters)
            return MECSACPolicy(actor: actor, encoding: c.encoding, environments: header.environments, name: header.name)
        case .moeloader:
            guard let c = header.moe else { throw missing("MoE settings") }
            let actor = PMOEActor(observationSize: first.observationSize, descriptorSize: first.descriptor.count, actionSize: first.actionSize,
                                  experts: c.mixture.experts, configuration: c.base.sac, using: &rng)
            try actor.load(parameters)
            return MECMoEPolicy(actor: actor, name: header.name)
        case .metaloader:
            guard let c = header.meta, let coefficients = header.baseline else { throw missing("MetaLoader settings") }
            let policy = GaussianMLPPolicy(observationSize: first.observationSize, actionSize: first.actionSize, hiddenSizes: c.hiddenSizes,
                                           initialStd: c.initialStd, using: &rng)
            try policy.load(parameters)
            var baseline = LinearFeatureBaseline(observationSize: first.observationSize)
            guard coefficients.count == baseline.coefficients.count else { throw missing("baseline of the right size") }
            baseline.coefficients = coefficients
            return MECMetaPolicy(policy: policy, baseline: baseline, configuration: c, adaptationSeed: c.seed, name: header.name)
        }
    }

    public var summary: String {
        "multimec.learner \(header.name) (\(header.kind.rawValue)) on \(header.environments.count) environments, \(header.environmentSteps) environment steps"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(header.kind.rawValue)
        case "name": return .string(header.name)
        case "environments": return .list(header.environments.map { .library(MECEnvironmentValue($0)) })
        case "environment_steps": return .int(header.environmentSteps)
        default: return header.curves[name].map(Value.series)
        }
    }
}

extension MECLearnerValue: ArgumentValue {}
