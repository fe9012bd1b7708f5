// VehicularBench: per-slot decision time of Greedy, GA and the DPP coordinate search at M = 10
// and 20, replay throughput, Algorithm C-1's gap to the exact allocation, and the calibration table of docs/vehicular.md §3
// calibration table recomputed (issue 15).
//
//   swift build -c release --product VehicularBench && .build/release/VehicularBench [slots]
//
// Decision times: each method decides every slot of its own 100-slot episode (seed 1, λ = 1,
// default parameters; the states are the ones its earlier decisions lead to), one thread; the
// table gives the median and max over slots. Replay: Greedy- and DPP-decided 1,000-slot
// episodes (seed 2) replayed 5 times each, slots per second of the fastest run.
import Foundation
import LabCore
import Vehicular

let slotsArgument = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 100
let clock = ContinuousClock()

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
}

func scenario(vehicles: Int, rate: Double = 1.0, slots: Int, rsu: Double = 200) -> VehicularScenario {
    var s = VehicularScenario()
    s.vehicles = vehicles
    s.arrivalRate = rate
    s.slots = slots
    s.parameters.rsuGFLOPS = rsu
    return s
}

print("VehicularBench: \(slotsArgument) slots per episode, seed 1, λ = 1, F = 200, V = 10")
print("")
print("| Method | M | Median ms/slot | Max ms/slot |")
print("|---|---:|---:|---:|")
for m in [10, 20] {
    let trace = try scenario(vehicles: m, slots: slotsArgument).trace(seed: 1)
    for method in [VehicularMethod.greedy, .ga, .dpp] {
        var random = RandomSource(seed: 1, stream: "bench")
        var episode = VehicularEpisode(trace)
        var times: [Double] = []
        for t in trace.slots.indices {
            let slot = episode.problem(positions: trace.slots[t].positions)
            var decision = slot.allLocal
            times.append(milliseconds(clock.measure { decision = slot.decide(method, random: &random) }))
            _ = episode.step(decision, arrivals: trace.slots[t].arrivals)
        }
        print("| \(method.rawValue) | \(m) | \(String(format: "%.3f", median(times))) | \(String(format: "%.3f", times.max() ?? 0)) |")
    }
}

print("")
print("| Replay | M | slots | slots/s |")
print("|---|---:|---:|---:|")
for method in [VehicularMethod.greedy, .dpp] {
    for m in [10, 20] {
        let trace = try scenario(vehicles: m, slots: 1000).trace(seed: 2).solved(method: method)
        var best = Double.infinity
        for _ in 0..<5 { best = min(best, milliseconds(try clock.measure { _ = try trace.replay() })) }
        print("| \(method.rawValue)-decided | \(m) | 1000 | \(String(format: "%.0f", 1000 / (best / 1000))) |")
    }
}

// Algorithm C-1 against the exact allocation on random slots drawn like the simulator's states
// (default mix, x ~ U[0, 1000), f_loc ~ U[15, 25], Q ~ U[0, 20], partitions uniform over each
// model's offloading candidates). Gap = (J_k − J*)/|J*| of the edge part of J.
print("")
print("| M | slots | C-1 iterations | median gap | max gap | exact µs/call | C-1 (10) µs/call |")
print("|---:|---:|---:|---:|---:|---:|---:|")
var random = RandomSource(seed: 3)
for m in [10, 20] {
    var problems: [EdgeAllocation] = []
    for _ in 0..<500 {
        var a: [Double] = [], c: [Double] = [], q: [Double] = []
        for i in 0..<m {
            let model = DNNModel.defaultModel(forVehicle: i)
            let candidate = model.candidates[random.int(below: model.candidates.count - 1)]
            a.append(candidate.localGFLOPs / random.uniform(15, 25) + candidate.bits / VehicularParameters.default.rsuRate(x: random.uniform(0, 1000)))
            c.append(candidate.edgeGFLOPs)
            q.append(random.uniform(0, 20))
        }
        problems.append(EdgeAllocation(fixedTimes: a, edgeWork: c, queues: q, capacity: 200, lyapunovV: 10, slotSeconds: 1))
    }
    let exact = problems.map { $0.objective($0.exact()) }
    // Fastest of 5 passes over the 500 problems (the machine may be shared).
    var exactTime = Double.infinity, mmTime = Double.infinity
    for _ in 0..<5 {
        exactTime = min(exactTime, milliseconds(clock.measure { for p in problems { _ = p.exact() } }) * 1000 / Double(problems.count))
        mmTime = min(mmTime, milliseconds(clock.measure { for p in problems { _ = p.majorisation(iterations: 10, tolerance: 0) } }) * 1000 / Double(problems.count))
    }
    for k in [1, 3, 5, 10] {
        let gaps = problems.indices.map { (problems[$0].objective(problems[$0].majorisation(iterations: k, tolerance: 0).shares) - exact[$0]) / abs(exact[$0]) }
        print("| \(m) | \(problems.count) | \(k) | \(String(format: "%.2e", median(gaps))) | \(String(format: "%.2e", gaps.max() ?? 0)) | \(String(format: "%.1f", exactTime)) | \(String(format: "%.1f", mmTime)) |")
    }
}

// The calibration table of docs/vehicular.md §3 recomputed: mean completion time / mean queue over the last 50 of 200
// slots, seed 1, exact allocation in every replay.
print("")
print("| Setting | Local-only | Full-offload | Greedy | DPP search | GA |")
print("|---|---|---|---|---|---|")
for (rate, m) in [(0.5, 10), (0.5, 20), (1.0, 10), (1.5, 10), (1.0, 20)] {
    let trace = try scenario(vehicles: m, rate: rate, slots: 200).trace(seed: 1)
    var cells: [String] = []
    for method in [VehicularMethod.local, .full, .greedy, .dpp, .ga] {
        let replay = try trace.solved(method: method, seed: 1).replay()
        let tail = replay.slots.suffix(50)
        let t = tail.flatMap(\.completion).reduce(0, +) / Double(50 * m)
        let q = tail.flatMap(\.queueAfter).reduce(0, +) / Double(50 * m)
        cells.append(String(format: "%.3f / %.1f", t, q))
    }
    print("| λ = \(rate), M = \(m) | " + cells.joined(separator: " | ") + " |")
}
