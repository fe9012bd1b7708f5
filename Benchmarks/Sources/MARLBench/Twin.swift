// The PyTorch twin's side of MARLBench (Benchmarks/compare_marl.sh, mad2rl_torch.py).
//
// `MARLBench twin DIR` writes, as safetensors files in DIR:
//   params.safetensors   every network of a fresh MAD2RL learner (actor, actorTarget, utility,
//                        utilityTarget, mixer, mixerTarget), Linear weights [in, out];
//   inputs.safetensors   one batch (64 transitions, M = 10), both chains' noise, the step
//                        embeddings, the schedule's coefficients as Float32, the hyper-parameters
//                        in the metadata;
//   swift.safetensors    what one `MAD2RLLearner.update` on them gives: both losses, every
//                        gradient after clipping (`grad.<path>`), the pre-clip gradient norms
//                        recomputed from them when no clip was active, every network afterwards.
// `MARLBench time THREADS UPDATES` times `UPDATES` updates on that kind of batch and prints
// one JSON line (median wall and process-CPU ms per update).
import Foundation
import LabCore
import Learning
import Tensors
import Vehicular

/// The networks of a learner by prefix, in checkpoint order.
func networks(_ l: MAD2RLLearner) -> [(String, any Module)] {
    [("actor", l.actor), ("actorTarget", l.actorTarget), ("utility", l.utility), ("utilityTarget", l.utilityTarget),
     ("mixer", l.mixer), ("mixerTarget", l.mixerTarget)]
}

/// Every parameter of `modules` as named tensors, `prefix.path`.
func named(_ modules: [(String, any Module)], value: (Parameter) -> Tensor?) -> [(name: String, tensor: Tensor)] {
    modules.flatMap { prefix, module in
        module.namedParameters().compactMap { p in value(p.parameter).map { ("\(prefix).\(p.name)", $0) } }
    }
}

func write(_ file: SafeTensors, _ dir: String, _ name: String) throws {
    try Data(try file.encoded()).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
}

/// The twin's learner, batch and random stream: a fresh learner (seed 5) and the first batch
/// drawn from 2,000 transitions of random play.
func twinSetup() throws -> (MAD2RLLearner, MARLBatch, RandomSource) {
    var rng = RandomSource(seed: 5)
    let learner = try MAD2RLLearner(configuration: MARLConfiguration(), agents: 10, using: &rng)
    var buffer = try randomBuffer(count: 2000)
    return (learner, MARLBatch(try buffer.sampleBatch(64), agents: 10), RandomSource(seed: 6))
}

func runTwinExport(_ dir: String) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var (learner, batch, random) = try twinSetup()
    let c = learner.configuration, k = c.denoisingSteps, a = VehicularObservation.actionWidth
    try write(SafeTensors(named(networks(learner)) { $0.value }), dir, "params.safetensors")

    // The update draws the target chain's noise, then the actor chain's: the same draws from a copy.
    var copy = random
    let targetNoise = DiffusionNoise(rows: batch.size * 10, actions: a, denoisingSteps: k, using: &copy)
    let noise = DiffusionNoise(rows: batch.size * 10, actions: a, denoisingSteps: k, using: &copy)
    let s = learner.actor.schedule
    func vector(_ xs: [Double]) -> Tensor { Tensor(xs.map { Float($0) }) }
    var inputs: [(name: String, tensor: Tensor)] = [
        ("states", batch.states), ("next_states", batch.nextStates), ("rows", batch.rows), ("next_rows", batch.nextRows),
        ("masks", batch.masks), ("actions", Tensor(batch.actions.map { Float($0) })), ("rewards", batch.rewards),
        ("step_embedding", timestepEmbedding((0..<k).map { Float($0) }, dimension: learner.actor.configuration.stepEmbedding)),
        ("start_from_sample", vector(s.startFromSample)), ("start_from_noise", vector(s.startFromNoise)),
        ("mean_from_start", vector(s.meanFromStart)), ("mean_from_sample", vector(s.meanFromSample)), ("sigma", vector(s.sigmas)),
    ]
    for (prefix, n) in [("target_noise", targetNoise), ("noise", noise)] {
        inputs.append(("\(prefix).start", n.start))
        for (i, z) in n.steps.enumerated() { inputs.append(("\(prefix).\(i + 1)", z)) }
    }
    let metadata = ["agents": "10", "steps": "\(k)", "gamma": "\(c.gamma)", "tau": "\(c.tau)", "entropy_weight": "\(c.entropyWeight)",
                    "critic_lr": "\(c.criticLearningRate)", "actor_lr": "\(c.actorLearningRate)", "clip": "\(c.gradientClip)",
                    "temperature": "\(learner.actor.configuration.temperature)"]
    try write(SafeTensors(inputs, metadata: metadata), dir, "inputs.safetensors")

    let losses = try learner.update(batch, random: &random)
    var out: [(name: String, tensor: Tensor)] = losses.map { ($0.name, Tensor(shape: [], scalars: [Float($0.value)])) }
    out += named([("actor", learner.actor), ("utility", learner.utility), ("mixer", learner.mixer)]) { $0.grad }.map { ("grad.\($0.name)", $0.tensor) }
    out += named(networks(learner)) { $0.value }.map { ("after.\($0.name)", $0.tensor) }
    try write(SafeTensors(out), dir, "swift.safetensors")
    print(losses.map { "\($0.name) \($0.value)" }.joined(separator: ", "))
}

func runTwinTiming(threads: Int, updates: Int) throws {
    BLAS.threads = threads
    var (learner, batch, random) = try twinSetup()
    var times: [Double] = [], cpu: [Double] = []
    for i in 0..<(updates + 3) {
        let cpuStart = processCPUSeconds()
        let t = seconds(try clock.measure { _ = try learner.update(batch, random: &random) })
        if i >= 3 { (times, cpu) = (times + [t], cpu + [processCPUSeconds() - cpuStart]) }
    }
    print("{\"framework\": \"offloadlab\", \"threads\": \(threads), \"updates\": \(updates), \"update_ms\": \(median(times) * 1e3), \"update_cpu_ms\": \(median(cpu) * 1e3)}")
}

/// CPU time of the whole process (every thread), seconds: under a shared machine's load the
/// figure to compare, since wall time includes waiting for a core.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
