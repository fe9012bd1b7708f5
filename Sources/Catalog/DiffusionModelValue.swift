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
/// Encoding: a JSON header line, then the `params/1` bytes.
public struct DiffusionModelValue: LibraryValue {
    public static let typeName = "diffusion.model"
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

    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(header)) ?? Data()) + [10] + parameters.encoded()
    }

    public static func decode(_ bytes: [UInt8]) throws -> DiffusionModelValue {
        guard let newline = bytes.firstIndex(of: 10) else { throw LabError(.corrupt, "stored diffusion.model has no header") }
        do {
            let header = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline]))
            return DiffusionModelValue(header: header, parameters: try ParameterSet.decode(Array(bytes[(newline + 1)...])))
        } catch let e as LabError { throw e } catch {
            throw LabError(.corrupt, "stored diffusion.model header does not decode: \(error)")
        }
    }

    public var summary: String {
        let ratio = header.validationCostRatio.map { ", validation cost ratio \(Table.formatted($0))" } ?? ""
        return "diffusion.model (\(header.kind), hidden \(header.hidden), \(header.layers) layers, \(parameters.tensors.values.map(\.count).reduce(0, +)) parameters\(ratio))"
    }

    public func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(header.kind)
        case "validation_cost_ratio_final": return header.validationCostRatio.map { .number($0) }
        case "digest": return .string(parameters.digest.hex)
        default:
            guard let values = header.curves[name], let steps = header.curveSteps[name] else { return nil }
            return .series(Series(name: name, steps: steps, values: values))
        }
    }
}
