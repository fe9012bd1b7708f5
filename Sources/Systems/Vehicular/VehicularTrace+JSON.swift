import LabCore

extension VehicularTrace {
    /// Largest number of vehicles a trace may hold.
    public static let maximumVehicles = 10_000
    /// Largest number of slots a trace may hold.
    public static let maximumSlots = 1_000_000
    /// Largest arrival count of one vehicle in one slot.
    public static let maximumArrivals = 1_000_000

    /// The `vec-trace/1` document, keys in a fixed order (same trace, same bytes).
    public var json: JSONValue {
        let p = parameters
        var parameterMembers: [(String, JSONValue)] = [
            ("slot_s", .number(p.slotSeconds)), ("road_m", .number(p.roadMeters)), ("rsu_x_m", .number(p.rsuX)),
            ("rsu_offset_m", .number(p.rsuOffset)), ("bandwidth_hz", .number(p.bandwidthHz)), ("tx_power_w", .number(p.txPowerW)),
            ("noise_dbm_per_hz", .number(p.noiseDBmPerHz)), ("rsu_gflops", .number(p.rsuGFLOPS)), ("lyapunov_v", .number(p.lyapunovV)),
        ]
        if v2vEnabled { parameterMembers.append(("v2v", .bool(true))) }
        return .object([
            ("format", .string(VehicularModule.traceFormat)),
            ("parameters", .object(parameterMembers)),
            ("vehicles", .array(vehicles.map { v in
                .object([
                    ("model", .string(v.model.rawValue)), ("local_gflops", .number(v.localGFLOPS)), ("x_m", .number(v.x)),
                    ("speed_mps", .number(v.speed)), ("queue", .number(v.queue)),
                ])
            })),
            ("slots", .array(slots.map { s in
                var members: [(String, JSONValue)] = [
                    ("arrivals", .array(s.arrivals.map { .number(Double($0)) })),
                    ("partition", .array(s.partition.map { .number(Double($0)) })),
                ]
                if let v2v = s.v2v { members.append(("v2v", .array(v2v.map { .bool($0) }))) }
                if let x = s.positions { members.append(("x_m", .array(x.map { .number($0) }))) }
                return .object(members)
            })),
        ])
    }

    /// The file's text: one slot per line, ending in a newline.
    public var fileText: String { json.serialized(pretty: true) + "\n" }

    /// Parses and validates a `vec-trace/1` document.
    ///
    /// Every failure is `.invalidInput` (exit code 2) naming `file` and the field as a path, e.g.
    /// `slots[3].partition[1]`; an index outside the model's candidates also names the slot and
    /// vehicle. Numbers must be finite and in range (see `docs/vehicular.md`).
    public static func decode(_ text: String, file: String) throws -> VehicularTrace {
        let f = JSONFields(file: file)
        let root = try f.parse(text)
        guard case .object = root else { throw f.error("(top level)", "must be an object") }
        let format = try f.member(root, "format", path: "")
        guard format.string == VehicularModule.traceFormat else {
            throw f.error("format", "must be \"\(VehicularModule.traceFormat)\" (got \(format.serialized()))")
        }
        let (parameters, v2v) = try decodeParameters(try f.member(root, "parameters", path: ""), f)
        let vehicleValues = try f.array(try f.member(root, "vehicles", path: ""), "vehicles")
        guard !vehicleValues.isEmpty else { throw f.error("vehicles", "must list at least one vehicle") }
        guard vehicleValues.count <= maximumVehicles else { throw f.error("vehicles", "must list at most \(maximumVehicles) vehicles (got \(vehicleValues.count))") }
        let vehicles = try vehicleValues.enumerated().map { i, value in
            try decodeVehicle(value, path: "vehicles[\(i)]", road: parameters.roadMeters, f)
        }
        let slotValues = try f.array(try f.member(root, "slots", path: ""), "slots")
        guard slotValues.count <= maximumSlots else { throw f.error("slots", "must hold at most \(maximumSlots) slots (got \(slotValues.count))") }
        let slots = try slotValues.enumerated().map { t, value in
            try decodeSlot(value, t: t, vehicles: vehicles, parameters: parameters, v2v: v2v, f)
        }
        return VehicularTrace(parameters: parameters, v2vEnabled: v2v, vehicles: vehicles, slots: slots)
    }

