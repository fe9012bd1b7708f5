import AIGC
import Foundation
import LabCore
import Notebook

/// `aigc.parameters`
struct AIGCParametersBinding: Binding {
    static let description = BindingDescription("aigc.parameters", returns: .table,
        doc: "Every model parameter with its value (docs/aigc.md §B.2), as a table with columns parameter, value.")

    func call(_ context: any CallContext) throws -> Value {
        let rows = AIGCParameters.default.table
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("parameter", .strings(rows.map(\.key))), .init("value", .numbers(rows.map(\.value)))])
        })
    }
}

/// `aigc.convergence`
struct AIGCConvergenceBinding: Binding {
    static let description = BindingDescription("aigc.convergence", returns: .table, memoised: true,
        doc: "The proposed solver's SCA iterations on one drop.\nOne row per (iteration, user): s_tot, iteration, objective, penalized, integrality (Σa(1−a)), user, a.")
    @Parameter(.positive(upTo: 1e6), doc: "maximum assignable edge steps S_tot") var sTot: Double
    @Parameter(.cellSeed, doc: "drop seed") var seed: UInt64
    @Parameter(default: 8, .integers(1...AIGCBindings.maximumUsers)) var users: Int

    func call(_ context: any CallContext) throws -> Value {
        let drop = AIGCDrop.generate(seed: seed, users: users).with { $0.edgeCapacity = sTot }
        let trace = AIGCConvergence(try drop.solve(method: .proposed, seed: 1))
        var cols: [String: [Double]] = [:]
        for (i, it) in trace.iteration.enumerated() {
            for u in trace.offload.indices {  // offload is user-major: offload[user][iteration]
                let a = trace.offload[u][i]
                cols["s_tot", default: []].append(sTot)
                cols["iteration", default: []].append(Double(it))
                cols["objective", default: []].append(trace.objective[i])
                cols["penalized", default: []].append(trace.penalizedObjective[i])
                cols["integrality", default: []].append(trace.integralityGap[i])
                cols["user", default: []].append(Double(u + 1))
                cols["a", default: []].append(a)
            }
        }
        let names = ["s_tot", "iteration", "objective", "penalized", "integrality", "user", "a"]
        return .table(try tableOperation { () throws(TableError) in try Table(names.map { .init($0, .numbers(cols[$0] ?? [])) }) })
    }
}

/// `aigc.sweep`
struct AIGCSweepBinding: Binding {
    static let description = BindingDescription("aigc.sweep", returns: .table, memoised: true,
        doc: "Every method on every seeded drop at every sweep point (paired: a seed has the same users at every point).\nColumns: sweep, value, label, costs, utilities, seed, method, feasible (0/1), objective, mean_time (s), mean_error, energy (J), utility, offloaded, iterations.")
    /// The sweeps of docs/aigc.md §B.8.
    enum Sweep: String, CaseIterable, ArgumentValue {
        case edgeCapacity = "edge_capacity", localStepLimit = "local_step_limit", weights
        var points: [AIGCSweepPoint] {
            switch self {
            case .edgeCapacity: AIGCSweep.edgeCapacity()
            case .localStepLimit: AIGCSweep.localStepLimit()
            case .weights: AIGCSweep.weights()
            }
        }
    }
    @Parameter(doc: "edge_capacity (S_tot 40…300), local_step_limit (S_L 10…50 at S_tot 100) or weights (12 weight sets)") var sweep: Sweep
    @Parameter(default: 20, .integers(1...AIGCBindings.maximumDrops), doc: "drops per point (seeds 1…seeds)") var seeds: Int
    @Parameter(default: 8, .integers(1...AIGCBindings.maximumUsers)) var users: Int
    @Parameter(default: AIGCMethod.allCases, doc: "method names") var methods: [AIGCMethod]

    func call(_ context: any CallContext) throws -> Value {
        let points = sweep.points
        let drops = (1...seeds).map(UInt64.init)
        var records: [AIGCRecord] = []
        for (i, point) in points.enumerated() {
            records += try AIGCSweep.run(points: [point], seeds: drops, users: users, methods: methods)
            context.progress(i + 1, of: points.count, "sweeping \(point.sweep)")
        }
        return .table(try Table.aigcRecords(records))
    }
}

