import LabCore
import LAENet
import Notebook

extension Catalog {
    /// `laenet.*`: generate datasets, solve them with each method, evaluate against the optimum.
    mutating func registerLAENet() {
        register(LAENetDataset.self)
        register(LAENetSolutions.self)

        register(CatalogFunction(FunctionSignature(
            name: "laenet.dataset", parameters: [
                .init("scale", .string, doc: "gsX_guY_auZ, e.g. gs2_gu4_au2"),
                .init("count", .int, default: .int(100), doc: "number of instances"),
                .init("profile", .string, default: .string("balanced"), doc: "paper or balanced"),
                .init("seed", .int, default: .int(0), doc: "generator seed; instance i uses stream (scale, profile, seed, i)"),
                .init("jointly_feasible", .bool, default: .bool(false), doc: "redraw deadline-forced users until the whole instance is feasible (extension of the spec)"),
            ], returns: .library(LAENetDataset.typeName), version: 1, memoised: true,
            doc: "LAENet instances generated deterministically (spec §6), on all cores.\nThe same arguments give the same instances on every machine."
        )) { args, context in
            let scale = try LAENetScale.parse(try args.string("scale"))
            let profile = try LAENetProfile.parse(try args.string("profile"))
            let count = try args.int("count"), seed = try args.int("seed")
            guard count > 0, count <= 1_000_000 else { throw LabError(.invalidInput, "`count` must be between 1 and 1000000, not \(count)") }
            guard seed >= 0 else { throw LabError(.invalidInput, "`seed` must be non-negative") }
            context.progress(0, of: count, "generating")
            let instances = LAENetGenerator.generate(scale: scale, profile: profile, seed: UInt64(seed), count: count,
                                                     jointlyFeasible: try args.bool("jointly_feasible"))
            context.progress(count, of: count, "generated")
            return .library(LAENetDataset(scale: scale.description, profile: profile.rawValue, instances: instances))
        })

        register(CatalogFunction(FunctionSignature(
            name: "laenet.solve", parameters: [
                .init("dataset", .library(LAENetDataset.typeName)),
                .init("method", .string, doc: "exact, mcmf, random, ao or local"),
                .init("seed", .int, default: .int(0), doc: "seed of randomised methods; instance i uses a seed derived from it"),
            ], returns: .library(LAENetSolutions.typeName), version: 1, memoised: true,
            doc: "Solves every instance with one method, on all cores.\n`exact` certifies optima (status optimal) or proves infeasibility; `mcmf`, `ao` and `local` are scored with the optimal shares of their decisions, `random` (the paper's RE) with its random Dirichlet shares."
        )) { args, context in
            let dataset = try args.library("dataset", as: LAENetDataset.self)
            let name = try args.string("method")
            guard let method = SolverMethod(rawValue: name) else {
                throw LabError(.invalidInput, "unknown method `\(name)`; the methods are \(SolverMethod.allCases.map(\.rawValue).joined(separator: ", "))\(Suggest.hint(for: name, in: SolverMethod.allCases.map(\.rawValue)))")
            }
            let seed = UInt64(max(0, try args.int("seed")))
            let models = dataset.instances.map(LAENetModel.init)
            let solver = method.solver
            var results: [SolverResult] = []
            let chunk = 32
            for start in stride(from: 0, to: models.count, by: chunk) {
                // Chunks only pace the progress bar: instance i always gets batchSeed(seed, i).
                let end = min(models.count, start + chunk)
                results += ParallelMap.map(end - start) { j in
                    solver.solve(models[start + j].problem, seed: LAENetModel.batchSeed(seed, index: start + j))
                }
                context.progress(results.count, of: models.count, "solving with \(name)")
            }
            return .library(LAENetSolutions(method: name, entries: results.map {
                .init(decisions: $0.decisions, cost: $0.cost.isFinite ? $0.cost : nil, status: $0.status.rawValue, lowerBound: $0.lowerBound)
            }))
        })

        register(CatalogFunction(FunctionSignature(
            name: "laenet.evaluate", parameters: [
                .init("dataset", .library(LAENetDataset.typeName)),
                .init("solutions", .list, doc: "laenet.solutions values, one per method"),
                .init("reference", .library(LAENetSolutions.typeName), doc: "the exact solutions to compare against"),
            ], returns: .table, version: 1,
            doc: "Per-instance cost ratios against the reference, as a table.\nColumns: method, instance, cost, reference, ratio (method / reference), accurate (1 when ratio < 1.1), certified (1 when the reference is a proven optimum). Instances the reference proves infeasible are left out; a method that found nothing on a feasible instance gets ratio +inf and accurate 0."
        )) { args, _ in
            let dataset = try args.library("dataset", as: LAENetDataset.self)
            let reference = try args.library("reference", as: LAENetSolutions.self)
            guard reference.entries.count == dataset.instances.count else {
                throw LabError(.invalidInput, "`reference` has \(reference.entries.count) results but the dataset has \(dataset.instances.count) instances")
            }
            var methods: [String] = [], instance: [Double] = [], cost: [Double] = [], ref: [Double] = [], ratio: [Double] = [], accurate: [Double] = [], certified: [Double] = []
            for v in try args.list("solutions") {
                guard case .library(let l) = v, let s = l as? LAENetSolutions else {
                    throw LabError(.invalidInput, "`solutions` must be a list of laenet.solutions, found \(v.type)")
                }
                guard s.entries.count == dataset.instances.count else {
                    throw LabError(.invalidInput, "solutions of `\(s.method)` have \(s.entries.count) results for \(dataset.instances.count) instances")
                }
                for (i, (e, r)) in zip(s.entries, reference.entries).enumerated() {
                    guard let optimum = r.cost else { continue }
                    let c = e.cost ?? .infinity
                    methods.append(s.method)
                    instance.append(Double(i))
                    cost.append(c)
                    ref.append(optimum)
                    ratio.append(c / optimum)
                    accurate.append(c / optimum < 1.1 ? 1 : 0)
                    certified.append(r.status == "optimal" ? 1 : 0)
                }
            }
            return .table(try tableOperation { () throws(TableError) in
                try Table([.init("method", .strings(methods)), .init("instance", .numbers(instance)), .init("cost", .numbers(cost)),
                           .init("reference", .numbers(ref)), .init("ratio", .numbers(ratio)), .init("accurate", .numbers(accurate)),
                           .init("certified", .numbers(certified))])
            })
        })
    }
}
