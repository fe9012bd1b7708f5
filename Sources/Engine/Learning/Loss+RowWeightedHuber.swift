import Tensors

extension Loss {
    /// Huber loss with one weight per row of a sequence, averaged over every element.
    ///
    /// `prediction` and `target` are `[..., H, A]`; element `(…, h, a)` contributes
    /// `rowWeights[h] · huber(prediction − target)` with `huber(e) = ½e²` for `|e| < δ` and
    /// `δ·(|e| − ½δ)` otherwise, and the sum is divided by the element count (weights are not
    /// renormalised). Diffusion planners weight the first planned action this way (DiffLoader's
    /// `statehuber` with `action_weight` 10).
    public static func rowWeightedHuber(_ prediction: Tensor, _ target: Tensor, rowWeights: [Float], delta: Float = 1) -> Tensor {
        precondition(prediction.shape == target.shape && prediction.rank >= 2, "rowWeightedHuber needs equal [..., H, A] shapes, got \(prediction.shape) and \(target.shape)")
        precondition(rowWeights.count == prediction.shape[prediction.rank - 2], "rowWeightedHuber needs one weight per row: \(rowWeights.count) for \(prediction.shape)")
        let a = (prediction - target).abs()
        let quadratic = a.clamped(-Float.infinity, delta)
        let terms = quadratic.squared() * 0.5 + (a - quadratic) * delta
        return (terms * Tensor(shape: [rowWeights.count, 1], scalars: rowWeights)).mean()
    }
}
