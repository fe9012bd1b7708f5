import Foundation
import LabCore

extension AIGCDrop {
    /// Decodes and validates an `aigc-drop/1` file.
    ///
    /// Every failure is a ``LabError`` with code `.invalidInput` (exit code 2) whose message names
    /// `file` and the offending field as a JSON path, e.g. `users[3].battery`.
    public static func decode(_ data: Data, file: String) throws -> AIGCDrop {
        let drop: AIGCDrop
        do {
            drop = try AIGCJSON.decoder().decode(AIGCDrop.self, from: data)
        } catch let error as DecodingError {
            throw LabError(.invalidInput, "\(file): \(AIGCJSON.describe(error))")
        } catch {
            throw LabError(.invalidInput, "\(file): not valid JSON (\(error)).")
        }
        try drop.validate(file: file)
        return drop
    }

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

/// JSON coding shared by drops, solutions and records.
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

    /// Decoder matching ``encoder()``.
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    /// A one-line description of a decoding error that names the field as a JSON path.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return out.isEmpty ? "(top level)" : out
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            let field = parent == "(top level)" ? key.stringValue : "\(parent).\(key.stringValue)"
            return "missing field '\(field)'."
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' has the wrong type (expected \(type))."
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(type))."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not valid JSON (\(context.debugDescription))."
                : "field '\(path(context.codingPath))' is invalid: \(context.debugDescription)"
        @unknown default:
            return "cannot decode (\(error))."
        }
    }
}
