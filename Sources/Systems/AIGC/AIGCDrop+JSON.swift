import Foundation
import LabCore

/// The `aigc-drop/1` file format, written and read with LabCore's deterministic JSON.
extension AIGCDrop {
    /// The keys of a user entry, in file order, with their accessors.
    static var userFields: [(key: String, path: WritableKeyPath<AIGCUser, Double>)] { [
        ("battery", \.battery), ("distance", \.distance), ("imageBits", \.imageBits),
        ("maxFrequency", \.maxFrequency), ("promptBits", \.promptBits),
    ] }

    /// The largest seed a drop file records: 2^53 − 1, the largest integer every JSON reader
    /// holds exactly (the seed is informational; a larger one is left out of the file).
    public static let largestRecordedSeed: UInt64 = 9_007_199_254_740_991

    /// The drop as JSON: `format`, `parameters` (every field, sorted by key), `seed` when
    /// generated, `users`; keys sorted as earlier versions wrote them.
    public var json: JSONValue {
        var top: [(String, JSONValue)] = [("format", .string(format))]
        top.append(("parameters", .object(parameters.table.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })))
        if let seed, seed <= AIGCDrop.largestRecordedSeed { top.append(("seed", .number(Double(seed)))) }
        top.append(("users", .array(users.map { u in .object(AIGCDrop.userFields.map { ($0.key, .number(u[keyPath: $0.path])) }) })))
        return .object(top)
    }

    /// Pretty JSON of this drop with a trailing newline (the same drop always gives the same bytes).
    ///
    /// Never throws; kept `throws` so that callers written for the earlier encoder still compile.
    public func encoded() throws -> Data {
        Data((json.serialized(pretty: true) + "\n").utf8)
    }

    /// Decodes and validates an `aigc-drop/1` file.
    ///
    /// Every failure is a ``LabError`` with code `.invalidInput` (exit code 2) whose message names
    /// `file` and the offending field as a JSON path, e.g. `users[3].battery`; every number must
    /// be finite and in range (see ``validate(file:)``), and at most ``maximumUsers`` users.
    public static func decode(_ data: Data, file: String) throws -> AIGCDrop {
        let f = JSONFields(file: file)
        let root = try f.parse(String(decoding: data, as: UTF8.self))
        let format = try f.member(root, "format", path: "")
        guard let formatText = format.string else { throw f.error("format", "must be a string (got \(format.serialized().prefix(40)))") }
        guard formatText == AIGCModule.dropFormat else {
            throw f.error("format", "is '\(formatText)', expected '\(AIGCModule.dropFormat)'")
        }
        let seed = try root["seed"].flatMap { value -> UInt64? in
            if value.isNull { return nil }
            let x = try f.number(value, "seed", minimum: 0, maximum: Double(AIGCDrop.largestRecordedSeed))
            guard x == x.rounded() else { throw f.error("seed", "must be a whole number (got \(JSONValue.format(x)))") }
            return UInt64(x)
        }
        let p = try f.member(root, "parameters", path: "")
        var parameters = AIGCParameters()
        for (key, path) in AIGCParameters.fields {
            parameters[keyPath: path] = try f.number(try f.member(p, key, path: "parameters"), "parameters.\(key)")
        }
        let userValues = try f.array(try f.member(root, "users", path: ""), "users")
        guard userValues.count <= maximumUsers else {
            throw f.error("users", "lists \(userValues.count) users; at most \(maximumUsers) are allowed")
        }
        let users = try userValues.enumerated().map { n, v in
            var user = AIGCUser(maxFrequency: 0, battery: 0, distance: 0, promptBits: 0, imageBits: 0)
            for (key, path) in userFields {
                user[keyPath: path] = try f.number(try f.member(v, key, path: "users[\(n)]"), "users[\(n)].\(key)")
            }
            return user
        }
        var drop = AIGCDrop(parameters: parameters, users: users, seed: seed)
        drop.format = formatText
        try drop.validate(file: file)
        return drop
    }
}

extension AIGCParameters {
    /// The JSON keys of every parameter, in declaration order, with their accessors.
    static var fields: [(key: String, path: WritableKeyPath<AIGCParameters, Double>)] { [
        ("cyclesPerStep", \.cyclesPerStep), ("capacitance", \.capacitance), ("edgeStepTime", \.edgeStepTime),
        ("localStepLimit", \.localStepLimit), ("edgeStepLimit", \.edgeStepLimit), ("edgeCapacity", \.edgeCapacity),
        ("minSteps", \.minSteps), ("deadline", \.deadline), ("forwardError", \.forwardError),
        ("localErrorRate", \.localErrorRate), ("edgeErrorRate", \.edgeErrorRate), ("timeWeight", \.timeWeight),
        ("errorWeight", \.errorWeight), ("energyWeight", \.energyWeight), ("localUtilityWeight", \.localUtilityWeight),
        ("edgeUtilityWeight", \.edgeUtilityWeight), ("bandwidth", \.bandwidth), ("userPower", \.userPower),
        ("edgePower", \.edgePower), ("noiseDensityDBmPerHz", \.noiseDensityDBmPerHz),
    ] }
}
