import LabCore
import Testing
import Tensors

/// Test helpers shared by the test targets: finite-difference gradient checks.
///
/// Compares reverse-mode gradients against central finite differences.
///
/// The objective is `Σ w ⊙ f(inputs)` with fixed random weights `w`, so every output element
/// matters with a different weight. Float32 central differences with step `h` = 1e-2 have
/// truncation error O(h²) ≈ 1e-4 and rounding error ≈ 1e-7·|f|/h; tolerances are stated per call
/// (default: |analytic − numeric| ≤ 1e-2 + 2e-2·|numeric|).
public func checkGradients(
    _ inputs: [Tensor], step h: Float = 1e-2, atol: Float = 1e-2, rtol: Float = 2e-2, seed: UInt64 = 99,
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
    var rng = RandomSource(seed: seed)
    let probe = Tensor.withoutGrad { f(inputs) }
    let weights = Tensor.uniform(probe.shape, low: 0.5, high: 1.5, using: &rng)
    func objective(_ xs: [Tensor]) -> Float { Tensor.withoutGrad { (f(xs) * weights).sum().item } }

    let leaves = inputs.map { $0.requiringGrad() }
    (f(leaves) * weights).sum().backward()
    for (i, x) in inputs.enumerated() {
        guard let analytic = leaves[i].grad else {
            Issue.record("input \(i) received no gradient", sourceLocation: sourceLocation)
            continue
        }
        #expect(analytic.shape == x.shape, "gradient shape of input \(i)", sourceLocation: sourceLocation)
        for j in 0..<x.count {
            var plus = inputs, minus = inputs
            plus[i].withUnsafeMutableBufferPointer { $0[j] += h }
            minus[i].withUnsafeMutableBufferPointer { $0[j] -= h }
            let numeric = (objective(plus) - objective(minus)) / (2 * h)
            let a = analytic.scalars[j]
            if abs(a - numeric) > atol + rtol * abs(numeric) {
                Issue.record("input \(i) element \(j): analytic \(a) vs numeric \(numeric)", sourceLocation: sourceLocation)
                return
            }
        }
    }
}

/// Random tensor with values bounded away from zero (keeps kinks of relu/abs/clamp out of reach
/// of the finite-difference step).
public func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -2, high: Float = 2, awayFromZero: Bool = true) -> Tensor {
    var rng = RandomSource(seed: seed)
    return Tensor(shape: shape) { o in
        for i in 0..<o.count {
            var v = low + (high - low) * rng.nextFloat()
            if awayFromZero && abs(v) < 0.1 { v = v < 0 ? v - 0.1 : v + 0.1 }
            o[i] = v
        }
    }
}
