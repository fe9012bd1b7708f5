import AIGC
import Foundation
import LabCore
import Notebook

extension Catalog {
    /// `aigc.*`: the AIGC offloading and quality-control system (brief section B) as tables.
    mutating func registerAIGC() {
        register(CatalogFunction(FunctionSignature(
            name: "aigc.parameters", parameters: [], returns: .table, version: 1,
            doc: "Every model parameter with its value (brief B.2), as a table with columns parameter, value."
        )) { _, _ in
            let rows = AIGCParameters.default.table
            return .table(try tableOperation { () throws(TableError) in
                try Table([.init("parameter", .strings(rows.map(\.key))), .init("value", .numbers(rows.map(\.value)))])
            })
        })

        register(CatalogFunction(FunctionSignature(
            name: "aigc.convergence", parameters: [
                .init("s_tot", .number, doc: "maximum assignable edge steps S_tot"),
                .init("seed", .int, default: .int(1)), .init("users", .int, default: .int(8)),
            ], returns: .table, version: 1, memoised: true,
            doc: "The proposed solver's SCA iterations on one drop.\nOne row per (iteration, user): s_tot, iteration, objective, penalized, integrality (Σa(1−a)), user, a."
        )) { args, _ in
            let sTot = try args.number("s_tot")
            let drop = AIGCDrop.generate(seed: UInt64(max(0, try args.int("seed"))), users: try Catalog.users(args)).with { $0.edgeCapacity = sTot }
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
        })

        register(CatalogFunction(FunctionSignature(
            name: "aigc.sweep", parameters: [
                .init("sweep", .string, doc: "edge_capacity (S_tot 40…300), local_step_limit (S_L 10…50 at S_tot 100) or weights (12 weight sets)"),
                .init("seeds", .int, default: .int(20), doc: "drops per point (seeds 1…seeds)"),
                .init("users", .int, default: .int(8)),
                .init("methods", .list, default: .list(AIGCMethod.allCases.map { .string($0.rawValue) }), doc: "method names"),
            ], returns: .table, version: 1, memoised: true,
            doc: "Every method on every seeded drop at every sweep point (paired: a seed has the same users at every point).\nColumns: sweep, value, label, costs, utilities, seed, method, feasible (0/1), objective, mean_time (s), mean_error, energy (J), utility, offloaded, iterations."
        )) { args, context in
            let points: [AIGCSweepPoint]
            switch try args.string("sweep") {
            case "edge_capacity": points = AIGCSweep.edgeCapacity()
            case "local_step_limit": points = AIGCSweep.localStepLimit()
            case "weights": points = AIGCSweep.weights()
            case let s: throw LabError(.invalidInput, "unknown sweep `\(s)`; the sweeps are edge_capacity, local_step_limit and weights")
            }
            let methods = try Catalog.methods(args)
            let seeds = (1...max(1, try args.int("seeds"))).map(UInt64.init)
            var records: [AIGCRecord] = []
            for (i, point) in points.enumerated() {
                records += try AIGCSweep.run(points: [point], seeds: seeds, users: try Catalog.users(args), methods: methods)
                context.progress(i + 1, of: points.count, "sweeping \(point.sweep)")
            }
            return .table(try Catalog.table(records))
        })

        register(CatalogFunction(FunctionSignature(
            name: "aigc.gap", parameters: [
                .init("drops", .int, default: .int(50)), .init("users", .int, default: .int(8)),
                .init("s_tot", .number, default: .number(100)),
            ], returns: .table, version: 1, memoised: true,
            doc: "The proposed solver against exhaustive search, one row per drop.\nColumns: seed, proposed, exhaustive, gap ((proposed − exhaustive)/|exhaustive|), optimal (gap ≤ 1e-9), within_1pct."
        )) { args, context in
            let n = max(1, try args.int("drops")), users = try Catalog.users(args), sTot = try args.number("s_tot")
            var proposed: [Double] = [], exhaustive: [Double] = []
            for seed in 1...n {
                let drop = AIGCDrop.generate(seed: UInt64(seed), users: users).with { $0.edgeCapacity = sTot }
                proposed.append(try drop.solve(method: .proposed, seed: UInt64(seed)).reported.objective)
                exhaustive.append(try drop.solve(method: .exhaustive, seed: UInt64(seed)).reported.objective)
                context.progress(seed, of: n, "proposed vs exhaustive")
            }
            let gaps = zip(proposed, exhaustive).map { ($0 - $1) / Swift.max(Swift.abs($1), 1e-12) }
            return .table(try tableOperation { () throws(TableError) in
                try Table([.init("seed", .numbers((1...n).map(Double.init))), .init("proposed", .numbers(proposed)),
                           .init("exhaustive", .numbers(exhaustive)), .init("gap", .numbers(gaps)),
                           .init("optimal", .numbers(gaps.map { $0 <= 1e-9 ? 1 : 0 })), .init("within_1pct", .numbers(gaps.map { $0 <= 0.01 ? 1 : 0 }))])
            })
        })

        register(CatalogFunction(FunctionSignature(
            name: "aigc.runtime", parameters: [
                .init("users", .list, doc: "user counts N"), .init("methods", .list, doc: "method names"),
                .init("seeds", .int, default: .int(10)), .init("max_exhaustive_users", .int, default: .int(10), doc: "exhaustive is skipped above this N (2^N solves)"),
            ], returns: .table, version: 1, memoised: true,
            doc: "Wall time per drop against N (median of 5 solves per drop after a warm-up).\nA measurement of this machine, memoised like any result: re-measure with --force. Columns: method, users, median_ms, max_ms, iterations."
        )) { args, context in
            let users = try args.list("users").map { v -> Int in
                guard let d = v.asDouble, d >= 1 else { throw LabError(.invalidInput, "`users` must be a list of positive whole numbers") }
                return Int(d)
            }
            let methods = try Catalog.methods(args)
            let limit = try args.int("max_exhaustive_users"), seeds = (1...max(1, try args.int("seeds"))).map(UInt64.init)
            var m: [String] = [], n: [Double] = [], med: [Double] = [], mx: [Double] = [], it: [Double] = []
            var done = 0
            for method in methods {
                for u in users where method != .exhaustive || u <= limit {
                    let row = try AIGCRuntime.measure(method, users: u, seeds: seeds)
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
        })
    }

    static func users(_ args: Arguments) throws -> Int {
        let u = try args.int("users")
        guard (1...20).contains(u) else { throw LabError(.invalidInput, "`users` must be between 1 and 20, not \(u)") }
        return u
    }

    static func methods(_ args: Arguments) throws -> [AIGCMethod] {
        try args.strings("methods").map { name in
            guard let m = AIGCMethod(rawValue: name) else {
                let all = AIGCMethod.allCases.map(\.rawValue)
                throw LabError(.invalidInput, "unknown method `\(name)`; the methods are \(all.joined(separator: ", "))\(Suggest.hint(for: name, in: all))")
            }
            return m
        }
    }

    /// Sweep records as a table (weight labels split into their cost and utility parts).
    static func table(_ records: [AIGCRecord]) throws -> Table {
        func parts(_ label: String) -> (String, String) {
            guard let r = label.range(of: " w=") else { return (label, "") }
            return (String(label[..<r.lowerBound]), String(label[label.index(after: r.lowerBound)...]))
        }
        let split = records.map { parts($0.label) }
        return try tableOperation { () throws(TableError) in
            try Table([
                .init("sweep", .strings(records.map(\.sweep))), .init("value", .numbers(records.map(\.value))),
                .init("label", .strings(records.map(\.label))), .init("costs", .strings(split.map(\.0))), .init("utilities", .strings(split.map(\.1))),
                .init("seed", .numbers(records.map { Double($0.seed) })), .init("method", .strings(records.map(\.method))),
                .init("feasible", .numbers(records.map { $0.feasible ? 1 : 0 })), .init("objective", .numbers(records.map(\.objective))),
                .init("mean_time", .numbers(records.map(\.meanTime))), .init("mean_error", .numbers(records.map(\.meanError))),
                .init("energy", .numbers(records.map(\.energy))), .init("utility", .numbers(records.map(\.utility))),
                .init("offloaded", .numbers(records.map(\.offloaded))), .init("iterations", .numbers(records.map { Double($0.iterations) })),
            ])
        }
    }
}
