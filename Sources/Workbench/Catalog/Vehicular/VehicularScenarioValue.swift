import Foundation
import LabCore
import Notebook
import Vehicular

/// A vehicular scenario as a notebook value (`vehicular.scenario`): every setting of
/// docs/vehicular.md §1 that episodes are generated from, stored as one JSON object.
///
/// Members: `vehicles`, `arrival_rate`, `slots`, `rsu_gflops`, `lyapunov_v`, `v2v` and the other
/// parameter names of `vehicular.scenario`.
public struct VehicularScenarioValue: LibraryValue, Hashable {
    public static let typeName = "vehicular.scenario"
    public static let codecVersion = 1

    /// The scenario.
    public var scenario: VehicularScenario

    /// Wraps a scenario (without a mobility trace: notebooks use the synthetic mobility).
    public init(_ scenario: VehicularScenario) { self.scenario = scenario }

    /// The settings in a fixed order, under the parameter names of `vehicular.scenario`.
    var json: JSONValue {
        let s = scenario, p = scenario.parameters
        return .object([
            ("vehicles", .number(Double(s.vehicles))), ("arrival_rate", .number(s.arrivalRate)), ("slots", .number(Double(s.slots))),
            ("rsu_gflops", .number(p.rsuGFLOPS)), ("lyapunov_v", .number(p.lyapunovV)), ("slot_s", .number(p.slotSeconds)),
            ("road_m", .number(p.roadMeters)), ("rsu_x_m", .number(p.rsuX)), ("rsu_offset_m", .number(p.rsuOffset)),
            ("bandwidth_hz", .number(p.bandwidthHz)), ("tx_power_w", .number(p.txPowerW)), ("noise_dbm_per_hz", .number(p.noiseDBmPerHz)),
            ("local_gflops", .array([.number(s.localGFLOPS.lowerBound), .number(s.localGFLOPS.upperBound)])),
            ("speed_mps", .array([.number(s.speed.lowerBound), .number(s.speed.upperBound)])),
            ("models", .array(s.models.map { .string($0.rawValue) })), ("v2v", .bool(s.v2v)),
        ])
    }

    public func encoded() -> [UInt8] { Array(json.serialized().utf8) }

    public static func decode(_ bytes: [UInt8]) throws -> VehicularScenarioValue {
        let f = JSONFields(file: "stored vehicular.scenario")
        let root = try f.parse(String(decoding: bytes, as: UTF8.self))
        func number(_ key: String) throws -> Double { try f.number(try f.member(root, key, path: ""), key) }
        func range(_ key: String) throws -> ClosedRange<Double> {
            let ends = try f.array(try f.member(root, key, path: ""), key, count: 2).map { try f.number($0, key) }
            guard ends[0] <= ends[1] else { throw f.error(key, "must be [low, high] with low ≤ high") }
            return ends[0]...ends[1]
        }
        var s = VehicularScenario()
        s.vehicles = try f.integer(try f.member(root, "vehicles", path: ""), "vehicles", in: 1..<(VehicularScenario.maximumVehicles + 1))
        s.arrivalRate = try number("arrival_rate")
        s.slots = try f.integer(try f.member(root, "slots", path: ""), "slots", in: 0..<(VehicularScenario.maximumSlots + 1))
        s.parameters.rsuGFLOPS = try number("rsu_gflops")
        s.parameters.lyapunovV = try number("lyapunov_v")
        s.parameters.slotSeconds = try number("slot_s")
        s.parameters.roadMeters = try number("road_m")
        s.parameters.rsuX = try number("rsu_x_m")
        s.parameters.rsuOffset = try number("rsu_offset_m")
        s.parameters.bandwidthHz = try number("bandwidth_hz")
        s.parameters.txPowerW = try number("tx_power_w")
        s.parameters.noiseDBmPerHz = try number("noise_dbm_per_hz")
        s.localGFLOPS = try range("local_gflops")
        s.speed = try range("speed_mps")
        s.models = try f.array(try f.member(root, "models", path: ""), "models").enumerated().map { i, m in
            DNNModel(rawValue: try f.string(m, "models[\(i)]", allowed: DNNModel.allCases.map(\.rawValue))) ?? .alexnet
        }
        guard case .bool(let v2v) = try f.member(root, "v2v", path: "") else { throw f.error("v2v", "must be true or false") }
        s.v2v = v2v
        do { try s.validate() } catch let error as LabError { throw LabError(.corrupt, "stored vehicular.scenario: \(error.message)") }
        return VehicularScenarioValue(s)
    }

    public var summary: String {
        let s = scenario, p = scenario.parameters
        return "vehicular.scenario: M = \(s.vehicles), λ = \(Table.formatted(s.arrivalRate)), \(s.slots) slots, F = \(Table.formatted(p.rsuGFLOPS)) GFLOP/s, V = \(Table.formatted(p.lyapunovV))\(s.v2v ? ", V2V" : "")"
    }

    public func member(_ name: String) -> Value? {
        guard let field = json[name] else { return nil }
        switch field {
        case .number(let x) where ["vehicles", "slots"].contains(name): return .int(Int(x))
        case .number(let x): return .number(x)
        case .bool(let b): return .bool(b)
        case .array(let items): return .list(items.map { $0.number.map(Value.number) ?? .string($0.string ?? "") })
        default: return nil
        }
    }
}