/// `aigc.gap`
struct AIGCGapBinding: Binding {
    static let description = BindingDescription("aigc.gap", returns: .table, memoised: true,
        doc: "The proposed solver against exhaustive search, one row per drop.\nColumns: seed, proposed, exhaustive, gap ((proposed − exhaustive)/|exhaustive|), optimal (gap ≤ 1e-9), within_1pct.")
    @Parameter(default: 50, .integers(1...AIGCBindings.maximumDrops), doc: "drops (seeds 1…drops)") var drops: Int
    @Parameter(default: 8, .integers(1...AIGCBindings.maximumUsers)) var users: Int
    @Parameter(default: 100, .positive(upTo: 1e6), doc: "maximum assignable edge steps S_tot") var sTot: Double

    func call(_ context: any CallContext) throws -> Value {
        var proposed: [Double] = [], exhaustive: [Double] = []
        for seed in 1...drops {
            let drop = AIGCDrop.generate(seed: UInt64(seed), users: users).with { $0.edgeCapacity = sTot }
            proposed.append(try drop.solve(method: .proposed, seed: UInt64(seed)).reported.objective)
            exhaustive.append(try drop.solve(method: .exhaustive, seed: UInt64(seed)).reported.objective)
            context.progress(seed, of: drops, "proposed vs exhaustive")
        }
        let gaps = zip(proposed, exhaustive).map { ($0 - $1) / Swift.max(Swift.abs($1), 1e-12) }
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("seed", .numbers((1...drops).map(Double.init))), .init("proposed", .numbers(proposed)),
                       .init("exhaustive", .numbers(exhaustive)), .init("gap", .numbers(gaps)),
                       .init("optimal", .numbers(gaps.map { $0 <= 1e-9 ? 1 : 0 })), .init("within_1pct", .numbers(gaps.map { $0 <= 0.01 ? 1 : 0 }))])
        })
    }
}

/// `aigc.runtime`
struct AIGCRuntimeBinding: Binding {
    static let description = BindingDescription("aigc.runtime", returns: .table, memoised: true,
        doc: "Wall time per drop against N (median of 5 solves per drop after a warm-up).\nA measurement of this machine, memoised like any result: re-measure with --recompute CELL. Columns: method, users, median_ms, max_ms, iterations.")
    @Parameter(.integers(1...AIGCBindings.maximumUsers), doc: "user counts N") var users: [Int]
    @Parameter(doc: "method names") var methods: [AIGCMethod]
    @Parameter(default: 10, .integers(1...AIGCBindings.maximumDrops), doc: "drops per point (seeds 1…seeds)") var seeds: Int
    @Parameter(default: 10, .integers(0...AIGCBindings.maximumUsers), doc: "exhaustive is skipped above this N (2^N solves)") var maxExhaustiveUsers: Int

    func call(_ context: any CallContext) throws -> Value {
        let drops = (1...seeds).map(UInt64.init)
        var m: [String] = [], n: [Double] = [], med: [Double] = [], mx: [Double] = [], it: [Double] = []
        var done = 0
        for method in methods {
            for u in users where method != .exhaustive || u <= maxExhaustiveUsers {
                let row = try AIGCRuntime.measure(method, users: u, seeds: drops)
                m.append(method.rawValue); n.append(Double(u)); med.append(row.median)
                mx.append(row.milliseconds.max() ?? 0)
                it.append(row.iterations.isEmpty ? 0 : Double(row.iterations.reduce(0, +)) / Double(row.iterations.count))
                done += 1
                context.progress(done, of: methods.count * users.count, "timing")
            }
        }
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("method", .strings(m)), .init("users", .numbers(n)), .init("median_ms", .numbers(med)),
                       .init("max_ms", .numbers(mx)), .init("iterations", .numbers(it))])
        })
    }
}
