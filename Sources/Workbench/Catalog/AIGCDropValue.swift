import AIGC
import Foundation
import LabCore
import Notebook

/// A seeded AIGC user drop as a notebook value (`aigc.drop`), stored as its `aigc-drop/1` JSON.
public struct AIGCDropValue: LibraryValue {
    public static let typeName = "aigc.drop"
    public static let codecVersion = 1

    /// The drop.
    public var drop: AIGCDrop

    public func encoded() -> [UInt8] { Array((try? drop.encoded()) ?? Data()) }

    public static func decode(_ bytes: [UInt8]) throws -> AIGCDropValue {
        AIGCDropValue(drop: try AIGCDrop.decode(Data(bytes), file: "stored aigc.drop"))
    }

    public var summary: String {
        "aigc.drop: \(drop.users.count) users\(drop.seed.map { ", seed \($0)" } ?? ""), S_tot = \(Table.formatted(drop.parameters.edgeCapacity))"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "users": .int(drop.users.count)
        case "s_tot": .number(drop.parameters.edgeCapacity)
        default: nil
        }
    }
}

extension Catalog {
    /// `aigc.drop` and `aigc.solve`: one drop and one method, for cells that explore by hand.
    mutating func registerAIGCDrops() {
        register(AIGCDropValue.self)
        register(CatalogFunction(FunctionSignature(
            name: "aigc.drop", parameters: [
                .init("seed", .int), .init("users", .int, default: .int(8)),
                .init("s_tot", .number, default: .number(100), doc: "maximum assignable edge steps"),
            ], returns: .library(AIGCDropValue.typeName), version: 1,
            doc: "A seeded drop of users with the brief's default parameters (same seed ⇒ same users)."
        )) { args, _ in
            let seed = try args.int("seed"), sTot = try args.number("s_tot")
            guard seed >= 0 else { throw LabError(.invalidInput, "`seed` must be non-negative") }
            let drop = AIGCDrop.generate(seed: UInt64(seed), users: try Catalog.users(args)).with { $0.edgeCapacity = sTot }
            return .library(AIGCDropValue(drop: drop))
        })
        register(CatalogFunction(FunctionSignature(
            name: "aigc.solve", parameters: [
                .init("drop", .library(AIGCDropValue.typeName)),
                .init("method", .string, default: .string("proposed"), doc: AIGCMethod.allCases.map(\.rawValue).joined(separator: ", ")),
            ], returns: .record, version: 1,
            doc: "One method on one drop.\nReturns {method, feasible, objective, mean_time, mean_error, energy, offloaded, iterations}; randomised baselines report the mean over their draws."
        )) { args, _ in
            let drop = try args.library("drop", as: AIGCDropValue.self).drop
            let method = try Catalog.methods(Arguments(function: "aigc.solve", values: [("methods", .list([try args.value("method")]))]))[0]
            let s = try drop.solve(method: method, seed: drop.seed ?? 0)
            let r = s.reported
            return .record([
                .init("method", .string(method.rawValue)), .init("feasible", .bool(s.reportedFeasible)),
                .init("objective", .number(r.objective)), .init("mean_time", .number(r.meanTime)),
                .init("mean_error", .number(r.meanError)), .init("energy", .number(r.energy)),
                .init("offloaded", .number(r.offloaded)), .init("iterations", .int(max(s.history.count - 1, 0))),
            ])
        })
    }
}
