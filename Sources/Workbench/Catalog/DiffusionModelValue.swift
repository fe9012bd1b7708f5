import Foundation
import GraphDiffusion
import LabCore
import Learning
import Notebook

/// A trained GDSG or GADSG denoiser as a notebook value (`diffusion.model`).
///
/// Holds the architecture (kind, hidden width, layers, heads), the trained parameters and the
/// training curves, so a notebook can plot convergence (`model.loss`,
/// `model.validation_cost_ratio`), compare models by `model.digest` (SHA-256 of the parameters)
/// and solve with the model (`diffusion.solve`).
/// Stored as a ``TrainedModelRecord``.
public struct DiffusionModelValue: TrainedModelValue {
    public static let typeName = "diffusion.model"
    public static let codecVersion = 1

    /// The architecture, parameters and curves.
    public let record: TrainedModelRecord

    /// Wraps a record.
    public init(record: TrainedModelRecord) { self.record = record }

    /// The encoder configuration of a kind (`gadsg` or `gdsg`).
    static func configuration(kind: String, hidden: Int, layers: Int, heads: Int) -> EdgeEncoderConfiguration {
        kind == "gdsg" ? .gdsg(hidden: hidden, layers: layers, outputHeads: [2, 1])
                       : .gadsg(hidden: hidden, layers: layers, heads: heads, outputHeads: [2, 1])
    }

    /// A denoiser with these parameters.
    public func denoiser() throws -> EncoderDenoiser {
        var rng = RandomSource(seed: 0)
        let d = EncoderDenoiser(Self.configuration(kind: header.kind, hidden: header.hidden, layers: header.layers, heads: header.heads), using: &rng)
        try d.load(parameters)
        return d
    }
}
