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
/// Encoding: a JSON header line, then the `params/1` bytes.
public struct BaselineModelValue: LibraryValue {
    public static let typeName = "baseline.model"
    public static let codecVersion = 1

    /// What the JSON header holds.
    struct Header: Codable {
        var kind: String
        var hidden: Int
        var layers: Int
        var heads: Int
        var curves: [String: [Double]]
        var curveSteps: [String: [Int]]
        var validationCostRatio: Double?
    }

    var header: Header
    /// The trained parameters.
    public var parameters: ParameterSet

    /// The DiGNN with these parameters; throws if the value holds another kind.
    public func dignn() throws -> DiGNN {
        guard header.kind == "dignn" else { throw LabError(.invalidInput, "baseline.model is `\(header.kind)`, not `dignn`") }
        var rng = RandomSource(seed: 0)
        let m = DiGNN(DiGNN.configuration(hidden: header.hidden, layers: header.layers, heads: header.heads), using: &rng)
        try m.load(parameters)
        return m
    }

    /// The GRLO policy with these parameters; throws if the value holds another kind.
    public func grlo() throws -> GRLOPolicy {
        guard header.kind == "grlo" else { throw LabError(.invalidInput, "baseline.model is `\(header.kind)`, not `grlo`") }
        var rng = RandomSource(seed: 0)
        let p = GRLOPolicy(GRLOPolicy.configuration(hidden: header.hidden, layers: header.layers, heads: header.heads), using: &rng)
        try p.load(parameters)
        return p
    }

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(header)) ?? Data()) + [10] + parameters.encoded()
    }

    public static func decode(_ bytes: [UInt8]) throws -> BaselineModelValue {
        guard let newline = bytes.firstIndex(of: 10) else { throw LabError(.corrupt, "stored baseline.model has no header") }
        do {
            let header = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline]))
            return BaselineModelValue(header: header, parameters: try ParameterSet.decode(Array(bytes[(newline + 1)...])))
        } catch let e as LabError { throw e } catch {
            throw LabError(.corrupt, "stored baseline.model header does not decode: \(error)")
        }
    }

    public var summary: String {
        let ratio = header.validationCostRatio.map { ", validation cost ratio \(Table.formatted($0))" } ?? ""
        return "baseline.model (\(header.kind), hidden \(header.hidden), \(header.layers) layers, \(parameters.tensors.values.map(\.count).reduce(0, +)) parameters\(ratio))"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(header.kind)
        case "validation_cost_ratio_final": return header.validationCostRatio.map { .number($0) }
        default:
            guard let values = header.curves[name], let steps = header.curveSteps[name] else { return nil }
            return .series(Series(name: name, steps: steps, values: values))
        }
    }
}
