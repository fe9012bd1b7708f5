// One SAC update (twin Q + policy + temperature) in OffloadLab, timed, and an export of its
// parameters, batches, noise and results for Benchmarks/sac_torch.py to check and time PyTorch.
//
//   SACBench [--hidden 256] [--batch 256] [--steps 50] [--warmup 5] [--export DIR]
//   SACBench --mec EPISODES [--env 6,5,500]   data collection with the scaled plan's defaults
//
// Prints one JSON line: {"framework": "offloadlab", "update_ms": median, …}; with --mec, the mean
// return, cost and length per tenth of the run and the wall time per episode.
import Foundation
import LabCore
import Learning
import MultiMEC
import Tensors

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let key = arguments.popFirst() {
    guard key.hasPrefix("--"), let value = arguments.popFirst() else { FileHandle.standardError.write(Data("usage: SACBench [--hidden N] [--batch N] [--steps N] [--warmup N] [--export DIR]\n".utf8)); exit(2) }
    options[String(key.dropFirst(2))] = value
}
let hidden = Int(options["hidden"] ?? "") ?? 256, batchSize = Int(options["batch"] ?? "") ?? 256
let steps = Int(options["steps"] ?? "") ?? 50, warmup = Int(options["warmup"] ?? "") ?? 5
let (observationSize, actionSize) = (160, 40)

var configuration = SACConfiguration()
(configuration.hiddenSizes, configuration.batchSize) = ([hidden, hidden], batchSize)
let layout = SACTransitionLayout(observationSize: observationSize, actionSize: actionSize)

/// A batch shaped like MEC data: observations in [0, 1], actions in (−1, 1), sparse rewards.
func makeBatch(_ rng: inout RandomSource) -> SACBatch {
    let n = batchSize
    let obs = Tensor.uniform([n, observationSize], using: &rng), next = Tensor.uniform([n, observationSize], using: &rng)
    let act = Tensor.uniform([n, actionSize], low: -0.99, high: 0.99, using: &rng)
    let done = Tensor((0..<n).map { _ in rng.nextDouble() < 0.1 ? 1 : 0 }).reshaped([n, 1])
    let reward = Tensor((0..<n).map { _ in rng.nextDouble() < 0.1 ? Float(rng.uniform(-10, 40)) : 0 }).reshaped([n, 1])
    return SACBatch(observations: obs, actions: act, rewards: reward, nextObservations: next, terminals: done)
}

func networks(_ agent: SACAgent) -> [(String, any Module)] {
    [("actor", agent.actor), ("critic1", agent.critic1), ("critic2", agent.critic2), ("target1", agent.target1), ("target2", agent.target2)]
}

func parameterBytes(_ agent: SACAgent) -> [UInt8] {
    var out: [UInt8] = []
    for (_, module) in networks(agent) {
        for p in module.parameters { for v in p.value.scalars { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } } }
    }
    for v in agent.logAlpha.value.scalars { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
    return out
}

func floats(_ tensors: [Tensor]) -> [UInt8] {
    var out: [UInt8] = []
    for t in tensors { for v in t.scalars { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } } }
    return out
}

/// Collects `episodes` episodes on one environment with the default configuration and reports the learning curve.
func collect(_ episodes: Int, _ environment: String) throws {
    var c = MECSACConfiguration()
    (c.episodes, c.checkpointEvery) = (episodes, episodes)
    let sink = MemorySink()
    let start = DispatchTime.now().uptimeNanoseconds
    let t = try MECSACTrainer.train(environments: [try MECEnvironment.parse(environment)], configuration: c, sink: sink)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let tenth = max(1, episodes / 10)
    for k in stride(from: 0, to: episodes, by: tenth) {
        let r = (k..<min(episodes, k + tenth))
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
        let returns = r.map { t.log.episodeReturn($0) }, costs = r.map { t.log.meanCosts[$0] }, lengths = r.map { Double(t.log.lengths[$0]) }
        print("episodes \(r.lowerBound)-\(r.upperBound - 1): return \(String(format: "%.3f", mean(returns))), cost \(String(format: "%.4f", mean(costs))), length \(String(format: "%.2f", mean(lengths))), completed \(r.filter { t.log.lengths[$0] == 20 }.count)/\(r.count)")
    }
    let eval = MECEvaluation.run(t.policy(), on: try MECEnvironment.parse(environment), episodes: 50, evaluationSeed: 1)
    let local = MECEvaluation.run(MECAllLocal(), on: try MECEnvironment.parse(environment), episodes: 50, evaluationSeed: 1)
    print("deterministic policy, 50 paired episodes, termination off: cost \(String(format: "%.4f", eval.meanCost)), completion \(eval.completionFraction); all-local cost \(String(format: "%.4f", local.meanCost))")
    print("wall: \(String(format: "%.1f", seconds)) s for \(episodes) episodes (\(String(format: "%.1f", 1000 * seconds / Double(episodes))) ms per episode, \(t.agent.updates) updates, \(t.log.steps) steps)")
}

