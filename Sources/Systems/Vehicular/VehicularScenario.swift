import LabCore

/// A synthetic episode generator (docs/vehicular.md §1): `M` vehicles with the default model mix, local
/// compute and speeds drawn uniformly, Poisson arrivals, constant-speed wrap-around mobility
/// (or positions from a ``MobilityTrace``).
///
/// The same scenario and seed give the same trace on every machine.
public struct VehicularScenario: Sendable, Hashable {
    /// The constants.
    public var parameters = VehicularParameters.default
    /// `M`: number of vehicles.
    public var vehicles = 10
    /// `λ`: task arrivals per vehicle per second.
    public var arrivalRate = 1.0
    /// Slots per episode.
    public var slots = 100
    /// Models assigned round-robin to vehicles 0, 1, 2, … (default: AlexNet, ResNet18, VGG16).
    public var models: [DNNModel] = DNNModel.allCases
    /// `f_i^loc ~ U[low, high)` GFLOP/s.
    public var localGFLOPS: ClosedRange<Double> = 15...25
    /// `v_i ~ U[low, high)` m/s.
    public var speed: ClosedRange<Double> = 15...25
    /// Whether V2V offloading is allowed.
    public var v2v = false
    /// Positions per slot in place of synthetic mobility (must cover `slots` × `vehicles`).
    public var mobility: MobilityTrace?

    /// The defaults of docs/vehicular.md §1: M = 10, λ = 1, 100 slots.
    public init() {}

    /// Largest `M` a scenario may have.
    public static let maximumVehicles = 1000
    /// Largest number of slots a scenario may have.
    public static let maximumSlots = 100_000
    /// Largest `λ·Δ` (mean arrivals per slot).
    public static let maximumMeanArrivals = 1000.0

    /// Checks sizes and ranges; `.invalidInput` errors name the setting.
    public func validate() throws {
        func fail(_ what: String) -> LabError { LabError(.invalidInput, what) }
        guard (1...Self.maximumVehicles).contains(vehicles) else { throw fail("the number of vehicles must be in 1...\(Self.maximumVehicles) (got \(vehicles)).") }
        guard (0...Self.maximumSlots).contains(slots) else { throw fail("the number of slots must be in 0...\(Self.maximumSlots) (got \(slots)).") }
        guard arrivalRate.isFinite, arrivalRate >= 0, arrivalRate * parameters.slotSeconds <= Self.maximumMeanArrivals else {
            throw fail("the arrival rate must be finite, non-negative and give at most \(JSONValue.format(Self.maximumMeanArrivals)) arrivals per slot on average (got \(arrivalRate)).")
        }
        guard !models.isEmpty else { throw fail("the model list must not be empty.") }
        guard localGFLOPS.lowerBound > 0, localGFLOPS.upperBound.isFinite else { throw fail("local compute must be a finite positive range (got \(localGFLOPS)).") }
        guard speed.lowerBound >= 0, speed.upperBound.isFinite else { throw fail("speeds must be a finite non-negative range (got \(speed)).") }
        let p = parameters
        for (name, x) in [("slot_s", p.slotSeconds), ("road_m", p.roadMeters), ("bandwidth_hz", p.bandwidthHz), ("tx_power_w", p.txPowerW),
                          ("rsu_gflops", p.rsuGFLOPS), ("lyapunov_v", p.lyapunovV)] {
            guard x.isFinite, x > 0 else { throw fail("parameter \(name) must be a finite positive number (got \(x)).") }
        }
        guard p.rsuOffset.isFinite, p.rsuOffset >= 0, p.rsuX.isFinite, (0...p.roadMeters).contains(p.rsuX), p.noiseDBmPerHz.isFinite else {
            throw fail("the RSU position, offset and noise density must be finite, the RSU on the road.")
        }
        if let mobility {
            guard mobility.slots >= max(slots, 1), mobility.vehicles >= vehicles else {
                throw fail("the mobility trace covers \(mobility.slots) slots × \(mobility.vehicles) vehicles; the scenario needs \(slots) × \(vehicles).")
            }
            guard mobility.positions.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0 < p.roadMeters } }) else {
                throw fail("mobility positions must lie in [0, road_m).")
            }
        }
    }

    /// The episode for `seed`, with the all-local decision in every slot.
    ///
    /// Vehicles come from the stream `vehicular.vehicles` (per vehicle: `f^loc`, `x ~ U[0, road)`,
    /// speed), arrivals from `vehicular.arrivals` (slot by slot, vehicle by vehicle), so the
    /// vehicles do not change when only the arrival rate or the number of slots does.
    public func trace(seed: UInt64) throws -> VehicularTrace {
        try validate()
        var vehicleRandom = RandomSource(seed: seed, stream: "vehicular.vehicles")
        var fleet: [Vehicle] = []
        for i in 0..<vehicles {
            let local = vehicleRandom.uniform(localGFLOPS.lowerBound, localGFLOPS.upperBound)
            let x = vehicleRandom.uniform(0, parameters.roadMeters)
            let v = vehicleRandom.uniform(speed.lowerBound, speed.upperBound)
            fleet.append(Vehicle(model: models[i % models.count], localGFLOPS: local, x: mobility?.positions[0][i] ?? x, speed: v))
        }
        var arrivalRandom = RandomSource(seed: seed, stream: "vehicular.arrivals")
        let mean = arrivalRate * parameters.slotSeconds
        let allLocal = fleet.map(\.model.allLocalIndex)
        let episodeSlots = (0..<slots).map { t in
            VehicularTrace.Slot(arrivals: (0..<vehicles).map { _ in arrivalRandom.poisson(mean) }, partition: allLocal,
                                positions: mobility.map { Array($0.positions[t].prefix(vehicles)) })
        }
        return VehicularTrace(parameters: parameters, v2vEnabled: v2v, vehicles: fleet, slots: episodeSlots)
    }
}
