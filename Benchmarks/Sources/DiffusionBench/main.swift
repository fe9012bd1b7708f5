import Foundation
import GraphDiffusion
import LabCore
import LAENet
import Learning
import Tensors

// DiffusionBench (issue 7): training step and inference of the GADSG / GDSG denoisers on
// gs2_gu5_au3 (U = 8 users, S+1 = 3 slots), timed per phase.
// Usage: DiffusionBench [--threads N] [--steps N] [--warmup N] [--model gadsg|gdsg|both]
//                       [--batch N] [--infer-repeats N] [--dump PATH]
// Prints one JSON object per line (Benchmarks/compare_diffusion.sh turns them into a table).
// --dump PATH writes the benchmark batch (features and clean targets) as JSON for
// Benchmarks/diffusion_torch.py, so both frameworks train on the same graphs, and exits.
// --check PATH writes both initial denoisers' parameters (by name), one noised input of the
// batch, the network output, the hybrid loss and the gradient norm, and exits: the PyTorch twin
// loads them (diffusion_torch.py --check PATH) and must reproduce output, loss and norm.
//
// One training step is DiffusionTrainer's: targets → noised → denoise → hybrid loss → backward
// → clip (norm 1) → AdamW (lr 1e-3, weight decay 0.01). Phases:
//   data      = HybridDiffusion.targets + InstanceBatch + noised (the trainer does these per step)
//   forward   = zeroGrad + denoiser forward + hybrid loss
//   backward  = loss.backward()
//   optimizer = clipGradients + AdamW step
// The same 32 labelled instances are used every step, with fresh noise each step.

var arguments = CommandLine.arguments.dropFirst().makeIterator()
var threads = 1, steps = 20, warmup = 3, batchSize = 32, inferRepeats = 5
var modelChoice = "both", dumpPath: String?, checkPath: String?
while let a = arguments.next() {
    switch a {
    case "--threads": threads = Int(arguments.next() ?? "") ?? 1
    case "--steps": steps = Int(arguments.next() ?? "") ?? 20
    case "--warmup": warmup = Int(arguments.next() ?? "") ?? 3
    case "--batch": batchSize = Int(arguments.next() ?? "") ?? 32
    case "--infer-repeats": inferRepeats = Int(arguments.next() ?? "") ?? 5
    case "--model": modelChoice = arguments.next() ?? "both"
    case "--dump": dumpPath = arguments.next()
    case "--check": checkPath = arguments.next()
    default:
        FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8))
        exit(2)
    }
}
guard ["gadsg", "gdsg", "both"].contains(modelChoice) else {
    FileHandle.standardError.write(Data("--model must be gadsg, gdsg or both\n".utf8))
    exit(2)
}
BLAS.threads = threads
if !BLAS.startedWithRecommendedKernels {
    FileHandle.standardError.write(Data("warning: OpenBLAS runs \(BLAS.coreName) kernels; export OPENBLAS_CORETYPE=\(BLAS.recommendedCoreType ?? "")\n".utf8))
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
func json(_ xs: [Float]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ",") + "]" }

// Data: balanced, jointly feasible gs2_gu5_au3 instances labelled with the exact optimum (fixed seed).
let scale = LAENetScale(groundStations: 2, groundUsers: 5, aerialUsers: 3)
let labelled = LAENetGenerator.generate(scale: scale, profile: .balanced, seed: 7007, count: batchSize + 16, jointlyFeasible: true)
    .map(LAENetModel.init).compactMap(LabelledInstance.exact)
guard labelled.count >= batchSize else {
    FileHandle.standardError.write(Data("only \(labelled.count) labelled instances, need \(batchSize)\n".utf8))
    exit(1)
}
let training = Array(labelled.prefix(batchSize))
let features = training.map { LAENetFeatures($0.model) }

if let dumpPath {
    let (x0, y0) = HybridDiffusion.targets(models: training.map(\.model), solutions: training.map(\.solution))
    let g = InstanceBatch(features)
    let text = "{\"scale\":\"\(scale)\",\"slots_shape\":\(g.slots.shape),\"slots\":\(json(g.slots.scalars))," +
        "\"user_nodes_shape\":\(g.userNodes.shape),\"user_nodes\":\(json(g.userNodes.scalars))," +
        "\"server_nodes_shape\":\(g.serverNodes.shape),\"server_nodes\":\(json(g.serverNodes.scalars))," +
        "\"x0\":\(json(x0.scalars)),\"y0\":\(json(y0.scalars))}\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: dumpPath))
    exit(0)
}

