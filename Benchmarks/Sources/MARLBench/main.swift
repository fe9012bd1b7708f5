// MARLBench: the MAD2RL and P-QMIX learners of issue 17 (docs/vehicular.md, "Learners").
//
//   swift build -c release --product MARLBench && .build/release/MARLBench [episodes] [updates]
//   .build/release/MARLBench twin DIR | time THREADS UPDATES   (the PyTorch twin: Twin.swift)
//
// `episodes` 0 stops after the update timings; OFFLOADLAB_PROFILE=1 adds where their time goes.
// 1. Time per update (batch 64, M = 10, K = 5, widths 64, mixer 32) on a buffer filled by
//    random play, median of `updates` updates; the same for P-QMIX.
// 2. Training throughput: slots per second of MAD2RL and P-QMIX training after warm-up.
// 3. Decision latency per slot of the trained policies at M = 10.
// 4. A short training of both (`episodes` episodes, seed 0, M = 10, λ = 1; P-QMIX's ε decays
//    over the first third of the slots, as 50k of the brief's 150k), then both policies and the
//    heuristics simulated on the same 5 episodes (seed 1, exact allocation in the replay).
import Foundation
import LabCore
import Learning
import Tensors
import Vehicular

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let episodes = arguments.first ?? 150
let updateCount = arguments.dropFirst().first ?? 50
let clock = ContinuousClock()

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }
func format(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

let scenario: VehicularScenario = {
    var s = VehicularScenario()
    s.vehicles = 10
    return s
}()

/// A buffer of `count` transitions from uniformly random valid play.
func randomBuffer(count: Int) throws -> ReplayBuffer {
    var env = try VehicularMARLEnvironment(scenario: scenario, allocation: .majorisation(iterations: 10), lyapunovGuidance: true)
    var buffer = try ReplayBuffer(capacity: count, width: MARLBatch.rowWidth(agents: 10), sampler: RandomSource(seed: 3))
    var random = RandomSource(seed: 4)
    var e = 0
    while buffer.count < count {
        try env.reset(seed: UInt64(e)); e += 1
        while !env.isFinished, buffer.count < count {
            let obs = env.observation
            let actions = obs.slot.entries.map { random.int(below: $0.model.candidates.count) }
            let t = env.step(actions)
            try buffer.append(MARLBatch.row(state: obs.state, actions: actions, reward: t.reward, nextState: env.observation.state))
        }
    }
    return buffer
}

func timeUpdates<L: MARLLearner>(_: L.Type, buffer: inout ReplayBuffer) throws -> (median: Double, unpack: Double) {
    var rng = RandomSource(seed: 5), random = RandomSource(seed: 6)
    var learner = try L(configuration: MARLConfiguration(), agents: 10, using: &rng)
    var times: [Double] = [], unpack: [Double] = []
    for _ in 0..<updateCount {
        var batch: MARLBatch?
        unpack.append(seconds(try clock.measure { batch = MARLBatch(try buffer.sampleBatch(64), agents: 10) }))
        let b = batch!
        times.append(seconds(try clock.measure { _ = try learner.update(b, random: &random) }))
    }
    return (median(times), median(unpack))
}

// The PyTorch twin (Twin.swift): `MARLBench twin DIR`, `MARLBench time THREADS UPDATES`.
switch CommandLine.arguments.dropFirst().first {
case "twin":
    try runTwinExport(CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "twin")
    exit(0)
case "time":
    try runTwinTiming(threads: arguments.first ?? 1, updates: arguments.dropFirst().first ?? 50)
    exit(0)
default: break
}

var buffer = try randomBuffer(count: 2000)
KernelProfiler.reset()
let mad = try timeUpdates(MAD2RLLearner.self, buffer: &buffer)
if KernelProfiler.isEnabled {
    print("Kernel time of the MAD2RL updates by site (OFFLOADLAB_PROFILE):")
    for entry in KernelProfiler.report().prefix(15) { print("  \(entry.site): \(entry.calls) calls, \(format(entry.seconds * 1e3 / Double(updateCount), 2)) ms/update") }
}
let pq = try timeUpdates(PQMIXLearner.self, buffer: &buffer)
print("MARLBench (release, 1 process; BLAS threads as configured)")
print("")
print("| Update (batch 64, M = 10) | median ms | batch unpack ms |")
print("|---|---:|---:|")
print("| MAD2RL (K = 5: critic + actor through the chain + soft targets) | \(format(mad.median * 1e3, 2)) | \(format(mad.unpack * 1e3, 2)) |")
print("| P-QMIX | \(format(pq.median * 1e3, 2)) | \(format(pq.unpack * 1e3, 2)) |")

func train<L: MARLLearner>(_: L.Type) throws -> (trainer: MARLTrainer<L>, seconds: Double, sink: MemorySink) {
    var c = MARLConfiguration()
    c.episodes = episodes
    c.epsilonDecaySlots = episodes * scenario.slots / 3
    c.checkpointEveryEpisodes = 0
    c.evaluateEveryEpisodes = max(1, episodes / 6)
    var trainer = try MARLTrainer<L>(scenario: scenario, configuration: c)
    let sink = MemorySink()
    let elapsed = seconds(try clock.measure { try trainer.loop.run(&trainer, sink: sink) })
    return (trainer, elapsed, sink)
}

guard episodes > 0 else { exit(0) }
let madRun = try train(MAD2RLLearner.self)
let pqRun = try train(PQMIXLearner.self)
let slotsTrained = Double(episodes * scenario.slots)
print("")
print("| Training (\(episodes) episodes × 100 slots, M = 10) | wall s | slots/s | projected 1,500 ep × 3 seeds (h) |")
print("|---|---:|---:|---:|")
for (name, s) in [("MAD2RL", madRun.seconds), ("P-QMIX", pqRun.seconds)] {
    let rate = slotsTrained / s
    print("| \(name) | \(format(s, 1)) | \(format(rate, 1)) | \(format(1500 * 100 * 3 / rate / 3600, 2)) |")
}

func curve(_ sink: MemorySink, _ name: String) -> String {
    (sink.metrics[name] ?? []).map { "\($0.step / 100):\(format($0.value, 3))" }.joined(separator: " ")
}
print("")
for (name, sink) in [("MAD2RL", madRun.sink), ("P-QMIX", pqRun.sink)] {
    print("\(name) eval_return by episode: \(curve(sink, "eval_return"))")
    print("\(name) eval_completion by episode: \(curve(sink, "eval_completion"))")
    let returns = (sink.metrics["episode_return"] ?? []).map(\.value)
    let last = returns.suffix(10)
    print("\(name) training return, first 10 episodes \(format(returns.prefix(10).reduce(0, +) / 10, 2)), last 10 \(format(last.reduce(0, +) / Double(max(last.count, 1)), 2))")
}

print("")
print("| Method (5 episodes, seed 1, λ = 1, M = 10) | mean T (s) | mean Q | ms/slot (decide + replay) |")
print("|---|---:|---:|---:|")
for policy in [try madRun.trainer.policy(), try pqRun.trainer.policy()] {
    var run: VehicularPolicyRun?
    let elapsed = seconds(try clock.measure { run = try scenario.simulate(policy: policy, episodes: 5, seed: 1) })
    print("| \(policy.name) | \(format(run!.meanCompletion)) | \(format(run!.meanQueue, 2)) | \(format(elapsed / 500 * 1e3, 3)) |")
}
for method in [VehicularMethod.greedy, .dpp, .ga, .local, .full] {
    var run: VehicularRun?
    let elapsed = seconds(try clock.measure { run = try scenario.simulate(method: method, episodes: 5, seed: 1) })
    print("| \(method.rawValue) | \(format(run!.meanCompletion)) | \(format(run!.meanQueue, 2)) | \(format(elapsed / 500 * 1e3, 3)) |")
}
