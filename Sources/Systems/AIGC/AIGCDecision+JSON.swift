import Foundation
import LabCore

extension AIGCDecision {
    /// The four per-user arrays of a decision, in file order.
    static let arrayKeys = ["offload", "localSteps", "edgeSteps", "localTime"]

    /// Reads the decision from an `aigc-solution/1` or `aigc-decision/1` file.
    ///
    /// Throws `.invalidInput` (exit code 2) naming `file` and the offending field; every number
    /// must be finite, and when `users` is given the four arrays must each have that many entries.
    public static func decode(_ data: Data, file: String, users: Int? = nil) throws -> AIGCDecision {
        let f = JSONFields(file: file)
        let root = try f.parse(String(decoding: data, as: UTF8.self))
        let format = try f.member(root, "format", path: "")
        let object: JSONValue
        let path: String
        switch format.string {
        case AIGCModule.solutionFormat?: (object, path) = (try f.member(root, "decision", path: ""), "decision")
        case AIGCModule.decisionFormat?: (object, path) = (root, "")
        default:
            throw LabError(.invalidInput, "\(file): field 'format' is \(format.serialized().prefix(40)), expected '\(AIGCModule.solutionFormat)' or '\(AIGCModule.decisionFormat)'.")
        }
        func array(_ key: String) throws -> [JSONValue] {
            let values = try f.array(try f.member(object, key, path: path), f.join(path, key))
            if let users, values.count != users {
                throw LabError(.invalidInput, "\(file): field '\(key)' has \(values.count) entries but the drop has \(users) users.")
            }
            return values
        }
        func numbers(_ key: String) throws -> [Double] {
            try array(key).enumerated().map { try f.number($1, "\(f.join(path, key))[\($0)]") }
        }
        let offload = try array("offload").enumerated().map { n, v -> Bool in
            guard case .bool(let b) = v else { throw f.error("\(f.join(path, "offload"))[\(n)]", "must be true or false (got \(v.serialized().prefix(40)))") }
            return b
        }
        let decision = AIGCDecision(offload: offload, localSteps: try numbers("localSteps"), edgeSteps: try numbers("edgeSteps"),
                                    localTime: try numbers("localTime"))
        let counts = [offload.count, decision.localSteps.count, decision.edgeSteps.count, decision.localTime.count]
        guard Set(counts).count == 1 else {
            throw LabError(.invalidInput, "\(file): the arrays \(arrayKeys.joined(separator: ", ")) must have one entry per user (got \(counts.map(String.init).joined(separator: ", "))).")
        }
        return decision
    }

    /// This decision as a bare `aigc-decision/1` file (pretty JSON, keys sorted).
    public func encodedFile() throws -> Data {
        let file: JSONValue = .object([
            ("edgeSteps", .array(edgeSteps.map { .number($0) })), ("format", .string(AIGCModule.decisionFormat)),
            ("localSteps", .array(localSteps.map { .number($0) })), ("localTime", .array(localTime.map { .number($0) })),
            ("offload", .array(offload.map { .bool($0) })),
        ])
        return Data((file.serialized(pretty: true) + "\n").utf8)
    }
}
