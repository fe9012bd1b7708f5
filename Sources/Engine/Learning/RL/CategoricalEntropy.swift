import Tensors

/// Entropy bonuses of policy losses.
public enum Entropy {
    /// `H(softmax(logits)) = −Σ_a π_a·log π_a` per row `[N]` of logits `[N, A]`, over the actions
    /// `mask` allows (`[N, A]`, 1 = allowed; nil allows all).
    ///
    /// Masked actions contribute exactly 0 to the value and the gradient (their `log π = −∞` is
    /// replaced by 0 before the product, so no `0·∞` appears in either pass).
    public static func categorical(logits: Tensor, mask: Tensor?) -> Tensor {
        let p = logits.softmax(alongAxis: -1, mask: mask)
        var logp = logits.logSoftmax(alongAxis: -1, mask: mask)
        if let mask { logp = logp.maskedFill(Tensor.withoutGrad { 1 - mask }, with: 0) }
        return -(p * logp).sum(alongAxis: -1)
    }
}
