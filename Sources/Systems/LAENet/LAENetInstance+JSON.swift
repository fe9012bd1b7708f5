import Foundation
import LabCore

/// The `laenet-instance/1` exchange format (docs/laenet.md §7).
extension LAENetInstance {
    /// The instance as a JSON value with a fixed key order.
    public var json: JSONValue {
        var top: [(String, JSONValue)] = [("format", .string(LAENetModule.instanceFormat))]
        if let scale { top.append(("scale", .string(scale.description))) }
        if let profile { top.append(("profile", .string(profile.rawValue))) }
        if let seed { top.append(("seed", .number(Double(seed)))) }
        if let index { top.append(("index", .number(Double(index)))) }
        top.append(("constants", .object(LAENetConstants.fields.map { ($0.key, .number(constants[keyPath: $0.path])) })))
        top.append(("servers", .array(servers.map { s in
            .object([("kind", .string(s.kind.rawValue)), ("position", .array(s.position.map { .number($0) })),
                     ("cpu_hz", .number(s.cpuHz)), ("active_power_w", .number(s.activePowerW))])
        })))
        top.append(("users", .array(users.map { u in
            .object([("kind", .string(u.kind.rawValue)), ("position", .array(u.position.map { .number($0) })),
                     ("workload_cycles", .number(u.workloadCycles)), ("cpu_hz", .number(u.cpuHz)),
                     ("delay_weight", .number(u.delayWeight)), ("tx_power_w", .number(u.txPowerW))])
        })))
        top.append(("links", .array(links.map { .array([.number(Double($0.user)), .number(Double($0.server))]) })))
        return .object(top)
    }

    /// The file text: pretty JSON with a trailing newline (same instance → same bytes).
    public var fileText: String { json.serialized(pretty: true) + "\n" }

    /// Reads and validates an instance file.
    public static func load(path: String) throws -> LAENetInstance {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LabError(.invalidInput, "cannot read instance file '\(path)': check the path.")
        }
        return try decode(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses and validates instance text; errors name `file` and the offending field.
    ///
    /// Every number must be finite and at most ``maximumMagnitude`` in size; counts, indices and
    /// links are checked against the instance before they are used.
    public static func decode(_ text: String, file: String) throws -> LAENetInstance {
        let f = JSONFields(file: file)
        let limit = maximumMagnitude
        let root = try f.parse(text)
        let format = try f.member(root, "format", path: "")
        guard format.string == LAENetModule.instanceFormat else {
            throw f.error("format", "must be \"\(LAENetModule.instanceFormat)\" (got \(format.serialized()))")
        }
        let profile = try root["profile"].map { try LAENetProfile(rawValue: f.string($0, "profile", allowed: LAENetProfile.allCases.map(\.rawValue)))! }
        var scale: LAENetScale?
        if let s = root["scale"] {
            guard let text = s.string else { throw f.error("scale", "must be a string like gs2_gu4_au2") }
            do { scale = try LAENetScale.parse(text) } catch { throw f.error("scale", "'\(text)' does not parse as gsX_guY_auZ") }
        }
        let seed = try root["seed"].map { UInt64(try f.number($0, "seed", minimum: 0, maximum: 9.007e15)) }
        let index = try root["index"].map { try f.integer($0, "index", in: 0..<Int(Int32.max)) }

        let c = try f.member(root, "constants", path: "")
        var constants = LAENetConstants(profile: profile ?? .paper)
        for (key, path) in LAENetConstants.fields {
            let strictlyPositive = !["eta_los_db", "eta_nlos_db", "chip_energy_factor", "hap_altitude_m", "au_altitude_m",
                                     "gs_altitude_m", "gu_altitude_m", "gs_active_power_w", "hap_active_power_w"].contains(key)
            constants[keyPath: path] = try f.number(try f.member(c, key, path: "constants"), "constants.\(key)", minimum: 0, strict: strictlyPositive, maximum: limit)
        }

        func position(_ v: JSONValue, _ field: String) throws -> [Double] {
            try f.array(v, field, count: 3).enumerated().map { try f.number($1, "\(field)[\($0)]", minimum: -limit, maximum: limit) }
        }
        let serverValues = try f.array(try f.member(root, "servers", path: ""), "servers")
        guard !serverValues.isEmpty else { throw f.error("servers", "must list at least the HAP") }
        let servers = try serverValues.enumerated().map { i, v in
            let p = "servers[\(i)]"
            let kind = try f.string(try f.member(v, "kind", path: p), "\(p).kind", allowed: [i == 0 ? "hap" : "gs"])
            return Server(kind: Server.Kind(rawValue: kind)!, position: try position(try f.member(v, "position", path: p), "\(p).position"),
                          cpuHz: try f.number(try f.member(v, "cpu_hz", path: p), "\(p).cpu_hz", minimum: 0, strict: true, maximum: limit),
                          activePowerW: try f.number(try f.member(v, "active_power_w", path: p), "\(p).active_power_w", minimum: 0, maximum: limit))
        }
        let userValues = try f.array(try f.member(root, "users", path: ""), "users")
        let users = try userValues.enumerated().map { i, v in
            let p = "users[\(i)]"
            let kind = try f.string(try f.member(v, "kind", path: p), "\(p).kind", allowed: ["au", "gu"])
            return User(kind: User.Kind(rawValue: kind)!, position: try position(try f.member(v, "position", path: p), "\(p).position"),
                        workloadCycles: try f.number(try f.member(v, "workload_cycles", path: p), "\(p).workload_cycles", minimum: 0, strict: true, maximum: limit),
                        cpuHz: try f.number(try f.member(v, "cpu_hz", path: p), "\(p).cpu_hz", minimum: 0, strict: true, maximum: limit),
                        delayWeight: try f.number(try f.member(v, "delay_weight", path: p), "\(p).delay_weight", minimum: 0, maximum: 1),
                        txPowerW: try f.number(try f.member(v, "tx_power_w", path: p), "\(p).tx_power_w", minimum: 0, strict: true, maximum: limit))
        }
        var seen = Set<[Int]>()
        let links = try f.array(try f.member(root, "links", path: ""), "links").enumerated().map { i, v in
            let pair = try f.array(v, "links[\(i)]", count: 2)
            let user = try f.integer(pair[0], "links[\(i)][0] (user)", in: 0..<users.count)
            let server = try f.integer(pair[1], "links[\(i)][1] (server)", in: 0..<servers.count)
            guard seen.insert([user, server]).inserted else { throw f.error("links[\(i)]", "duplicates the link [\(user), \(server)]") }
            return Link(user: user, server: server)
        }
        if let scale, scale.serverCount != servers.count || scale.userCount != users.count {
            throw f.error("scale", "\(scale) does not match \(servers.count) servers and \(users.count) users")
        }
        return LAENetInstance(constants: constants, servers: servers, users: users, links: links,
                              profile: profile, scale: scale, seed: seed, index: index)
    }
}