let diffusion = HybridDiffusion()
if let checkPath {
    let (x0, y0) = HybridDiffusion.targets(models: training.map(\.model), solutions: training.map(\.solution))
    let graph = InstanceBatch(features)
    var rng = RandomSource(seed: 5)
    let noised = diffusion.noised(x0: x0, y0: y0, using: &rng)
    var parts: [String] = []
    for (name, configuration) in [("gadsg", EdgeEncoderConfiguration.gadsg(hidden: 64, layers: 4, heads: 4, outputHeads: [2, 1])),
                                  ("gdsg", EdgeEncoderConfiguration.gdsg(hidden: 64, layers: 4, outputHeads: [2, 1]))] {
        var initRNG = RandomSource(seed: 42)
        let denoiser = EncoderDenoiser(configuration, using: &initRNG)
        // The zero-initialised out-layers would hide the edge stream: give every parameter a value.
        var fill = RandomSource(seed: 9)
        for p in denoiser.parameters { p.update { w in for j in 0..<w.count where w[j] == 0 || w[j] == 1 { w[j] = Float(fill.normal()) * 0.1 + w[j] } } }
        let output = denoiser.denoise(noised.input(on: graph))
        let loss = diffusion.loss(output, targets: noised, x0: x0)
        loss.total.backward()
        let norm = clipGradients(denoiser.parameters, maxNorm: .infinity)
        let params = denoiser.namedParameters().map { "\"\($0.name)\":{\"shape\":\($0.parameter.value.shape),\"values\":\(json($0.parameter.value.scalars))}" }
        let out = Tensor.concat([output.x0Logits, output.epsilon.unsqueezed(3)], alongAxis: 3)
        parts.append("\"\(name)\":{\"parameters\":{\(params.joined(separator: ","))},\"output\":\(json(out.scalars)),\"ce\":\(loss.crossEntropy.item),\"mse\":\(loss.mse.item),\"grad_norm\":\(norm)}")
    }
    let text = "{\"timesteps\":\(noised.timesteps),\"bits\":\(json(noised.encodedBits.scalars)),\"shares\":\(json(noised.shares.scalars)),"
        + "\"epsilon\":\(json(noised.epsilon.scalars)),\(parts.joined(separator: ","))}\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: checkPath))
    exit(0)
}
let solver = GraphDiffusionSolver(samples: 8)  // default sampler: 5 cosine-spaced steps, exact final step, raw bits
let configurations: [(String, EdgeEncoderConfiguration)] = [
    ("gadsg", .gadsg(hidden: 64, layers: 4, heads: 4, outputHeads: [2, 1])),
    ("gdsg", .gdsg(hidden: 64, layers: 4, outputHeads: [2, 1])),
].filter { modelChoice == "both" || $0.0 == modelChoice }

