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

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}

struct Row {
    var method: AIGCMethod
    var users: Int
    var perDrop: [Double]
    var iterations: [Int]
}

func time(_ method: AIGCMethod, users: Int) throws -> Row {
    let clock = ContinuousClock()
    var perDrop: [Double] = []
    var iterations: [Int] = []
    for seed in 1...drops {
        let drop = AIGCDrop.generate(seed: UInt64(seed), users: users)
        let solver = method.solver(seed: UInt64(seed))
        let warm = try solver.solve(drop)
        iterations.append(max(warm.history.count - 1, 0))
        var samples: [Double] = []
        for _ in 0..<repeats {
            var result: AIGCSolution?
            let elapsed = try clock.measure { result = try solver.solve(drop) }
            precondition(result?.costs == warm.costs, "non-deterministic solve")
            samples.append(milliseconds(elapsed))
        }
        perDrop.append(median(samples))
    }
    return Row(method: method, users: users, perDrop: perDrop, iterations: iterations)
}

print("AIGCBench: \(drops) drops per row, \(repeats) timed solves per drop (median), S_tot = 100")
print("")
print("| Method | N | Median ms/drop | Max ms/drop | SCA iterations (median, max) |")
print("|---|---:|---:|---:|---:|")
let plan: [(AIGCMethod, Int)] = [(.proposed, 8), (.proposed, 12), (.proposed, 16), (.exhaustive, 8), (.exhaustive, 10)]
for (method, users) in plan {
    let row = try time(method, users: users)
    let iters = method == .proposed
        ? "\(Int(median(row.iterations.map(Double.init)))), \(row.iterations.max() ?? 0)" : "–"
    print("| \(method.displayName) | \(users) | \(String(format: "%.2f", median(row.perDrop))) | \(String(format: "%.2f", row.perDrop.max() ?? 0)) | \(iters) |")
}

print("")
print("Optimality gap, proposed vs exhaustive, N = 8, seeds 1…50:")
print("")
print("| S_tot | Mean gap | Max gap | Drops within 1% | Drops optimal |")
print("|---:|---:|---:|---:|---:|")
for capacity in [40.0, 60, 100, 150, 200, 300] {
    var p = AIGCParameters.default
    p.edgeCapacity = capacity
    let g = try AIGCGapSummary.compare(seeds: (1...50).map(UInt64.init), users: 8, parameters: p)
    print("| \(Int(capacity)) | \(String(format: "%.4f%%", 100 * g.mean)) | \(String(format: "%.4f%%", 100 * g.max)) | \(String(format: "%.0f%%", 100 * g.withinOnePercent)) | \(String(format: "%.0f%%", 100 * g.optimal)) |")
}

// The brief's barrier method for the per-user P2 subproblem against the default closed form.
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
    print("Per-user P2 subproblem: barrier interior point (brief B.5) vs closed form, proposed method, N = 8, seeds 1…10:")
    print("")
    print("| Subproblem solver | Median ms/drop | Max ms/drop | Same final decision | Max rel. diff. of relaxation objective |")
    print("|---|---:|---:|---:|---:|")
    print("| barrier | \(String(format: "%.1f", median(times))) | \(String(format: "%.1f", times.max() ?? 0)) | \(identical)/\(seeds.count) | \(String(format: "%.1e", relaxationGap)) |")
}
