import Foundation
import LabCore
import Learning
import Tensors

// OffloadBench: one training step of the benchmark GNN, timed per phase.
// Usage: OffloadBench [--threads N] [--steps N] [--warmup N] [--gemm]
// Prints one JSON object per line (the compare script turns them into a table).

var arguments = CommandLine.arguments.dropFirst().makeIterator()
var threads = 1, steps = 20, warmup = 3, gemmOnly = false, kernelsOnly = false
while let a = arguments.next() {
    switch a {
    case "--threads": threads = Int(arguments.next() ?? "") ?? 1
    case "--steps": steps = Int(arguments.next() ?? "") ?? 20
    case "--warmup": warmup = Int(arguments.next() ?? "") ?? 3
    case "--gemm": gemmOnly = true
    case "--kernels": kernelsOnly = true
    default:
        FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8))
        exit(2)
    }
}
BLAS.threads = threads
if !BLAS.startedWithRecommendedKernels {
    FileHandle.standardError.write(Data("warning: OpenBLAS runs \(BLAS.coreName) kernels; export OPENBLAS_CORETYPE=\(BLAS.recommendedCoreType ?? "")\n".utf8))
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }

if gemmOnly {
    // sgemm rates at the step's shapes: C = A·B and dW = Xᵀ·dY.
    var rng = RandomSource(seed: 1)
    for (m, k, n) in [(10240, 128, 128), (1280, 128, 128), (10240, 128, 8), (10240, 128, 1), (2048, 2048, 2048)] {
        let a = Tensor.normal([m, k], using: &rng), b = Tensor.normal([k, n], using: &rng), dy = Tensor.normal([m, n], using: &rng)
        var fwd: [Double] = [], dw: [Double] = []
        for _ in 0..<(m * k * n > 1 << 30 ? 5 : 30) {
            var t = now(); _ = a.matmul(b); fwd.append(now() - t)
            t = now(); _ = a.matmul(dy, transposeA: true); dw.append(now() - t)
        }
        let flops = 2.0 * Double(m * k * n)
        print("{\"framework\":\"offloadlab\",\"gemm\":\"\(m)x\(k)x\(n)\",\"c_gflops\":\(flops / median(fwd) / 1e9),\"dw_gflops\":\(flops / median(dw) / 1e9)}")
    }
    exit(0)
}

if kernelsOnly {
    // Element-wise and graph kernels at the step's edge shape [10240, 128] (best of 20, ms).
    var rng = RandomSource(seed: 2)
    let x = Tensor.normal([10240, 128], using: &rng), y = Tensor.normal([10240, 128], using: &rng)
    let gamma = Tensor.ones([128]), beta = Tensor.zeros([128])
    let idx = (0..<10240).map { _ in rng.int(below: 1280) }
    let nodesX = Tensor.normal([1280, 128], using: &rng)
    let cases: [(String, () -> Tensor)] = [
        ("add", { x + y }), ("mul", { x * y }), ("relu", { x.relu() }), ("sigmoid", { x.sigmoid() }), ("exp", { x.exp() }),
        ("layerNorm", { x.layerNorm(gamma: gamma, beta: beta) }), ("gather 1280→10240", { nodesX.gather(idx) }),
        ("scatterAdd 10240→1280", { x.scatterAdd(idx, count: 1280) }), ("sum axis 0", { x.sum(alongAxis: 0) }),
    ]
    for (name, body) in cases {
        var times: [Double] = []
        for _ in 0..<20 { let t = now(); _ = body(); times.append(now() - t) }
        print("{\"framework\":\"offloadlab\",\"kernel\":\"\(name)\",\"best_ms\":\(times.min()! * 1e3),\"median_ms\":\(median(times) * 1e3)}")
    }
    exit(0)
}

let (graphs, nodes, degree, hidden, layerCount, heads) = (32, 40, 8, 128, 6, 8)
var rng = RandomSource(seed: 42)
let batch = EdgeGNNBatch(graphs: graphs, nodes: nodes, degree: degree, hidden: hidden, using: &rng)
let model = EdgeGNN(hidden: hidden, layers: layerCount, heads: heads, using: &rng)
var optimizer = Adam(model.parameters)
var forward: [Double] = [], backward: [Double] = [], update: [Double] = [], total: [Double] = [], losses: [Float] = []
for step in 0..<(warmup + steps) {
    let t0 = now()
    optimizer.zeroGrad()
    let logits = model(h: batch.h, e: batch.e, src: batch.src, dst: batch.dst, degree: degree)
    let loss = Loss.binaryCrossEntropy(logits: logits, targets: batch.targets)
    let t1 = now()
    loss.backward()
    let t2 = now()
    optimizer.step(learningRate: 1e-3)
    let t3 = now()
    losses.append(loss.item)
    if step >= warmup {
        forward.append(t1 - t0); backward.append(t2 - t1); update.append(t3 - t2); total.append(t3 - t0)
    }
}
if KernelProfiler.isEnabled {
    let report = KernelProfiler.report()
    let all = report.map(\.seconds).reduce(0, +)
    for r in report.prefix(25) {
        FileHandle.standardError.write(Data("\(String(format: "%6.1f%% %8.2f ms/step %6d calls", 100 * r.seconds / all, r.seconds * 1e3 / Double(warmup + steps), r.calls))  \(r.site)\n".utf8))
    }
}
print("{\"framework\":\"offloadlab\",\"threads\":\(threads),\"parameters\":\(model.parameterCount),\"steps\":\(steps)," +
      "\"forward_ms\":\(median(forward) * 1e3),\"backward_ms\":\(median(backward) * 1e3),\"optimizer_ms\":\(median(update) * 1e3)," +
      "\"step_ms\":\(median(total) * 1e3),\"first_loss\":\(losses.first!),\"last_loss\":\(losses.last!),\"kernels\":\"\(BLAS.coreName)\"}")
