import LabCore
import Tensors

extension Linear {
    /// A hidden layer initialised as rlkit's `Mlp` does: weights uniform in ±1/√`outputs` (rlkit's
    /// `fanin_init` reads the fan from PyTorch's `[out, in]` weight's first axis) and every bias `bias`.
    static func rlkitHidden(_ inputs: Int, _ outputs: Int, bias: Float, using rng: inout RandomSource) -> Linear {
        let layer = Linear(zeroed: inputs, outputs)
        let bound = 1 / Float(outputs).squareRoot()
        layer.weight.assign(.uniform([inputs, outputs], low: -bound, high: bound, using: &rng))
        layer.bias?.assign(Tensor(repeating: bias, shape: [outputs]))
        return layer
    }

    /// An output layer initialised as rlkit's `last_fc`: weights and biases uniform in ±`bound`.
    static func rlkitOutput(_ inputs: Int, _ outputs: Int, bound: Float, using rng: inout RandomSource) -> Linear {
        let layer = Linear(zeroed: inputs, outputs)
        layer.weight.assign(.uniform([inputs, outputs], low: -bound, high: bound, using: &rng))
        layer.bias?.assign(.uniform([outputs], low: -bound, high: bound, using: &rng))
        return layer
    }
}

extension Tensor {
    /// `relu(x·W + b)` with `W` and `b` detached when `frozen` (gradients still reach `x`).
    static func sacLayer(_ x: Tensor, _ layer: Linear, frozen: Bool, relu: Bool) -> Tensor {
        let w = frozen ? layer.weight.value.detached() : layer.weight.value
        let b = frozen ? layer.bias?.value.detached() : layer.bias?.value
        let y = Tensor.affine(x, weight: w, bias: b)
        return relu ? y.relu() : y
    }
}
