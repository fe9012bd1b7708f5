import Tensors

/// How a loss combines per-element terms.
public enum Reduction: String, Sendable, Codable {
    /// Average over the terms that count.
    case mean
    /// Sum of the terms.
    case sum
}

/// Loss functions. Each returns a scalar tensor that can be back-propagated.
public enum Loss {
    /// Cross-entropy of `logits` `[N, C]` against integer `targets`.
    ///
    /// `classMask` (`[N, C]` or `[C]`, 1 = allowed) removes classes from the softmax, e.g.
    /// links a user does not have; a target must be an allowed class. With `.mean` the sum is
    /// divided by N.
    public static func crossEntropy(logits: Tensor, targets: [Int], classMask: Tensor? = nil, reduction: Reduction = .mean) -> Tensor {
        precondition(logits.rank == 2 && logits.shape[0] == targets.count, "crossEntropy needs [N, C] logits and N targets")
        let logp = logits.logSoftmax(alongAxis: -1, mask: classMask)
        let picked = logp * Tensor.oneHot(targets, classes: logits.shape[1])
        // -inf · 0 would be NaN on masked classes: zero them before summing.
        let finite = classMask == nil ? picked : picked.maskedFill(Tensor.withoutGrad { oneMinus(classMask!) }, with: 0)
        let total = -finite.sum()
        return reduction == .mean ? total / Float(targets.count) : total
    }

    /// Binary cross-entropy on logits, numerically stable: `max(x,0) − x·t + log(1 + e^{−|x|})`.
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor, reduction: Reduction = .mean) -> Tensor {
        precondition(logits.shape == targets.shape, "binaryCrossEntropy shapes differ: \(logits.shape) vs \(targets.shape)")
        let terms = logits.relu() - logits * targets + ((-logits.abs()).exp() + 1).log()
        return reduction == .mean ? terms.mean() : terms.sum()
    }

    /// Mean (or summed) squared error.
    public static func mse(_ prediction: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
        let sq = (prediction - target).squared()
        return reduction == .mean ? sq.mean() : sq.sum()
    }

    /// Huber loss: quadratic within `delta` of the target, linear beyond.
    public static func huber(_ prediction: Tensor, _ target: Tensor, delta: Float = 1, reduction: Reduction = .mean) -> Tensor {
        let diff = prediction - target
        let a = diff.abs()
        let quadratic = a.clamped(-Float.infinity, delta)  // min(|d|, δ), gradient 0 beyond δ
        let terms = quadratic.squared() * 0.5 + (a - quadratic) * delta
        return reduction == .mean ? terms.mean() : terms.sum()
    }

    static func oneMinus(_ t: Tensor) -> Tensor { 1 - t }
}
