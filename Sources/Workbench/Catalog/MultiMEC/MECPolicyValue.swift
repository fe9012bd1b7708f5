import LabCore
import MultiMEC
import Notebook

/// A notebook value that can act in MEC environments: what `multimec.evaluate` accepts besides a
/// heuristic's name.
///
/// A heuristic (``MECHeuristicValue``) conforms, and so can a learned policy: a trained model's
/// library value conforms by saying which ``MECPolicy`` plays an environment, and
/// `multimec.evaluate` then evaluates it exactly like the heuristics (same paired episodes, same
/// columns). A conforming type is registered with the catalog like any library value type.
public protocol MECPolicyValue: LibraryValue {
    /// The name in the `policy` column of evaluation tables.
    var policyName: String { get }
    /// A fresh policy for playing `environment`; `seed` feeds whatever randomness it has (the
    /// same seed gives the same actions). Throws `.invalidInput` when it cannot play the
    /// environment (e.g. a model trained for another number of UEs).
    func policy(for environment: MECEnvironment, seed: UInt64) throws -> any MECPolicy
}

/// The non-learning policies of docs/multimec.md by name.
public enum MECHeuristic: String, CaseIterable, Sendable, ArgumentValue {
    /// Every UE computes locally.
    case allLocal = "all-local"
    /// Every UE offloads on a uniformly random channel.
    case allOffload = "all-offload"
    /// Each UE offloads with probability ½ on a random channel.
    case randomHalf = "random-50/50"
    /// The k largest tasks on distinct channels (channel i mod 5 for the i-th largest), the rest local.
    case topK = "top-k"

    /// The policy, with k for ``topK`` and the random stream `multimec.policy` of `seed` for the random ones.
    public func policy(k: Int, seed: UInt64) -> any MECPolicy {
        let random = RandomSource(seed: seed, stream: "multimec.policy")
        switch self {
        case .allLocal: return MECAllLocal()
        case .allOffload: return MECAllOffload(random: random)
        case .randomHalf: return MECRandomHalf(random: random)
        case .topK: return MECLargestTasks(count: k)
        }
    }
}

/// A heuristic with its k as a notebook value (`multimec.heuristic`), stored as `name` or `top-k k`.
public struct MECHeuristicValue: MECPolicyValue, Hashable {
    public static let typeName = "multimec.heuristic"
    public static let codecVersion = 1

    /// Which heuristic.
    public var heuristic: MECHeuristic
    /// Tasks offloaded by `top-k` (0 for the others).
    public var k: Int

    /// Creates a heuristic value; k is kept only for `top-k`.
    public init(_ heuristic: MECHeuristic, k: Int = 0) {
        self.heuristic = heuristic
        self.k = heuristic == .topK ? max(k, 0) : 0
    }

    public func encoded() -> [UInt8] { Array((heuristic == .topK ? "top-k \(k)" : heuristic.rawValue).utf8) }

    public static func decode(_ bytes: [UInt8]) throws -> MECHeuristicValue {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: " ")
        if parts.count == 2, parts[0] == "top-k", let k = Int(parts[1]), k >= 0 { return MECHeuristicValue(.topK, k: k) }
        guard parts.count == 1, let h = MECHeuristic(rawValue: text), h != .topK else {
            throw LabError(.corrupt, "stored multimec.heuristic is not a heuristic name: '\(text.prefix(40))'")
        }
        return MECHeuristicValue(h)
    }

    public var policyName: String { heuristic.policy(k: k, seed: 0).name }

    public func policy(for environment: MECEnvironment, seed: UInt64) throws -> any MECPolicy { heuristic.policy(k: k, seed: seed) }

    public var summary: String { "multimec.heuristic \(policyName)" }

    public func member(_ name: String) -> Value? {
        switch name {
        case "name": .string(policyName)
        case "k": .int(k)
        default: nil
        }
    }
}
