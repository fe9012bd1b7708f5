import LabCore
import Notebook
import Vehicular

/// `vehicular.scenario`
struct VehicularScenarioBinding: Binding {
    static let description = BindingDescription("vehicular.scenario", returns: .library(VehicularScenarioValue.typeName),
        doc: "A vehicular edge network scenario with the settings of docs/vehicular.md §1 (every default is the model's).\nEpisodes are generated from it by `vehicular.simulate` and `vehicular.sweep`: vehicle i runs models[i mod len(models)], local compute and speeds are drawn uniformly from the given [low, high] ranges, arrivals are Poisson(λ·Δ), mobility wraps around the road.")
    @Parameter(default: 10, .integers(1...VehicularScenario.maximumVehicles), doc: "M, the number of vehicles") var vehicles: Int
    @Parameter(default: 1.0, .numbers(0...VehicularScenario.maximumMeanArrivals), doc: "λ, task arrivals per vehicle per second (λ·slot_s at most 1000)") var arrivalRate: Double
    @Parameter(default: 100, .integers(1...VehicularScenario.maximumSlots), doc: "slots per episode") var slots: Int
    @Parameter(default: 200, .positive(upTo: 1e9), doc: "F, the RSU's GFLOP/s shared each slot") var rsuGflops: Double
    @Parameter(default: 10, .positive(upTo: 1e9), doc: "V, the drift-plus-penalty trade-off") var lyapunovV: Double
    @Parameter(default: 1, .positive(upTo: 3600), doc: "Δ, the slot length in seconds") var slotS: Double
    @Parameter(default: 1000, .positive(upTo: 1e6), doc: "length of the wrap-around road in metres") var roadM: Double
    @Parameter(default: 500, .numbers(0...1e6), doc: "RSU position along the road in metres (at most road_m)") var rsuXM: Double
    @Parameter(default: 10, .numbers(0...1e5), doc: "RSU distance from the road in metres") var rsuOffsetM: Double
    @Parameter(default: 2e6, .positive(upTo: 1e12), doc: "b, each vehicle's dedicated FDMA bandwidth in Hz") var bandwidthHz: Double
    @Parameter(default: 0.2, .positive(upTo: 1e3), doc: "p, transmit power in W") var txPowerW: Double
    @Parameter(default: -174, .numbers(-300...0), doc: "N0, noise density in dBm/Hz") var noiseDbmPerHz: Double
    @Parameter(default: [15, 25], .positive(upTo: 1e9), doc: "[low, high] of f_loc ~ U[low, high), GFLOP/s") var localGflops: [Double]
    @Parameter(default: [15, 25], .numbers(0...1e4), doc: "[low, high] of the speed ~ U[low, high), m/s") var speedMps: [Double]
    @Parameter(default: DNNModel.allCases, doc: "models assigned round-robin: alexnet, resnet18, vgg16") var models: [DNNModel]
    @Parameter(default: false, doc: "allow V2V offloading to the nearest idle vehicle within 100 m (docs/vehicular.md §1)") var v2v: Bool

    func call(_ context: any CallContext) throws -> Value {
        func refuse(_ parameter: String, _ why: String) -> ArgumentError {
            ArgumentError(parameter: parameter, message: "argument `\(parameter)` of `vehicular.scenario` \(why)")
        }
        func range(_ values: [Double], _ parameter: String) throws -> ClosedRange<Double> {
            guard values.count == 2, values[0] <= values[1] else {
                throw refuse(parameter, "must be [low, high] with low ≤ high, not \(values.map(Table.formatted))")
            }
            return values[0]...values[1]
        }
        guard arrivalRate * slotS <= VehicularScenario.maximumMeanArrivals else {
            throw refuse("arrival_rate", "must give at most \(Table.formatted(VehicularScenario.maximumMeanArrivals)) arrivals per slot on average (λ·slot_s), not \(Table.formatted(arrivalRate * slotS))")
        }
        guard rsuXM <= roadM else { throw refuse("rsu_x_m", "must lie on the road (at most road_m = \(Table.formatted(roadM))), not \(Table.formatted(rsuXM))") }
        guard !models.isEmpty else { throw refuse("models", "must name at least one model") }
        var s = VehicularScenario()
        s.vehicles = vehicles
        s.arrivalRate = arrivalRate
        s.slots = slots
        s.parameters.rsuGFLOPS = rsuGflops
        s.parameters.lyapunovV = lyapunovV
        s.parameters.slotSeconds = slotS
        s.parameters.roadMeters = roadM
        s.parameters.rsuX = rsuXM
        s.parameters.rsuOffset = rsuOffsetM
        s.parameters.bandwidthHz = bandwidthHz
        s.parameters.txPowerW = txPowerW
        s.parameters.noiseDBmPerHz = noiseDbmPerHz
        s.localGFLOPS = try range(localGflops, "local_gflops")
        s.speed = try range(speedMps, "speed_mps")
        s.models = models
        s.v2v = v2v
        try s.validate()
        return .library(VehicularScenarioValue(s))
    }
}

