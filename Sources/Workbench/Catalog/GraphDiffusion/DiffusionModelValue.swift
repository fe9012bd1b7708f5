import Foundation
import GraphDiffusion
import LabCore
import Learning
import Notebook

/// A trained GDSG or GADSG denoiser as a notebook value (`diffusion.model`).
///
/// Holds the architecture (kind, hidden width, layers, heads, ablation switches), the trained parameters and the
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

    /// The encoder configuration of a diffusion kind (`gadsg` or `gdsg`) with its ablation
    /// switches (nil: the kind's own encoder); other kinds are not diffusion models.
    static func configuration(kind: LearnedSolverKind, hidden: Int, layers: Int, heads: Int,
                              ablation: EncoderAblation? = nil) throws -> EdgeEncoderConfiguration {
        let base: EdgeEncoderConfiguration
        switch kind {
        case .gdsg: base = .gdsg(hidden: hidden, layers: layers, outputHeads: [2, 1])
        case .gadsg: base = .gadsg(hidden: hidden, layers: layers, heads: heads, outputHeads: [2, 1])
        case .dignn, .grlo: throw LabError(.corrupt, "a diffusion.model holds a `\(kind.rawValue)` model, which is not a diffusion model")
        }
        let c = (ablation ?? .standard(for: kind)).applied(to: base)
        guard !c.positionalEncoding || hidden % 4 == 0 else {
            throw LabError(.corrupt, "a stored diffusion.model with the 2-D positional encoding has hidden width \(hidden), not a multiple of 4")
        }
        return c
    }

    /// The method name of its solutions: the kind, followed by the ablation switches that differ
    /// from the kind's encoder in brackets (`gadsg[edge_gate=false]`).
    public var methodName: String {
        let switches = header.ablation.map { $0.differences(from: header.kind) } ?? []
        return switches.isEmpty ? header.kind.rawValue : "\(header.kind.rawValue)[\(switches.joined(separator: ","))]"
    }

    /// A denoiser with these parameters.
    public func denoiser() throws -> EncoderDenoiser {
        var rng = RandomSource(seed: 0)
        let d = EncoderDenoiser(try Self.configuration(kind: header.kind, hidden: header.hidden, layers: header.layers, heads: header.heads,
                                                       ablation: header.ablation), using: &rng)
        try d.load(parameters)
        return d
    }
}