    private static func decodeParameters(_ value: JSONValue, _ f: JSONFields) throws -> (VehicularParameters, Bool) {
        func number(_ key: String, minimum: Double? = nil, strict: Bool = false, maximum: Double? = nil) throws -> Double {
            try f.number(try f.member(value, key, path: "parameters"), "parameters.\(key)", minimum: minimum, strict: strict, maximum: maximum)
        }
        var p = VehicularParameters()
        p.slotSeconds = try number("slot_s", minimum: 0, strict: true, maximum: 3600)
        p.roadMeters = try number("road_m", minimum: 0, strict: true, maximum: 1e6)
        p.rsuX = try number("rsu_x_m", minimum: 0, maximum: p.roadMeters)
        p.rsuOffset = try number("rsu_offset_m", minimum: 0, maximum: 1e5)
        p.bandwidthHz = try number("bandwidth_hz", minimum: 0, strict: true, maximum: 1e12)
        p.txPowerW = try number("tx_power_w", minimum: 0, strict: true, maximum: 1e3)
        p.noiseDBmPerHz = try number("noise_dbm_per_hz", minimum: -300, maximum: 0)
        p.rsuGFLOPS = try number("rsu_gflops", minimum: 0, strict: true, maximum: 1e9)
        p.lyapunovV = try number("lyapunov_v", minimum: 0, strict: true, maximum: 1e9)
        var v2v = false
        if let flag = value["v2v"] {
            guard case .bool(let b) = flag else { throw f.error("parameters.v2v", "must be true or false (got \(flag.serialized()))") }
            v2v = b
        }
        return (p, v2v)
    }

    private static func decodeVehicle(_ value: JSONValue, path: String, road: Double, _ f: JSONFields) throws -> Vehicle {
        let model = try f.string(try f.member(value, "model", path: path), "\(path).model", allowed: DNNModel.allCases.map(\.rawValue))
        let local = try f.number(try f.member(value, "local_gflops", path: path), "\(path).local_gflops", minimum: 0, strict: true, maximum: 1e9)
        let x = try f.number(try f.member(value, "x_m", path: path), "\(path).x_m", minimum: 0)
        guard x < road else { throw f.error("\(path).x_m", "must be below road_m = \(JSONValue.format(road)) (got \(JSONValue.format(x)))") }
        let speed = try f.number(try f.member(value, "speed_mps", path: path), "\(path).speed_mps", minimum: 0, maximum: 1e4)
        let queue = try f.number(try f.member(value, "queue", path: path), "\(path).queue", minimum: 0, maximum: 1e12)
        return Vehicle(model: DNNModel(rawValue: model) ?? .alexnet, localGFLOPS: local, x: x, speed: speed, queue: queue)
    }

    private static func decodeSlot(_ value: JSONValue, t: Int, vehicles: [Vehicle], parameters: VehicularParameters, v2v: Bool, _ f: JSONFields) throws -> Slot {
        let path = "slots[\(t)]"
        let m = vehicles.count
        let arrivals = try f.array(try f.member(value, "arrivals", path: path), "\(path).arrivals", count: m).enumerated().map { i, a in
            try f.integer(a, "\(path).arrivals[\(i)]", in: 0..<(maximumArrivals + 1))
        }
        let partition = try f.array(try f.member(value, "partition", path: path), "\(path).partition", count: m).enumerated().map { i, a in
            let field = "\(path).partition[\(i)]"
            guard let x = a.number, x == x.rounded(), abs(x) < 1e15 else { throw f.error(field, "must be an integer (got \(a.serialized()))") }
            let candidates = vehicles[i].model.candidates.count
            guard x >= 0, x < Double(candidates) else {
                throw f.error(field, "slot \(t), vehicle \(i): \(Int(x)) is not a partition index of \(vehicles[i].model.rawValue) (use 0...\(candidates - 1))")
            }
            return Int(x)
        }
        var flags: [Bool]?
        if let raw = value["v2v"] {
            guard v2v else { throw f.error("\(path).v2v", "is only allowed with \"v2v\": true in parameters") }
            flags = try f.array(raw, "\(path).v2v", count: m).enumerated().map { i, b in
                guard case .bool(let flag) = b else { throw f.error("\(path).v2v[\(i)]", "must be true or false (got \(b.serialized()))") }
                return flag
            }
        }
        var positions: [Double]?
        if let raw = value["x_m"] {
            positions = try f.array(raw, "\(path).x_m", count: m).enumerated().map { i, x in
                let value = try f.number(x, "\(path).x_m[\(i)]", minimum: 0)
                guard value < parameters.roadMeters else {
                    throw f.error("\(path).x_m[\(i)]", "must be below road_m = \(JSONValue.format(parameters.roadMeters)) (got \(JSONValue.format(value)))")
                }
                return value
            }
        }
        return Slot(arrivals: arrivals, partition: partition, v2v: flags, positions: positions)
    }
}