/// `vehicular.parameters`
struct VehicularParametersBinding: Binding {
    static let description = BindingDescription("vehicular.parameters", returns: .table,
        doc: "Every setting of a scenario with its symbol and unit (docs/vehicular.md §1), one row each.\nColumns: parameter, symbol, value (as text: ranges and model lists are not single numbers), unit.")
    @Parameter var scenario: VehicularScenarioValue

    func call(_ context: any CallContext) throws -> Value {
        let s = scenario.scenario, p = s.parameters
        func n(_ x: Double) -> String { JSONValue.format(x) }
        func r(_ x: ClosedRange<Double>) -> String { "U[\(n(x.lowerBound)), \(n(x.upperBound)))" }
        let rows: [(String, String, String, String)] = [
            ("vehicles", "M", "\(s.vehicles)", ""),
            ("models (round-robin)", "m_i", s.models.map(\.rawValue).joined(separator: ", "), ""),
            ("arrival_rate", "λ", n(s.arrivalRate), "tasks/s (Poisson)"),
            ("slots", "", "\(s.slots)", "per episode"),
            ("slot_s", "Δ", n(p.slotSeconds), "s"),
            ("road_m", "", n(p.roadMeters), "m (wrap-around)"),
            ("rsu_x_m", "x_RSU", n(p.rsuX), "m"),
            ("rsu_offset_m", "h", n(p.rsuOffset), "m"),
            ("speed_mps", "v_i", r(s.speed), "m/s"),
            ("local_gflops", "f_i^loc", r(s.localGFLOPS), "GFLOP/s"),
            ("bandwidth_hz", "b", n(p.bandwidthHz), "Hz per vehicle (FDMA)"),
            ("tx_power_w", "p", n(p.txPowerW), "W"),
            ("noise_dbm_per_hz", "N0", n(p.noiseDBmPerHz), "dBm/Hz"),
            ("path loss", "PL", "128.1 + 37.6·log10(d_km)", "dB"),
            ("rsu_gflops", "F", n(p.rsuGFLOPS), "GFLOP/s (shared)"),
            ("lyapunov_v", "V", n(p.lyapunovV), ""),
            ("v2v", "", s.v2v ? "on (nearest idle vehicle within 100 m)" : "off", ""),
        ]
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("parameter", .strings(rows.map(\.0))), .init("symbol", .strings(rows.map(\.1))),
                       .init("value", .strings(rows.map(\.2))), .init("unit", .strings(rows.map(\.3)))])
        })
    }
}

/// `vehicular.partitions`
struct VehicularPartitionsBinding: Binding {
    static let description = BindingDescription("vehicular.partitions", returns: .table,
        doc: "The DNN partition candidates (docs/vehicular.md §1), one row per (model, index).\nColumns: model, index (0 = send the raw image, last = all local), after (the last local layer), local_gflops Φ, edge_gflops R (as printed), sent_mbit O.")
    @Parameter(default: DNNModel.allCases, doc: "alexnet, resnet18, vgg16") var models: [DNNModel]

    func call(_ context: any CallContext) throws -> Value {
        let rows = models.flatMap { m in m.candidates.enumerated().map { (m, $0.offset, $0.element) } }
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("model", .strings(rows.map(\.0.rawValue))), .init("index", .numbers(rows.map { Double($0.1) })),
                       .init("after", .strings(rows.map(\.2.after))), .init("local_gflops", .numbers(rows.map(\.2.localGFLOPs))),
                       .init("edge_gflops", .numbers(rows.map(\.2.edgeGFLOPs))), .init("sent_mbit", .numbers(rows.map(\.2.megabits)))])
        })
    }
}
