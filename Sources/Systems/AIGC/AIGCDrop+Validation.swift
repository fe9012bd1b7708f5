import Foundation
import LabCore

extension AIGCDrop {
    /// Checks the format tag and that every number is finite and in range.
    ///
    /// Throws `.invalidInput` naming `file` and the first offending field.
    public func validate(file: String = "drop") throws {
        func fail(_ field: String, _ why: String) -> LabError {
            LabError(.invalidInput, "\(file): field '\(field)' \(why).")
        }
        guard format == AIGCModule.dropFormat else {
            throw fail("format", "is '\(format)', expected '\(AIGCModule.dropFormat)'")
        }
        guard !users.isEmpty else { throw fail("users", "must list at least one user") }
        guard users.count <= AIGCDrop.maximumUsers else { throw fail("users", "lists \(users.count) users; at most \(AIGCDrop.maximumUsers) are allowed") }
        let p = parameters
        let positive: [(String, Double)] = [
            ("cyclesPerStep", p.cyclesPerStep), ("capacitance", p.capacitance), ("edgeStepTime", p.edgeStepTime),
            ("localStepLimit", p.localStepLimit), ("edgeStepLimit", p.edgeStepLimit), ("minSteps", p.minSteps),
            ("deadline", p.deadline), ("forwardError", p.forwardError), ("localErrorRate", p.localErrorRate),
            ("edgeErrorRate", p.edgeErrorRate), ("timeWeight", p.timeWeight), ("bandwidth", p.bandwidth),
            ("userPower", p.userPower), ("edgePower", p.edgePower),
        ]
        for (key, value) in positive where !(value.isFinite && value > 0) {
            throw fail("parameters.\(key)", "must be a positive finite number, got \(value)")
        }
        let nonNegative: [(String, Double)] = [
            ("edgeCapacity", p.edgeCapacity), ("errorWeight", p.errorWeight), ("energyWeight", p.energyWeight),
            ("localUtilityWeight", p.localUtilityWeight), ("edgeUtilityWeight", p.edgeUtilityWeight),
        ]
        for (key, value) in nonNegative where !(value.isFinite && value >= 0) {
            throw fail("parameters.\(key)", "must be a non-negative finite number, got \(value)")
        }
        guard p.noiseDensityDBmPerHz.isFinite else {
            throw fail("parameters.noiseDensityDBmPerHz", "must be a finite number, got \(p.noiseDensityDBmPerHz)")
        }
        for (n, u) in users.enumerated() {
            let fields: [(String, Double)] = [
                ("maxFrequency", u.maxFrequency), ("battery", u.battery), ("distance", u.distance),
                ("promptBits", u.promptBits), ("imageBits", u.imageBits),
            ]
            for (key, value) in fields where !(value.isFinite && value > 0) {
                throw fail("users[\(n)].\(key)", "must be a positive finite number, got \(value)")
            }
        }
    }
}

/// The JSON encoder of solutions and evaluations (drops and decisions use LabCore's ``JSONValue``).
///
/// Non-finite numbers (the costs of a malformed decision) are written as the strings `"inf"`,
/// `"-inf"` and `"nan"`, since JSON has no such numbers.
public enum AIGCJSON {
    /// Pretty, key-sorted encoder that tolerates non-finite numbers.
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
}