for (name, configuration) in configurations {
    var initRNG = RandomSource(seed: 42)
    let denoiser = EncoderDenoiser(configuration, using: &initRNG)
    let parameterCount = denoiser.parameterCount
    precondition(parameterCount == configuration.expectedParameterCount, "parameter count \(parameterCount) ≠ formula")
    var optimizer = Adam.adamW(denoiser.parameters, weightDecay: 0.01)
    let root = RandomSource(seed: 1, stream: "diffusion-bench")
    var data: [Double] = [], forward: [Double] = [], backward: [Double] = [], update: [Double] = [], total: [Double] = []
    var losses: [Float] = []
    KernelProfiler.reset()
    for step in 0..<(warmup + steps) {
        let t0 = now()
        let (x0, y0) = HybridDiffusion.targets(models: training.map(\.model), solutions: training.map(\.solution))
        let graph = InstanceBatch(features)
        var noiseRNG = root.derived("step \(step)")
        let noised = diffusion.noised(x0: x0, y0: y0, using: &noiseRNG)
        let t1 = now()
        optimizer.zeroGrad()
        let loss = diffusion.loss(denoiser.denoise(noised.input(on: graph)), targets: noised, x0: x0).total
        let t2 = now()
        loss.backward()
        let t3 = now()
        clipGradients(optimizer.parameters, maxNorm: 1)
        optimizer.step(learningRate: 1e-3)
        let t4 = now()
        losses.append(loss.item)
        if step >= warmup {
            data.append(t1 - t0); forward.append(t2 - t1); backward.append(t3 - t2); update.append(t4 - t3); total.append(t4 - t0)
        }
    }
    if KernelProfiler.isEnabled {
        let report = KernelProfiler.report()
        let all = report.map(\.seconds).reduce(0, +)
        FileHandle.standardError.write(Data("== \(name) training: kernel time by source line (\(warmup + steps) steps)\n".utf8))
        for r in report.prefix(30) {
            FileHandle.standardError.write(Data("\(String(format: "%6.1f%% %8.3f ms/step %6d calls", 100 * r.seconds / all, r.seconds * 1e3 / Double(warmup + steps), r.calls))  \(r.site)\n".utf8))
        }
        KernelProfiler.reset()
    }
    let stepMs = median(total) * 1e3
    print("{\"framework\":\"offloadlab\",\"model\":\"\(name)\",\"kind\":\"train\",\"threads\":\(threads),\"batch\":\(batchSize)," +
          "\"parameters\":\(parameterCount),\"steps\":\(steps),\"data_ms\":\(median(data) * 1e3),\"forward_ms\":\(median(forward) * 1e3)," +
          "\"backward_ms\":\(median(backward) * 1e3),\"optimizer_ms\":\(median(update) * 1e3),\"step_ms\":\(stepMs)," +
          "\"instances_per_s\":\(Double(batchSize) / (stepMs / 1e3)),\"first_loss\":\(losses.first!),\"last_loss\":\(losses.last!)," +
          "\"kernels\":\"\(BLAS.coreName)\"}")

    // Inference: best of P = 8 samples, 5 sampler steps, for `n` instances at once (n·8 rows).
    //   solve   = GraphDiffusionSolver.solve: features, sampler (network + posterior draws), decode + repair + score
    //   sample  = InstanceBatch + DiffusionSampler.sample alone (network + posterior draws, no decode/repair)
    //   decode  = OffloadProblem decode + repair + score of the 8·n sampled states (solve's tail)
    //   network = the 5 denoiser forward passes alone (no grad), at the sampler's times
    for n in [batchSize, 1] {
        let models = training.prefix(n).map(\.model)
        let times = solver.sampler.steps.pairs.map(\.from)
        var solveT: [Double] = [], sampleT: [Double] = [], networkT: [Double] = [], decodeT: [Double] = []
        for r in 0..<(inferRepeats + 1) {
            var rng = RandomSource(seed: UInt64(100 + r))
            var t0 = now()
            let solutions = solver.solve(models, denoiser: denoiser, using: &rng)
            let solveSeconds = now() - t0
            precondition(solutions.allSatisfy { $0.cost != nil }, "inference left an instance unsolved")
            t0 = now()
            let graph = InstanceBatch(models.map(LAENetFeatures.init), copies: solver.samples)
            let state = solver.sampler.sample(graph, denoiser: denoiser, using: &rng)
            let sampleSeconds = now() - t0
            // Decode + repair + score of every sample, as solve() does after sampling.
            t0 = now()
            let (sampledBits, sampledShares) = (state.bits.scalars, state.shares.scalars)
            let stride = graph.userCount * graph.slotCount
            for (i, model) in models.enumerated() {
                for p in 0..<solver.samples {
                    let lo = (i * solver.samples + p) * stride
                    _ = solver.finish(model.problem, bits: sampledBits[lo..<lo + stride], shares: sampledShares[lo..<lo + stride])
                }
            }
            let decodeSeconds = now() - t0
            let grid = [graph.batchSize, graph.userCount, graph.slotCount]
            let bits = Tensor(shape: grid, scalars: (0..<grid.reduce(1, *)).map { _ in Float(rng.bernoulli(0.5) ? 1 : 0) })
            let shares = Tensor(shape: grid, scalars: (0..<grid.reduce(1, *)).map { _ in Float(rng.normal()) })
            t0 = now()
            for t in times {
                let input = DenoiserInput(bits: bits, shares: shares, timesteps: Array(repeating: t, count: grid[0]), graph: graph)
                _ = Tensor.withoutGrad { denoiser.denoise(input) }
            }
            let networkSeconds = now() - t0
            if r > 0 { solveT.append(solveSeconds); sampleT.append(sampleSeconds); networkT.append(networkSeconds); decodeT.append(decodeSeconds) }
        }
        let per = 1e3 / Double(n)
        print("{\"framework\":\"offloadlab\",\"model\":\"\(name)\",\"kind\":\"infer\",\"threads\":\(threads),\"instances\":\(n)," +
              "\"samples\":\(solver.samples),\"sampler_steps\":\(times.count),\"solve_ms_per_instance\":\(median(solveT) * per)," +
              "\"sample_ms_per_instance\":\(median(sampleT) * per),\"network_ms_per_instance\":\(median(networkT) * per)," +
              "\"decode_repair_ms_per_instance\":\(median(decodeT) * per)}")
    }
}
