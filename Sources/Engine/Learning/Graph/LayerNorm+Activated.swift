import Tensors

extension LayerNorm {
    /// `ReLU(LayerNorm(x))` in one fused pass, for `[..., d]`.
    func activated(_ x: Tensor) -> Tensor {
        x.layerNorm(gamma: gamma.value, beta: beta.value, epsilon: epsilon, relu: true)
    }
}
