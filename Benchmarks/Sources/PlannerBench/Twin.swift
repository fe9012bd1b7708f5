// The PyTorch twin's side of PlannerBench (Benchmarks/compare_planner.sh, planner_torch.py).
//
// `PlannerBench twin DIR` writes, as safetensors files in DIR:
//   params.safetensors   the planner network of a fresh trainer (PlannerConfiguration's
//                        defaults, U = 20), Linear weights [in, out];
//   inputs.safetensors   one training batch of 64 windows (noisy actions, steps, noise, prompts,
//                        history, returns, keep mask), the step embeddings, the row weights, and
//                        for one guided sampling call its start, its per-step prompts and noise;
//                        sizes and constants in the metadata;
//   swift.safetensors    the loss of the step and every gradient (`grad.<path>`, dropout off so
//                        both sides compute the same function), and the sampling call's plan.
// `PlannerBench time THREADS STEPS` times the twin's step (forward with dropout, backward, Adam,
// moving average) on that batch and the sampling call, and prints one JSON line.
import Foundation
import LabCore
import Learning
import MultiMEC
import Tensors

/// The inputs of one twin training step: what `PlannerTrainer.step` builds from the dataset
/// (the same shapes and distributions; prompts are real prompt episodes).
struct TwinBatch {
    var noisy: Tensor, noise: Tensor, steps: [Int], conditions: PlannerConditions
}

/// `L` consecutive raw pairs of a random episode of `pool`, drawing as `PlannerBatch.appendPrompt`
/// does (the sampling call's draws are replayed from a copy of its random stream).
func appendPrompt(from pool: [PlannerEpisode], length: Int, o: Int, a: Int, into out: inout [Float], using rng: inout RandomSource) {
    let episode = pool[rng.int(below: pool.count)]
    var start = rng.int(below: MECConstants.stepsPerEpisode - length)
    if start + length > episode.length { start = episode.length - length }
    for r in start..<(start + length) {
        out += episode.observations[(r * o)..<((r + 1) * o)]
        out += episode.actions[(r * a)..<((r + 1) * a)]
    }
}

func twinBatch(_ c: PlannerConfiguration, prompts: [[PlannerEpisode]], o: Int, a: Int) -> TwinBatch {
    var rng = RandomSource(seed: 11, stream: "twin.batch")
    let b = c.itemsPerBatch * prompts.count, schedule = VPSchedule(steps: c.diffusionSteps)
    let start = Tensor.uniform([b, c.horizon, a], low: -1, high: 1, using: &rng)
    let noise = Tensor.normal([b, c.horizon, a], using: &rng)
    let steps = (0..<b).map { _ in rng.int(below: c.diffusionSteps) }
    let perRow = c.horizon * a
    let x0 = start.scalars, e = noise.scalars
    let noisy = Tensor(shape: start.shape, scalars: (0..<x0.count).map { schedule.noised(x0[$0], epsilon: e[$0], step: steps[$0 / perRow]) })
    var promptScalars = [Float]()
    for i in 0..<b { appendPrompt(from: prompts[i % prompts.count], length: c.promptLength, o: o, a: a, into: &promptScalars, using: &rng) }
    let history = Tensor.normal([b, c.history, o], using: &rng)
    let returns = (0..<b).map { _ in Float(rng.normal()) }
    let keep = (0..<b).map { _ in rng.nextFloat() < 1 - c.returnDropout ? Float(1) : 0 }
    return TwinBatch(noisy: noisy, noise: noise, steps: steps,
                     conditions: PlannerConditions(prompts: Tensor(shape: [b, c.promptLength, o + a], scalars: promptScalars),
                                                   history: history, returns: returns, keep: keep))
}

func twinWrite(_ file: SafeTensors, _ dir: String, _ name: String) throws {
    try Data(try file.encoded()).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
}

