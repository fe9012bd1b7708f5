// LAENetBench: exact-solver speed and heuristic quality on the paper's scales (release build).
//
// Usage: LAENetBench [--count N] [--seed S] [--scales a,b,...] [--profiles paper,balanced] [--node-limit N]
//                    [--jointly-feasible] [--msco]
// Prints Markdown tables (the source of Benchmarks/README.md §4).
import Foundation
import LAENet
import LabCore

struct Options {
    var count = 50
    var seed: UInt64 = 2026
    var scales = LAENetScale.paperScales
    var profiles = LAENetProfile.allCases
    var nodeLimit = 50_000_000
    var jointlyFeasible = false
    var msco = false

    init(_ args: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw LabError(.invalidInput, "\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--count": count = Int(try value()) ?? count
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--scales": scales = try value().split(separator: ",").map { try LAENetScale.parse(String($0)) }
            case "--profiles": profiles = try value().split(separator: ",").map { try LAENetProfile.parse(String($0)) }
            case "--node-limit": nodeLimit = Int(try value()) ?? nodeLimit
            case "--jointly-feasible": jointlyFeasible = true
            case "--msco": msco = true
            default: throw LabError(.invalidInput, "unknown argument \(args[i])")
            }
            i += 1
        }
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}

func now() -> Double { Date().timeIntervalSince1970 }

let options: Options
do { options = try Options(Array(CommandLine.arguments.dropFirst())) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let heuristics: [(String, @Sendable (LAENetModel, UInt64) -> Double)] = [
    ("mcmf", { m, s in m.solve(.mcmf, seed: s).cost }),
    ("random", { m, s in m.solve(.random, seed: s).cost }),
    ("random (opt. shares)", { m, s in m.solve(.random, seed: s).variants["optimal-shares"]?.cost ?? .infinity }),
    ("ao (single pass)", { m, s in m.solve(.ao, seed: s).variants["single-pass"]?.cost ?? .infinity }),
    ("ao (converged)", { m, s in m.solve(.ao, seed: s).cost }),
    ("local", { m, s in m.solve(.local, seed: s).cost }),
]

if options.msco {
    // GDSG's own problem: its label heuristic (stored labels, GDSG's proportional ratios, and the
    // same decisions with optimal √ shares) against the certified optimum.
    print("### MSCO (GDSG): label cost / certified optimum (\(options.count) instances per row, seed \(options.seed))\n")
    print("| scale | stored label (GDSG ratios) | label decisions, √ shares | accuracy at 1.1 | exact median s | exact max s | certified |")
    print("|---|---|---|---|---|---|---|")
    for (s, u) in [(3, 6), (3, 8), (4, 10), (4, 12)] {
        let instances = MSCOGenerator.generate(servers: s, users: u, seed: options.seed, count: options.count)
        var stored: [Double] = [], sqrt: [Double] = [], times: [Double] = []
        var certified = 0
        for inst in instances {
            let t0 = now()
            let r = ExactSolver(nodeLimit: options.nodeLimit).solve(inst.problem, seed: 0)
            times.append(now() - t0)
            if r.status == .optimal { certified += 1 }
            stored.append(inst.label!.cost / r.cost)
            sqrt.append(inst.problem.score(inst.labelDecisions!)!.cost / r.cost)
        }
        let acc = Double(stored.filter { $0 <= 1.1 }.count) / Double(stored.count)
        print("| \(s)s\(u)u | \(String(format: "%.3f", stored.reduce(0, +) / Double(stored.count))) | \(String(format: "%.3f", sqrt.reduce(0, +) / Double(sqrt.count))) | \(String(format: "%.2f", acc)) | \(String(format: "%.4f", median(times))) | \(String(format: "%.4f", times.max() ?? 0)) | \(certified)/\(instances.count) |")
    }
    exit(0)
}

var exactRows: [String] = []
var qualityRows: [String] = []
for profile in options.profiles {
    for scale in options.scales {
        let instances = LAENetGenerator.generate(scale: scale, profile: profile, seed: options.seed, count: options.count,
                                                 jointlyFeasible: options.jointlyFeasible)
        let models = instances.map { LAENetModel($0) }
        let solver = ExactSolver(nodeLimit: options.nodeLimit)
        var times: [Double] = []
        var nodes: [Double] = []
        var optimum: [Double] = []
        var certified = 0
        var infeasible = 0
        var offloaded = 0.0
        var maxGap = 0.0
        var feasibleCount = 0
        for m in models {
            let t0 = now()
            let r = m.solve(with: solver, seed: options.seed)
            times.append(now() - t0)
            if ProcessInfo.processInfo.environment["LAENET_BENCH_SLOW"] != nil, times.last! > 0.2 {
                FileHandle.standardError.write(Data("slow: \(profile) \(scale) #\(m.instance.index ?? -1) \(times.last!) s \(r.nodes) nodes \(r.status)\n".utf8))
            }
            nodes.append(Double(r.nodes))
            optimum.append(r.cost)
            if r.status == .optimal || r.status == .infeasible { certified += 1 }
            if r.status == .infeasible { infeasible += 1 }
            maxGap = max(maxGap, r.gap ?? 0)
            offloaded += Double(r.decisions?.filter { $0 >= 0 }.count ?? 0) / Double(m.instance.users.count)
            feasibleCount += r.decisions == nil ? 0 : 1
        }
        exactRows.append("| \(profile.rawValue) | \(scale) | \(models.count) | \(String(format: "%.4f", median(times))) | \(String(format: "%.4f", times.max() ?? 0)) | \(certified)/\(models.count) | \(infeasible) | \(String(format: "%.2g", maxGap)) | \(Int(median(nodes))) | \(String(format: "%.0f%%", 100 * offloaded / Double(max(1, feasibleCount)))) |")
        var cells: [String] = []
        for (_, run) in heuristics {
            let costs = ParallelMap.map(models.count) { i in run(models[i], options.seed) }
            let ratios = zip(costs, optimum).filter { $0.1.isFinite }.map { $0 / $1 }
            let mean = ratios.reduce(0, +) / Double(ratios.count)
            let acc = Double(ratios.filter { $0 <= 1.1 }.count) / Double(ratios.count)
            let minRatio = ratios.min() ?? .nan
            precondition(minRatio >= 1 - 1e-9, "a heuristic beat the certified optimum")
            cells.append("\(String(format: "%.3f", mean)) / \(String(format: "%.2f", acc))")
        }
        qualityRows.append("| \(profile.rawValue) | \(scale) | " + cells.joined(separator: " | ") + " |")
        FileHandle.standardError.write(Data("done \(profile) \(scale)\n".utf8))
    }
}

print("### Exact solver (\(options.count) instances per row, seed \(options.seed), one core, node limit \(options.nodeLimit)\(options.jointlyFeasible ? ", jointly-feasible generator" : ""))\n")
print("| profile | scale | n | median s | max s | certified | proven infeasible | max gap | median nodes | offloaded |")
print("|---|---|---|---|---|---|---|---|---|---|")
exactRows.forEach { print($0) }
print("\n### Heuristics: mean cost ratio to the certified optimum / accuracy at 1.1 (feasible instances)\n")
print("| profile | scale | " + heuristics.map(\.0).joined(separator: " | ") + " |")
print("|---|---|" + String(repeating: "---|", count: heuristics.count))
qualityRows.forEach { print($0) }
