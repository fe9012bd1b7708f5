import LabCore
import Learning
import Tensors

/// The benchmark's gated-attention edge GNN (issue 2 §5), written with the public engine API.
///
/// Graphs: `graphs` × `nodes` nodes; every node receives exactly `degree` edges from distinct
/// other nodes of its graph, and edges are stored sorted by destination, so "softmax over a
/// node's incoming edges" is a softmax over axis 1 of `[N, degree, heads]` and the aggregation
/// is a sum over that axis. The PyTorch script builds the identical graph and model.
final class EdgeGNN: Module {
    struct Layer {
        let a: Linear, b: Linear, c: Linear, edgeNorm: LayerNorm
        let attention: Linear, value: Linear, update: Linear, nodeNorm: LayerNorm
    }

    let layers: [Layer]
    let head1: Linear, head2: Linear
    let hidden: Int, heads: Int

    init(hidden: Int, layers count: Int, heads: Int, using rng: inout RandomSource) {
        self.hidden = hidden
        self.heads = heads
        layers = (0..<count).map { _ in
            Layer(a: Linear(hidden, hidden, using: &rng), b: Linear(hidden, hidden, using: &rng),
                  c: Linear(hidden, hidden, using: &rng), edgeNorm: LayerNorm(hidden),
                  attention: Linear(hidden, heads, using: &rng), value: Linear(hidden, hidden, using: &rng),
                  update: Linear(hidden, hidden, using: &rng), nodeNorm: LayerNorm(hidden))
        }
        head1 = Linear(hidden, hidden, using: &rng)
        head2 = Linear(hidden, 1, using: &rng)
    }

    var children: [(String, any Module)] {
        var out: [(String, any Module)] = []
        for (i, l) in layers.enumerated() {
            out += [("\(i).a", l.a), ("\(i).b", l.b), ("\(i).c", l.c), ("\(i).edgeNorm", l.edgeNorm),
                    ("\(i).attention", l.attention), ("\(i).value", l.value), ("\(i).update", l.update),
                    ("\(i).nodeNorm", l.nodeNorm)]
        }
        return out + [("head1", head1), ("head2", head2)]
    }

    /// Edge logits `[E, 1]`.
    func callAsFunction(h h0: Tensor, e e0: Tensor, src: [Int], dst: [Int], degree: Int) -> Tensor {
        var h = h0, e = e0
        let n = h.shape[0], d = hidden, dh = hidden / heads
        for l in layers {
            let eHat = Tensor.gatherAdd(l.a(e), [(l.b(h), src), (l.c(h), dst)])
            e = e + eHat.layerNorm(gamma: l.edgeNorm.gamma.value, beta: l.edgeNorm.beta.value, relu: true)
            let att = l.attention(e).reshaped([n, degree, heads]).softmax(alongAxis: 1)
            let message = Tensor.gatedGather(gate: e, values: l.value(h), indices: src)
            let aggregate = Tensor.weightedSum(values: message.reshaped([n, degree, heads, dh]), weights: att).reshaped([n, d])
            h = h + (l.update(h) + aggregate).layerNorm(gamma: l.nodeNorm.gamma.value, beta: l.nodeNorm.beta.value, relu: true)
        }
        return head2(head1(e).relu())
    }
}

/// Deterministic benchmark inputs shared (by construction, not by bytes) with the PyTorch script.
struct EdgeGNNBatch {
    let h: Tensor, e: Tensor, targets: Tensor
    let src: [Int], dst: [Int]

    init(graphs: Int, nodes: Int, degree: Int, hidden: Int, using rng: inout RandomSource) {
        var src: [Int] = [], dst: [Int] = []
        for g in 0..<graphs {
            for v in 0..<nodes {
                var others = Array(0..<nodes).filter { $0 != v }
                rng.shuffle(&others)
                for u in others.prefix(degree) {
                    src.append(g * nodes + u)
                    dst.append(g * nodes + v)
                }
            }
        }
        self.src = src
        self.dst = dst
        h = .normal([graphs * nodes, hidden], using: &rng)
        e = .normal([src.count, hidden], using: &rng)
        targets = .bernoulli([src.count, 1], probability: 0.3, using: &rng)
    }
}
