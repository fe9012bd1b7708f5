import Foundation
import LabCore
import Notebook
import Vehicular

/// A trained MAD2RL or P-QMIX policy as a notebook value (`vehicular.model`): the policy in its
/// `vec-policy/1` encoding plus the training curves.
///
/// Members: `kind` (mad2rl, pqmix), `name` (the label the evaluation tables use, e.g.
/// `mad2rl-k1`), `agents`, `denoising_steps`, `digest` (SHA-256 of the policy's parameters) and
/// every curve the trainer recorded as a series: `episode_return`, `mean_completion`,
/// `mean_queue`, `critic_loss` (and MAD2RL's `actor_loss`) per episode; `eval_return`,
/// `eval_completion`, `eval_queue` at the evaluation episodes. Steps are slots (the training
/// loop's steps); a curve's point at step `s` belongs to episode `s / slots`. `final_<curve>`
/// (e.g. `final_eval_return`) is a curve's last value.
///
/// Encoding: a JSON header line (sorted keys: curves, curve steps, name), then the
/// `vec-policy/1` bytes, as ``TrainedModelRecord`` stores a model and its curves.
public struct VehicularModelValue: LibraryValue, ArgumentValue {
    public static let typeName = "vehicular.model"
    public static let codecVersion = 1

    /// The curves and the table label.
    public struct Header: Codable, Sendable, Hashable {
        /// The label of the policy's rows in evaluation tables.
        public var name: String
        /// Metric values by name, in step order.
        public var curves: [String: [Double]]
        /// The steps of each curve.
        public var curveSteps: [String: [Int]]
    }

    /// The curves and the label.
    public let header: Header
    /// The trained policy.
    public let policy: VehicularLearnedPolicy

    /// Wraps a policy and its curves.
    public init(header: Header, policy: VehicularLearnedPolicy) { (self.header, self.policy) = (header, policy) }

    /// The default label: the kind, then what differs from the brief's design (`-k<K>`,
    /// `-equal`, `-nolyap`).
    static func label(_ kind: VehicularLearnedPolicy.Kind, _ c: MARLConfiguration) -> String {
        var name = kind.rawValue
        if kind == .mad2rl, c.denoisingSteps != MARLConfiguration().denoisingSteps { name += "-k\(c.denoisingSteps)" }
        if c.allocation == .equal { name += "-equal" }
        if !c.lyapunovGuidance { name += "-nolyap" }
        return name
    }

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(header)) ?? Data()) + [10] + policy.encoded()
    }

    public static func decode(_ bytes: [UInt8]) throws -> VehicularModelValue {
        guard let newline = bytes.firstIndex(of: 10) else { throw LabError(.corrupt, "stored \(typeName) has no header; run the training cell again.") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])) } catch {
            throw LabError(.corrupt, "stored \(typeName) header does not decode (\(error)); run the training cell again.")
        }
        return VehicularModelValue(header: header, policy: try VehicularLearnedPolicy.decode(Array(bytes[(newline + 1)...])))
    }

    public var summary: String {
        "\(Self.typeName) (\(header.name): \(policy.kind.rawValue), \(policy.agents) agents, K = \(policy.configuration.denoisingSteps), \(policy.parameters.tensors.values.map(\.count).reduce(0, +)) parameters)"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(policy.kind.rawValue)
        case "name": return .string(header.name)
        case "agents": return .int(policy.agents)
        case "denoising_steps": return .int(policy.configuration.denoisingSteps)
        case "digest": return .string(policy.parameters.digest.hex)
        case _ where name.hasPrefix("final_"):
            return header.curves[String(name.dropFirst(6))]?.last.map { .number($0) }
        default:
            guard let values = header.curves[name], let steps = header.curveSteps[name] else { return nil }
            return .series(Series(name: name, steps: steps, values: values))
        }
    }
}
