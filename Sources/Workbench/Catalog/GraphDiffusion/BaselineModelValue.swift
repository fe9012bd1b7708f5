import Foundation
import GraphDiffusion
import LabCore
import Learning
import Notebook

/// A trained learned baseline — DiGNN or GRLO — as a notebook value (`baseline.model`, issue 7).
///
/// Mirrors ``DiffusionModelValue``: the architecture (kind `dignn` or `grlo`, hidden width,
/// layers, attention heads of the GADSG backbone), the trained parameters and the training curves,
/// so a notebook can plot convergence (`model.loss`, `model.validation_cost_ratio`, for GRLO also
/// `model.sampled_cost`, `model.epoch_sampled_cost`) and solve with `baseline.solve`.
/// Stored as a ``TrainedModelRecord``.
public struct BaselineModelValue: TrainedModelValue {
    public static let typeName = "baseline.model"
    public static let codecVersion = 1

    /// The architecture, parameters and curves.
    public let record: TrainedModelRecord

    /// Wraps a record.
    public init(record: TrainedModelRecord) { self.record = record }

    /// The DiGNN with these parameters; throws if the value holds another kind.
    public func dignn() throws -> DiGNN {
        try model(.dignn) { DiGNN(DiGNN.configuration(hidden: header.hidden, layers: header.layers, heads: header.heads), using: &$0) }
    }

    /// The GRLO policy with these parameters; throws if the value holds another kind.
    public func grlo() throws -> GRLOPolicy {
        try model(.grlo) { GRLOPolicy(GRLOPolicy.configuration(hidden: header.hidden, layers: header.layers, heads: header.heads), using: &$0) }
    }

    /// A model of `kind` made by `make` (any initial weights), then loaded with these parameters.
    func model<M: Module>(_ kind: LearnedSolverKind, _ make: (inout RandomSource) -> M) throws -> M {
        guard header.kind == kind else { throw LabError(.invalidInput, "baseline.model is `\(header.kind.rawValue)`, not `\(kind.rawValue)`") }
        var rng = RandomSource(seed: 0)
        let m = make(&rng)
        try m.load(parameters)
        return m
    }
}
