import Foundation
import LabCore

/// A solution in the `laenet-solution/1` exchange format (docs/laenet.md §7).
///
/// `choice[u]` is nil for local execution or the index of the server user u offloads to;
/// `shares[u]` is the capacity share on that server, nil where local or where the optimal
/// (water-filled) share is wanted. `shares == nil` means optimal shares for everyone.
public struct LAENetSolution: Sendable, Hashable {
    /// Per user: nil = local, else a server index.
    public var choice: [Int?]
    /// Per user: a given share, or nil for local / optimal. Nil as a whole: all optimal.
    public var shares: [Double?]?

    /// Creates a solution.
    public init(choice: [Int?], shares: [Double?]? = nil) {
        self.choice = choice
        self.shares = shares
    }

    /// The solution as JSON with a fixed key order.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string(LAENetModule.solutionFormat)),
            ("choice", .array(choice.map { $0.map { .number(Double($0)) } ?? .null })),
        ]
        if let shares { members.append(("shares", .array(shares.map { JSONValue.finite($0) }))) }
        return .object(members)
    }

    /// Reads and validates a solution file against an instance.
    public static func load(path: String, for instance: LAENetInstance) throws -> LAENetSolution {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LabError(.invalidInput, "cannot read solution file '\(path)': check the path.")
        }
        let f = JSONFields(file: path)
        return try decode(f.parse(String(decoding: data, as: UTF8.self)), file: path, for: instance)
    }

    /// Validates a parsed solution: one entry per user, server indices in range, shares not negative.
    public static func decode(_ root: JSONValue, file: String, for instance: LAENetInstance) throws -> LAENetSolution {
        let f = JSONFields(file: file)
        let format = try f.member(root, "format", path: "")
        guard format.string == LAENetModule.solutionFormat else {
            throw f.error("format", "must be \"\(LAENetModule.solutionFormat)\" (got \(format.serialized()))")
        }
        let n = instance.users.count
        let choice = try f.array(try f.member(root, "choice", path: ""), "choice", count: n).enumerated().map { u, v -> Int? in
            v.isNull ? nil : try f.integer(v, "choice[\(u)]", in: 0..<instance.servers.count)
        }
        var shares: [Double?]?
        if let s = root["shares"], !s.isNull {
            shares = try f.array(s, "shares", count: n).enumerated().map { u, v -> Double? in
                v.isNull ? nil : try f.number(v, "shares[\(u)]", minimum: 0)
            }
        }
        return LAENetSolution(choice: choice, shares: shares)
    }
}
