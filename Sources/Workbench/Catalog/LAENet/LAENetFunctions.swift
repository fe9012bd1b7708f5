import LabCore
import LAENet
import Notebook

/// `laenet.dataset`
struct LAENetDatasetBinding: Binding {
    static let description = BindingDescription("laenet.dataset", returns: .library(LAENetDataset.typeName), memoised: true,
        doc: "LAENet instances generated deterministically (docs/laenet.md §6), on all cores.\nThe same arguments give the same instances on every machine. `overrides` replaces model constants of docs/laenet.md §2 by name (each finite and above 0), e.g. {bandwidth_hz: 2e7, hap_cpu_hz: 1e10}; positions and tasks come from the same random streams.")
    @Parameter(doc: "gsX_guY_auZ, e.g. gs2_gu4_au2") var scale: String
    @Parameter(default: 100, .integers(1...LAENetGenerator.maximumCount), doc: "number of instances") var count: Int
    @Parameter(default: .balanced, doc: "paper or balanced") var profile: LAENetProfile
    @Parameter(.cellSeed, doc: "generator seed; instance i uses stream (scale, profile, seed, i)") var seed: UInt64
    @Parameter(default: false, doc: "redraw deadline-forced users until the whole instance is feasible (extension of docs/laenet.md §6, see §8.1 there)") var jointlyFeasible: Bool
    @Parameter(default: .record([]), .fields(LAENetConstants.names, values: .positive(upTo: LAENetInstance.maximumMagnitude)),
               doc: "model constants replacing the profile's, by name, e.g. {bandwidth_hz: 2e7}", keyedAtDefault: false) var overrides: Value

    func call(_ context: any CallContext) throws -> Value {
        let scale: LAENetScale
        do { scale = try LAENetScale.parse(self.scale) } catch let e as LabError {
            throw ArgumentError(parameter: "scale", message: e.message)
        }
        let constants = try LAENetConstantOverrides.constants(profile: profile, overrides: overrides, function: "laenet.dataset")
        context.progress(0, of: count, "generating")
        let instances = LAENetGenerator.generate(scale: scale, profile: profile, seed: seed, count: count, jointlyFeasible: jointlyFeasible,
                                                 constants: constants)
        context.progress(count, of: count, "generated")
        return .library(LAENetDataset(scale: scale.description, profile: profile.rawValue, instances: instances))
    }
}

/// `laenet.solve`
struct LAENetSolve: Binding {
    static let description = BindingDescription("laenet.solve", returns: .library(LAENetSolutions.typeName), memoised: true,
        doc: "Solves every instance with one method, on all cores.\n`exact` certifies optima (status optimal) or proves infeasibility; `mcmf`, `ao` and `local` are scored with the optimal shares of their decisions, `random` (the paper's RE) with its random Dirichlet shares.")
    @Parameter var dataset: LAENetDataset
    @Parameter(doc: "exact, mcmf, random, ao or local") var method: SolverMethod
    @Parameter(.cellSeed, doc: "seed of randomised methods; instance i uses a seed derived from it") var seed: UInt64

    func call(_ context: any CallContext) throws -> Value {
        let solver = method.solver
        return .library(LAENetSolutions.solving(dataset, method: method.rawValue, context: context, label: "solving with \(method.rawValue)") { models, range in
            ParallelMap.map(models.count) { j in
                let r = solver.solve(models[j].problem, seed: LAENetModel.batchSeed(seed, index: range.lowerBound + j))
                return LAENetSolutions.Entry(decisions: r.decisions, cost: r.cost.isFinite ? r.cost : nil, status: r.status.rawValue, lowerBound: r.lowerBound)
            }
        })
    }
}

/// `laenet.evaluate`
struct LAENetEvaluate: Binding {
    static let description = BindingDescription("laenet.evaluate", returns: .table,
        doc: "Per-instance cost ratios against the reference, as a table.\nColumns: method, instance, cost, reference, ratio (method / reference), accurate (1 when ratio < 1.1), certified (1 when the reference is a proven optimum); when some solutions carry costs with generated shares (diffusion.solve), also generated_cost and generated_ratio (nan for methods without them). Instances the reference proves infeasible are left out; a method that found nothing on a feasible instance gets ratio +inf and accurate 0.")
    @Parameter var dataset: LAENetDataset
    @Parameter(doc: "laenet.solutions values, one per method") var solutions: [Value]
    @Parameter(doc: "the exact solutions to compare against") var reference: LAENetSolutions

    func call(_ context: any CallContext) throws -> Value {
        guard reference.entries.count == dataset.instances.count else {
            throw ArgumentError(parameter: "reference", message: "`reference` has \(reference.entries.count) results but the dataset has \(dataset.instances.count) instances")
        }
        let references = reference.entries.map { (cost: $0.cost, certified: $0.status == "optimal") }
        var methods: [String] = [], rows = CostRatioEvaluation(costs: [], references: [])
        var generatedCost: [Double] = [], generatedRatio: [Double] = [], anyGenerated = false
        for v in solutions {
            guard let s = LAENetSolutions(argument: v) else {
                throw ArgumentError(parameter: "solutions", message: "`solutions` must be a list of laenet.solutions, found \(v.type)")
            }
            guard s.entries.count == dataset.instances.count else {
                throw ArgumentError(parameter: "solutions", message: "solutions of `\(s.method)` have \(s.entries.count) results for \(dataset.instances.count) instances")
            }
            let e = CostRatioEvaluation(costs: s.entries.map(\.cost), references: references)
            methods += Array(repeating: s.method, count: e.instance.count)
            rows.instance += e.instance; rows.cost += e.cost; rows.reference += e.reference
            rows.ratio += e.ratio; rows.accurate += e.accurate; rows.certified += e.certified
            if s.entries.contains(where: { $0.generatedCost != nil }) {
                anyGenerated = true
                let g = CostRatioEvaluation(costs: s.entries.map(\.generatedCost), references: references)
                generatedCost += g.cost; generatedRatio += g.ratio
            } else {
                generatedCost += Array(repeating: .nan, count: e.instance.count)
                generatedRatio += Array(repeating: .nan, count: e.instance.count)
            }
        }
        func flags(_ b: [Bool]) -> Table.Column.Data { .numbers(b.map { $0 ? 1 : 0 }) }
        return .table(try tableOperation { () throws(TableError) in
            try Table([.init("method", .strings(methods)), .init("instance", .numbers(rows.instance.map(Double.init))), .init("cost", .numbers(rows.cost)),
                       .init("reference", .numbers(rows.reference)), .init("ratio", .numbers(rows.ratio)), .init("accurate", flags(rows.accurate)),
                       .init("certified", flags(rows.certified))]
                      + (anyGenerated ? [.init("generated_cost", .numbers(generatedCost)), .init("generated_ratio", .numbers(generatedRatio))] : []))
        })
    }
}
