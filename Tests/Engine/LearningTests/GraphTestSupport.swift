import LabCore
import Testing
import TestSupport
@testable import Learning
@testable import Tensors

/// Small graph batches and checks shared by the graph encoder tests.
enum GraphFixture {
    /// Link flags `[2, 3, 3]`: instance 0 has a user with one link; instance 1 has a user
    /// without links (all its slots padded) and a server without links (server 1).
    static let flags = Tensor(shape: [2, 3, 3], scalars: [
        1, 1, 0, /**/ 1, 0, 1, /**/ 1, 0, 0,
        1, 0, 1, /**/ 0, 0, 0, /**/ 1, 0, 0,
    ])

    /// A random batch on ``flags`` with `edgeInputs` channels and LAENet-like node features
    /// (types: users GU/AU, servers HAP, GS, GS).
    static func batch(edgeInputs: Int = 8, seed: UInt64 = 11) -> GraphBatch {
        let (b, u, s) = (2, 3, 3)
        let edges = randomTensor([b, u, s, edgeInputs], seed: seed)
        var users = randomTensor([b, u, 4], seed: seed + 1, low: 0, high: 1)
        var servers = randomTensor([b, s, 4], seed: seed + 2, low: 0, high: 1)
        for i in 0..<b {
            for j in 0..<u { users[i, j, 0] = Float(2 + (i + j) % 2) }
            for j in 0..<s { servers[i, j, 0] = j == 0 ? 0 : 1 }
        }
        return GraphBatch(edges: edges, flags: flags, userNodes: users, serverNodes: servers,
                          userPositions: randomTensor([b, u, 2], seed: seed + 3, low: 0, high: 1),
                          serverPositions: randomTensor([b, s, 2], seed: seed + 4, low: 0, high: 1))
    }

    /// A random hidden state `[2, 3, H]`, `[2, 3, H]`, `[2, 3, 3, H]`.
    static func state(hidden h: Int, seed: UInt64) -> GraphState {
        GraphState(users: randomTensor([2, 3, h], seed: seed), servers: randomTensor([2, 3, h], seed: seed + 1),
                   edges: randomTensor([2, 3, 3, h], seed: seed + 2))
    }

    /// `(instance, user, slot)` of every padded slot of ``flags``.
    static var paddedSlots: [(Int, Int, Int)] {
        var out: [(Int, Int, Int)] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<3 where flags[i, j, k] == 0 { out.append((i, j, k)) } } }
        return out
    }

    /// Copy of `t` (`[2, 3, 3, C]`) with every padded slot's channels replaced by seeded noise.
    static func scramblingPaddedSlots(_ t: Tensor, seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        var out = t.detached()
        for (i, j, k) in paddedSlots {
            for c in 0..<t.shape[3] { out[i, j, k, c] = 50 * (rng.nextFloat() - 0.5) }
        }
        return out
    }

    /// The largest |a − b| over real slots of two `[2, 3, 3, C]` tensors.
    static func realSlotDifference(_ a: Tensor, _ b: Tensor) -> Float {
        var worst: Float = 0
        for i in 0..<2 { for j in 0..<3 { for k in 0..<3 where flags[i, j, k] != 0 {
            for c in 0..<a.shape[3] { worst = max(worst, abs(a[i, j, k, c] - b[i, j, k, c])) }
        } } }
        return worst
    }

    /// Replaces every parameter by seeded uniform values in ±0.5 around its initial value, so
    /// zero-initialised layers also pass gradient (for gradient checks).
    static func randomise(_ module: any Module, seed: UInt64) {
        var rng = RandomSource(seed: seed)
        for p in module.parameters {
            p.assign(p.value.detached() + Tensor.uniform(p.value.shape, low: -0.5, high: 0.5, using: &rng))
        }
    }
}

/// Finite-difference check of a module's parameter gradients for the objective `Σ w ⊙ f()`
/// with fixed random weights `w`: the first, middle and last entry of every parameter.
///
/// Deep stacks have hundreds of ReLU units (fused LayerNorm-ReLU, heads, time MLP); a central
/// difference whose interval straddles one of their kinks is wrong by O(1)·slope change, so an
/// entry passes when the analytic value matches the central difference at any of `steps`
/// (seen here: differences converging to the analytic value only below h = 1e-3)
/// (a wrong gradient matches none of them).
func checkParameterGradients(_ module: any Module, steps: [Float] = [1e-2, 3e-3, 1e-3, 3e-4], atol: Float = 1e-2, rtol: Float = 2e-2,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation, _ f: () -> Tensor) {
    var rng = RandomSource(seed: 77)
    let weights = Tensor.uniform(Tensor.withoutGrad { f() }.shape, low: 0.5, high: 1.5, using: &rng)
    func objective() -> Float { Tensor.withoutGrad { (f() * weights).sum().item } }
    module.zeroGrad()
    (f() * weights).sum().backward()
    for (name, p) in module.namedParameters() {
        guard let grad = p.grad else {
            Issue.record("parameter \(name) received no gradient", sourceLocation: sourceLocation)
            continue
        }
        for j in Set([0, p.value.count / 2, p.value.count - 1]).sorted() {
            let original = p.value.scalars[j], analytic = grad.scalars[j]
            let numerics = steps.map { h -> Float in
                p.update { $0[j] = original + h }
                let plus = objective()
                p.update { $0[j] = original - h }
                let minus = objective()
                p.update { $0[j] = original }
                return (plus - minus) / (2 * h)
            }
            if !numerics.contains(where: { abs(analytic - $0) <= atol + rtol * abs($0) }) {
                Issue.record("\(name)[\(j)]: analytic \(analytic) vs numeric \(numerics) at steps \(steps)", sourceLocation: sourceLocation)
            }
        }
    }
    module.zeroGrad()
}

/// All outputs of a graph state flattened into one vector (users, servers, edges).
func flattened(_ s: GraphState) -> Tensor {
    Tensor.concat([s.users.reshaped([-1]), s.servers.reshaped([-1]), s.edges.reshaped([-1])], alongAxis: 0)
}
