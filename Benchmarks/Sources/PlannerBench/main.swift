// PlannerBench: time of one DiffLoader planner training step and one planning decision (issue 18),
// release build.
//
//   swift build -c release --product PlannerBench && .build/release/PlannerBench [steps] [decisions] [threads]
//   .build/release/PlannerBench twin DIR | time THREADS STEPS   (the PyTorch twin: Twin.swift)
//
// Data: 20 episodes per environment recorded from the heuristics (largest-k, random half,
// all-local) in the 8 training environments of docs/multimec.md with U = 20 (observation 160,
// action 40); prompt pools of 10 episodes each. The model is PlannerConfiguration's defaults
// (D 128, 2 layers, 2 heads, MLP 256, embeddings in → 256 → 128, H 4, history 2, prompt 5,
// K 20) with 8 items × 8 environments = 64 windows per step. Reported: the median over `steps`
// (default 20) training steps after 3 warm-up steps, and over `decisions` (default 10) guided
// planning calls (K steps × 2 network rows), by wall time and by this thread's CPU time, and
// the projected wall time of 20,000 steps.
import Foundation
import LabCore
import Learning
import MultiMEC
import Tensors

let mode = CommandLine.arguments.dropFirst().first.flatMap { ["twin", "time"].contains($0) ? $0 : nil }
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let steps = max(arguments.first ?? 20, 1)
let decisions = max(arguments.dropFirst().first ?? 10, 1)
BLAS.threads = max((mode == nil ? arguments.dropFirst(2).first : nil) ?? 1, 1)

func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

func record(_ env: MECEnvironment, index: Int, count: Int, seed: UInt64) -> [PlannerEpisode] {
    (0..<count).map { i in
        var policy: any MECPolicy
        switch i % 3 {
        case 0: policy = MECLargestTasks(count: i % 7)
        case 1: policy = MECRandomHalf(random: RandomSource(seed: seed, stream: "half.\(i)"))
        default: policy = MECAllLocal()
        }
        var episode = MECEpisode(environment: env, seed: seed &+ UInt64(i), terminateOnViolation: true)
        var obs = [Float](), acts = [Float](), rewards = [Float](), a = [Float]()
        while !episode.isFinished {
            obs += episode.observation
            policy.act(episode, into: &a)
            acts += a
            rewards.append(Float((try? episode.step(actions: a))?.reward ?? 0))
        }
        return PlannerEpisode(environment: index, observations: obs, actions: acts, rewards: rewards)
    }
}

let environments = ["6,5,500", "3,2,100", "3,10,1000", "10,2,100", "10,10,1000", "8,4,800", "4,6,300", "9,4,400"]
    .map { try! MECEnvironment.parse($0) }
let configuration = PlannerConfiguration()
let episodes = environments.enumerated().flatMap { record($1, index: $0, count: 20, seed: 10 + UInt64($0)) }
let prompts = environments.enumerated().map { record($1, index: $0, count: 30, seed: 50 + UInt64($0)).filter { $0.length >= 5 }.prefix(10).map { $0 } }
let data = try! PlannerDataset(observationSize: 160, actionSize: 40, episodes: episodes, prompts: prompts, promptLength: configuration.promptLength)
var trainer = try! PlannerTrainer(dataset: data, configuration: configuration, seed: 1)
// The PyTorch twin (Twin.swift): `PlannerBench twin DIR`, `PlannerBench time THREADS STEPS`.
if mode == "twin" {
    try runTwinExport(CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "twin", trainer: trainer, prompts: prompts)
    exit(0)
} else if mode == "time" {
    try runTwinTiming(threads: max(arguments.first ?? 1, 1), steps: max(arguments.dropFirst().first ?? 20, 1), trainer: trainer, prompts: prompts)
    exit(0)
}
print("planner: \(trainer.model.parameterCount) parameters, \(configuration.tokens) tokens, "
      + "\(configuration.itemsPerBatch * environments.count) windows per step, BLAS threads \(BLAS.threads)")

var wall: [Double] = [], cpu: [Double] = [], loss = 0.0
let clock = ContinuousClock()
KernelProfiler.reset()  // the profile covers the training steps only, not building the trainer
for k in 0..<(steps + 3) {
    let start = clock.now, cpuStart = threadCPUSeconds()
    loss = try! trainer.step(k)[0].value
    let elapsed = clock.now - start
    if k >= 3 {
        wall.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        cpu.append(threadCPUSeconds() - cpuStart)
    }
}
let stepWall = median(wall), stepCPU = median(cpu)
if KernelProfiler.isEnabled {  // OFFLOADLAB_PROFILE=1: kernel time per training step by source line
    let report = KernelProfiler.report()
    let all = report.map(\.seconds).reduce(0, +)
    for r in report.prefix(25) {
        print(String(format: "%6.1f%% %8.2f ms/step %7d calls  ", 100 * r.seconds / all, r.seconds * 1e3 / Double(steps + 3), r.calls) + r.site)
    }
    KernelProfiler.reset()
}
print(String(format: "training step: %.1f ms wall, %.1f ms CPU (median of %d; last loss %.4f)", stepWall * 1e3, stepCPU * 1e3, steps, loss))
print(String(format: "20,000 steps: %.1f min wall (%.1f min CPU)", stepWall * 20_000 / 60, stepCPU * 20_000 / 60))

let planner = trainer.planner
var random = RandomSource(seed: 2)
let history = [Float](repeating: 0, count: configuration.history * 160)
wall = []
cpu = []
for k in 0..<(decisions + 1) {
    let start = clock.now, cpuStart = threadCPUSeconds()
    _ = planner.plan(history: history, prompts: prompts[0], returnToGo: 1, using: &random)
    let elapsed = clock.now - start
    if k >= 1 {
        wall.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        cpu.append(threadCPUSeconds() - cpuStart)
    }
}
print(String(format: "planning decision (K = %d, 2 rows per step): %.1f ms wall, %.1f ms CPU (median of %d)",
             configuration.diffusionSteps, median(wall) * 1e3, median(cpu) * 1e3, decisions))