do {
    if let episodes = options["mec"].flatMap({ Int($0) }) {
        try collect(episodes, options["env"] ?? "6,5,500")
        exit(0)
    }
    if let dir = options["export"] {
        // Three checked updates from one initial state.
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var agent = try SACAgent(observationSize: observationSize, actionSize: actionSize, configuration: configuration, seed: 7)
        try Data(parameterBytes(agent)).write(to: url.appendingPathComponent("initial.bin"))
        var data = RandomSource(seed: 8), noise = RandomSource(seed: 9)
        var batchBytes: [UInt8] = [], noiseBytes: [UInt8] = [], metrics: [[String: Double]] = []
        for _ in 0..<3 {
            let b = makeBatch(&data), n = SACNoise(count: batchSize, actionSize: actionSize, using: &noise)
            batchBytes += floats([b.observations, b.actions, b.rewards, b.nextObservations, b.terminals])
            noiseBytes += floats([n.current, n.next])
            let m = try agent.update(b, noise: n)
            metrics.append(["q1": Double(m.critic1Loss), "q2": Double(m.critic2Loss), "policy": Double(m.policyLoss), "alpha": Double(m.alpha), "alpha_loss": Double(m.alphaLoss)])
        }
        try Data(batchBytes).write(to: url.appendingPathComponent("batches.bin"))
        try Data(noiseBytes).write(to: url.appendingPathComponent("noise.bin"))
        try Data(parameterBytes(agent)).write(to: url.appendingPathComponent("after.bin"))
        var manifest: [String: Any] = ["hidden": hidden, "batch": batchSize, "observation": observationSize, "action": actionSize, "updates": 3, "metrics": metrics]
        manifest["parameters"] = networks(agent).flatMap { net, module in module.namedParameters().map { ["name": "\(net).\($0.name)", "shape": $0.parameter.value.shape] } }
        try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]).write(to: url.appendingPathComponent("manifest.json"))
    }
    var agent = try SACAgent(observationSize: observationSize, actionSize: actionSize, configuration: configuration, seed: 1)
    var data = RandomSource(seed: 2), noise = RandomSource(seed: 3)
    let batches = (0..<4).map { _ in makeBatch(&data) }
    var times: [Double] = []
    for i in 0..<(warmup + steps) {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try agent.update(batches[i % batches.count], using: &noise)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if i >= warmup { times.append(ms) }
    }
    if KernelProfiler.isEnabled {
        let report = KernelProfiler.report()
        let all = report.map(\.seconds).reduce(0, +)
        for r in report.prefix(25) {
            FileHandle.standardError.write(Data("\(String(format: "%6.1f%% %8.3f ms/update %6d calls", 100 * r.seconds / all, r.seconds * 1e3 / Double(warmup + steps), r.calls))  \(r.site)\n".utf8))
        }
    }
    times.sort()
    let median = times[times.count / 2]
    print("{\"framework\": \"offloadlab\", \"hidden\": \(hidden), \"batch\": \(batchSize), \"update_ms\": \(String(format: "%.3f", median)), \"min_ms\": \(String(format: "%.3f", times[0]))}")
} catch {
    FileHandle.standardError.write(Data("SACBench: \(error)\n".utf8))
    exit(1)
}
