import Foundation
import LabCore
import MultiMEC
import Notebook

/// One MEC environment (B, F, S̄, U) as a notebook value (`multimec.environment`).
///
/// Stored as a one-line JSON object `{"bandwidth_mhz": B, "edge_ghz": F, "mean_task_kb": S, "ues": U}`
/// with shortest round-trip numbers, so equal environments give equal bytes. Cells read its parts
/// as members: `env.bandwidth_mhz`, `env.edge_ghz`, `env.mean_task_kb`, `env.ues`, `env.label`
/// (`(B,F,S̄)`, with `×U` when U ≠ 20) and `env.regime` (`training`, `interpolation` or
/// `extrapolation` against the scaled training set).
public struct MECEnvironmentValue: LibraryValue, Hashable {
    public static let typeName = "multimec.environment"
    public static let codecVersion = 1

    /// The environment.
    public var environment: MECEnvironment

    /// Wraps an environment.
    public init(_ environment: MECEnvironment) { self.environment = environment }

    public func encoded() -> [UInt8] {
        let e = environment
        let json = JSONValue.object([("bandwidth_mhz", .number(e.bandwidthMHz)), ("edge_ghz", .number(e.edgeGHz)),
                                     ("mean_task_kb", .number(e.meanTaskKb)), ("ues", .number(Double(e.users)))])
        return Array(json.serialized().utf8)
    }

    public static func decode(_ bytes: [UInt8]) throws -> MECEnvironmentValue {
        let fields = JSONFields(file: "stored multimec.environment")
        let json = try fields.parse(String(decoding: bytes, as: UTF8.self))
        func number(_ key: String) throws -> Double { try fields.number(try fields.member(json, key, path: ""), key) }
        let users = try fields.integer(try fields.member(json, "ues", path: ""), "ues", in: 1..<(MECConstants.maximumUsers + 1))
        do {
            return MECEnvironmentValue(try MECEnvironment(bandwidthMHz: try number("bandwidth_mhz"), edgeGHz: try number("edge_ghz"),
                                                          meanTaskKb: try number("mean_task_kb"), users: users))
        } catch let error as LabError where error.code == .invalidInput {
            throw LabError(.corrupt, "stored multimec.environment: \(error.message)")
        }
    }

    public var summary: String { "multimec.environment \(environment) with \(environment.users) UEs" }

    public func member(_ name: String) -> Value? {
        switch name {
        case "bandwidth_mhz": .number(environment.bandwidthMHz)
        case "edge_ghz": .number(environment.edgeGHz)
        case "mean_task_kb": .number(environment.meanTaskKb)
        case "ues": .int(environment.users)
        case "label": .string(environment.description)
        case "regime": .string(MECEnvironmentSet.regime(of: environment))
        default: nil
        }
    }
}