func runTwinExport(_ dir: String, trainer: PlannerTrainer, prompts: [[PlannerEpisode]]) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let model = trainer.model, c = model.configuration, (o, a) = (model.observationSize, model.actionSize)
    let params = model.namedParameters()
    try twinWrite(SafeTensors(params.map { ($0.name, $0.parameter.value) }), dir, "params.safetensors")

    let batch = twinBatch(c, prompts: prompts, o: o, a: a)
    let rowWeights = (0..<c.horizon).map { $0 == 0 ? c.firstActionWeight : 1 }
    var rng = RandomSource(seed: 12)
    model.zeroGrad()
    let prediction = model(batch.noisy, steps: batch.steps, conditions: batch.conditions, training: false, using: &rng)
    let loss = Loss.rowWeightedHuber(prediction, batch.noise, rowWeights: rowWeights, delta: c.huberDelta)
    loss.backward()
    var out: [(name: String, tensor: Tensor)] = [("loss", Tensor(shape: [], scalars: [loss.item]))]
    out += params.compactMap { p in p.parameter.grad.map { ("grad.\(p.name)", $0) } }
    model.zeroGrad()

    // One guided sampling call of the trained planner's network (here: its initial copy), replaying
    // `DiffusionPlanner.plan`'s draws from a copy of its stream: x_K, then per step the two
    // prompts and (above step 0) the noise.
    let planner = trainer.planner, n = c.horizon * a
    let history = [Float](repeating: 0, count: c.history * o)
    let planRandom = RandomSource(seed: 2)
    var replay = planRandom
    let xStart = (0..<n).map { _ in Float(replay.normal()) }
    var stepPrompts = [Float](), stepNoise = [Float]()
    for i in stride(from: c.diffusionSteps - 1, through: 0, by: -1) {
        for _ in 0..<2 { appendPrompt(from: prompts[0], length: c.promptLength, o: o, a: a, into: &stepPrompts, using: &replay) }
        stepNoise += (0..<n).map { _ in i > 0 ? Float(replay.normal()) : 0 }
    }
    var sampling = planRandom
    let plan = planner.plan(history: history, prompts: prompts[0], returnToGo: 1, using: &sampling)
    out.append(("plan", Tensor(shape: [c.horizon, a], scalars: plan)))
    try twinWrite(SafeTensors(out), dir, "swift.safetensors")

    let k = c.diffusionSteps, s = planner.schedule
    let inputs: [(name: String, tensor: Tensor)] = [
        ("noisy", batch.noisy), ("noise", batch.noise), ("steps", Tensor(batch.steps.map(Float.init))),
        ("prompts", batch.conditions.prompts), ("history", batch.conditions.history),
        ("returns", Tensor(batch.conditions.returns)), ("keep", Tensor(batch.conditions.keep)),
        ("row_weights", Tensor(rowWeights)),
        ("step_embedding", timestepEmbedding((0..<k).map(Float.init), dimension: c.width, frequencies: .diffuser)),
        ("plan.start", Tensor(shape: [c.horizon, a], scalars: xStart)),
        ("plan.prompts", Tensor(shape: [k, 2, c.promptLength, o + a], scalars: stepPrompts)),
        ("plan.noise", Tensor(shape: [k, c.horizon, a], scalars: stepNoise)),
        ("plan.history", Tensor(shape: [1, c.history, o], scalars: history)),
    ]
    let f64 = { (xs: [Double]) in xs.map { "\($0)" }.joined(separator: ",") }
    let metadata = ["observations": "\(o)", "actions": "\(a)", "width": "\(c.width)", "heads": "\(c.heads)", "horizon": "\(c.horizon)",
                    "steps": "\(k)", "huber_delta": "\(c.huberDelta)", "learning_rate": "\(c.learningRate)", "dropout": "\(c.dropout)",
                    "guidance": "\(c.guidance)", "noise_scale": "\(c.noiseScale)", "return_to_go": "1",
                    "ema_decay": "\(c.average.decay)", "ema_warmup": "\(c.average.warmupSteps)", "ema_every": "\(c.average.every)",
                    "betas": f64(s.betas), "alpha_bars": f64(s.alphaBars), "previous_alpha_bars": f64(s.previousAlphaBars)]
    try twinWrite(SafeTensors(inputs, metadata: metadata), dir, "inputs.safetensors")
    print(String(format: "OffloadLab: loss %.9g, plan |x| %.9g", loss.item, plan.map { Double($0 * $0) }.reduce(0, +).squareRoot()))
}

func runTwinTiming(threads: Int, steps: Int, trainer: PlannerTrainer, prompts: [[PlannerEpisode]]) throws {
    BLAS.threads = threads
    let model = trainer.model, c = model.configuration
    var optimizer = Adam(model.parameters)
    let batch = twinBatch(c, prompts: prompts, o: model.observationSize, a: model.actionSize)
    let rowWeights = (0..<c.horizon).map { $0 == 0 ? c.firstActionWeight : 1 }
    var rng = RandomSource(seed: 13)
    let clock = ContinuousClock()
    func ms(_ d: Duration) -> Double { (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) * 1e3 }
    var stepTimes: [Double] = [], stepCPU: [Double] = []
    for k in 0..<(steps + 3) {
        let cpuStart = processCPUSeconds()
        let t = clock.measure {
            do {  // the graph ends here, as in PlannerTrainer.step, so Adam updates the weights in place
                let prediction = model(batch.noisy, steps: batch.steps, conditions: batch.conditions, training: true, using: &rng)
                Loss.rowWeightedHuber(prediction, batch.noise, rowWeights: rowWeights, delta: c.huberDelta).backward()
            }
            optimizer.step(learningRate: c.learningRate)
            optimizer.zeroGrad()
            _ = try? c.average.update(trainer.average, toward: model, afterStep: k)
        }
        if k >= 3 { (stepTimes, stepCPU) = (stepTimes + [ms(t)], stepCPU + [(processCPUSeconds() - cpuStart) * 1e3]) }
    }
    let planner = trainer.planner, history = [Float](repeating: 0, count: c.history * model.observationSize)
    var planTimes: [Double] = [], planCPU: [Double] = [], random = RandomSource(seed: 2)
    for k in 0..<(max(steps / 2, 5) + 1) {
        let cpuStart = processCPUSeconds()
        let t = clock.measure { _ = planner.plan(history: history, prompts: prompts[0], returnToGo: 1, using: &random) }
        if k >= 1 { (planTimes, planCPU) = (planTimes + [ms(t)], planCPU + [(processCPUSeconds() - cpuStart) * 1e3]) }
    }
    print("{\"framework\": \"offloadlab\", \"threads\": \(threads), \"step_ms\": \(median(stepTimes)), \"step_cpu_ms\": \(median(stepCPU)), "
          + "\"plan_ms\": \(median(planTimes)), \"plan_cpu_ms\": \(median(planCPU))}")
}

/// CPU time of the whole process (every thread), seconds: under a shared machine's load the
/// figure to compare, since wall time includes waiting for a core.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
