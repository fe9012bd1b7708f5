// AIGCBench: solve time per drop of the proposed SCA+KKT method and of exhaustive search
// (issue 9), plus the proposed-vs-exhaustive optimality gap over 50 drops.
//
//   swift build -c release --product AIGCBench && .build/release/AIGCBench [drops] [repeats]
//
// Each timed row solves `drops` seeded drops (seeds 1…drops, S_tot = 100, default parameters),
// every drop `repeats` times after one warm-up solve, one thread; the per-drop time is the
// median over the repeats. The table reports the median and max over drops.
import AIGC
import Foundation
import LabCore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let drops = arguments.first ?? 20
let repeats = arguments.dropFirst().first ?? 5

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
}

let median = AIGCRuntime.median

print("AIGCBench: \(drops) drops per row, \(repeats) timed solves per drop (median), S_tot = 100")
print("")
print("| Method | N | Median ms/drop | Max ms/drop | SCA iterations (median, max) |")
print("|---|---:|---:|---:|---:|")
let plan: [(AIGCMethod, Int)] = [(.proposed, 8), (.proposed, 12), (.proposed, 16), (.exhaustive, 8), (.exhaustive, 10)]
for (method, users) in plan {
    let row = try AIGCRuntime.measure(method, users: users, seeds: (1...drops).map(UInt64.init), repeats: repeats)
    let iters = method == .proposed
        ? "\(Int(median(row.iterations.map(Double.init)))), \(row.iterations.max() ?? 0)" : "–"
    print("| \(method.displayName) | \(users) | \(String(format: "%.2f", row.median)) | \(String(format: "%.2f", row.milliseconds.max() ?? 0)) | \(iters) |")
}

print("")
print("Optimality gap, proposed vs exhaustive, N = 8, seeds 1…50:")
print("")
print("| S_tot | Mean gap | Max gap | Drops within 1% | Drops optimal |")
print("|---:|---:|---:|---:|---:|")
for capacity in [40.0, 60, 80, 100, 150, 200, 300] {
    var p = AIGCParameters.default
    p.edgeCapacity = capacity
    let g = try AIGCGapSummary.compare(seeds: (1...50).map(UInt64.init), users: 8, parameters: p)
    print("| \(Int(capacity)) | \(String(format: "%.4f%%", 100 * g.mean)) | \(String(format: "%.4f%%", 100 * g.max)) | \(String(format: "%.0f%%", 100 * g.withinOnePercent)) | \(String(format: "%.0f%%", 100 * g.optimal)) |")
}

// Proposed against every baseline on the main sweep's drops (docs/aigc.md §B.8 iii, first clause).
do {
    print("")
    print("Proposed vs baselines, N = 8, seeds 1…20, S_tot ∈ {40, 60, 80, 100, 150, 200, 300} (140 drops):")
    print("")
    print("| Baseline | Drops where it beats proposed | Drops infeasible | Mean objective excess over proposed |")
    print("|---|---:|---:|---:|")
    let points = AIGCSweep.edgeCapacity()
    let records = try AIGCSweep.run(points: points, seeds: (1...20).map(UInt64.init), users: 8)
    let proposed = Dictionary(uniqueKeysWithValues: records.filter { $0.method == "proposed" }.map { ("\($0.value)/\($0.seed)", $0.objective) })
    for method in AIGCMethod.allCases where method != .proposed {
        let rows = records.filter { $0.method == method.rawValue }
        let feasible = rows.filter(\.feasible)
        let beats = feasible.filter { $0.objective < proposed["\($0.value)/\($0.seed)"]! * (1 - 1e-9) }.count
        let excess = feasible.map { ($0.objective - proposed["\($0.value)/\($0.seed)"]!) / proposed["\($0.value)/\($0.seed)"]! }
        let mean = excess.isEmpty ? 0 : excess.reduce(0, +) / Double(excess.count)
        print("| \(method.displayName) | \(beats) | \(rows.count - feasible.count) | \(String(format: "%+.2f%%", 100 * mean)) |")
    }
}

// The barrier method of docs/aigc.md §B.5 for the per-user P2 subproblem against the default closed form.
do {
    var options = AIGCSCAOptions()
    options.subproblem = .barrier
    let clock = ContinuousClock()
    var identical = 0
    var times: [Double] = []
    var relaxationGap = 0.0
    let seeds = 1...10
    for seed in seeds {
        let drop = AIGCDrop.generate(seed: UInt64(seed), users: 8)
        let exact = try drop.solve(method: .proposed)
        var barrier: AIGCSolution?
        times.append(milliseconds(try clock.measure { barrier = try drop.solve(method: .proposed, options: options) }))
        guard let barrier else { continue }
        if barrier.decision == exact.decision { identical += 1 }
        if let a = exact.history.first?.objective, let b = barrier.history.first?.objective {
            relaxationGap = max(relaxationGap, abs(b - a) / abs(a))
        }
    }
    print("")
    print("Per-user P2 subproblem: barrier interior point (docs/aigc.md §B.5) vs closed form, proposed method, N = 8, seeds 1…10:")
    print("")
    print("| Subproblem solver | Median ms/drop | Max ms/drop | Same final decision | Max rel. diff. of relaxation objective |")
    print("|---|---:|---:|---:|---:|")
    print("| barrier | \(String(format: "%.1f", median(times))) | \(String(format: "%.1f", times.max() ?? 0)) | \(identical)/\(seeds.count) | \(String(format: "%.1e", relaxationGap)) |")
}
