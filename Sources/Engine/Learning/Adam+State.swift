import LabCore
import Tensors

extension Adam {
    /// The optimiser's moments and step count as tensors named `m.i`, `v.i` and `step`, for
    /// checkpoints (with the model's parameters, this is everything needed to resume exactly).
    public var state: [String: Tensor] {
        var out: [String: Tensor] = ["step": Tensor([Float(stepCount)])]
        for i in m.indices {
            out["m.\(i)"] = Tensor(m[i])
            out["v.\(i)"] = Tensor(v[i])
        }
        return out
    }

    /// Restores moments and step count saved by ``state``.
    ///
    /// - Throws: `.invalidInput` when the saved state belongs to a different parameter list.
    public mutating func restore(_ saved: [String: Tensor]) throws {
        guard let step = saved["step"]?.scalars.first else { throw LabError(.invalidInput, "optimiser state has no step count") }
        for i in m.indices {
            guard let mi = saved["m.\(i)"], let vi = saved["v.\(i)"], mi.count == m[i].count, vi.count == v[i].count else {
                throw LabError(.invalidInput, "optimiser state does not match parameter \(i): the checkpoint comes from a different model")
            }
            m[i] = mi.scalars
            v[i] = vi.scalars
        }
        stepCount = Int(step)
    }
}
