import AIGC
import LabCore
import Notebook

/// `aigc.drop`
struct AIGCDropBinding: Binding {
    static let description = BindingDescription("aigc.drop", returns: .library(AIGCDropValue.typeName),
        doc: "A seeded drop of users with the default parameters of docs/aigc.md §B.2 (same seed ⇒ same users).")
    @Parameter(.integers(0...Int.max), doc: "drop seed") var seed: UInt64
    @Parameter(default: 8, .integers(1...AIGCBindings.maximumUsers)) var users: Int
    @Parameter(default: 100, .positive(upTo: 1e6), doc: "maximum assignable edge steps") var sTot: Double

    func call(_ context: any CallContext) throws -> Value {
        .library(AIGCDropValue(drop: AIGCDrop.generate(seed: seed, users: users).with { $0.edgeCapacity = sTot }))
    }
}

/// `aigc.solve`
struct AIGCSolveBinding: Binding {
    static let description = BindingDescription("aigc.solve", returns: .record,
        doc: "One method on one drop.\nReturns {method, feasible, objective, mean_time, mean_error, energy, offloaded, iterations}; randomised baselines report the mean over their draws.")
    @Parameter var drop: AIGCDropValue
    @Parameter(default: .proposed, doc: AIGCMethod.allCases.map(\.rawValue).joined(separator: ", ")) var method: AIGCMethod

    func call(_ context: any CallContext) throws -> Value {
        let s = try drop.drop.solve(method: method, seed: drop.drop.seed ?? 0)
        let r = s.reported
        return .record([
            .init("method", .string(method.rawValue)), .init("feasible", .bool(s.reportedFeasible)),
            .init("objective", .number(r.objective)), .init("mean_time", .number(r.meanTime)),
            .init("mean_error", .number(r.meanError)), .init("energy", .number(r.energy)),
            .init("offloaded", .number(r.offloaded)), .init("iterations", .int(max(s.history.count - 1, 0))),
        ])
    }
}
