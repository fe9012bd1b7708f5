import Foundation
import GraphDiffusion
import LabCore
import Learning
import Notebook

/// What a trained-model notebook value stores: the architecture, the trained parameters and the
/// training curves. Encoding: a JSON header line (sorted keys), then the `params/1` bytes.
public struct TrainedModelRecord: Sendable {
    /// The architecture and the curves.
    public struct Header: Codable, Sendable {
        /// Model kind.
        public var kind: LearnedSolverKind
        /// Hidden width, layers and attention heads of the encoder.
        public var hidden: Int, layers: Int, heads: Int
        /// Metric values by name, in step order.
        public var curves: [String: [Double]]
        /// The steps of each curve.
        public var curveSteps: [String: [Int]]
        /// The validation cost ratio after the last epoch.
        public var validationCostRatio: Double?
        /// The encoder's ablation switches, or nil for the kind's own encoder (then absent from
        /// the JSON, so models trained before the switches existed keep their bytes).
        public var ablation: EncoderAblation? = nil
    }

    /// The architecture and the curves.
    public var header: Header
    /// The trained parameters.
    public var parameters: ParameterSet

    func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array((try? e.encode(header)) ?? Data()) + [10] + parameters.encoded()
    }

    static func decode(_ bytes: [UInt8], typeName: String) throws -> TrainedModelRecord {
        guard let newline = bytes.firstIndex(of: 10) else { throw LabError(.corrupt, "stored \(typeName) has no header") }
        do {
            let header = try JSONDecoder().decode(Header.self, from: Data(bytes[..<newline]))
            return TrainedModelRecord(header: header, parameters: try ParameterSet.decode(Array(bytes[(newline + 1)...])))
        } catch let e as LabError { throw e } catch {
            throw LabError(.corrupt, "stored \(typeName) header does not decode: \(error)")
        }
    }

    func summary(typeName: String) -> String {
        let ratio = header.validationCostRatio.map { ", validation cost ratio \(Table.formatted($0))" } ?? ""
        let switches = header.ablation.map { $0.differences(from: header.kind) } ?? []
        let variant = switches.isEmpty ? "" : " [\(switches.joined(separator: ", "))]"
        return "\(typeName) (\(header.kind)\(variant), hidden \(header.hidden), \(header.layers) layers, \(parameters.tensors.values.map(\.count).reduce(0, +)) parameters\(ratio))"
    }

    /// `kind`, `variant` (the ablation switches that differ from the kind's encoder, e.g.
    /// `"edge_gate=false"`, or `"standard"`), `validation_cost_ratio_final`, `digest` (SHA-256
    /// of the parameters), or a curve as a series.
    func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(header.kind.rawValue)
        case "variant":
            let switches = header.ablation.map { $0.differences(from: header.kind) } ?? []
            return .string(switches.isEmpty ? "standard" : switches.joined(separator: ","))
        case "validation_cost_ratio_final": return header.validationCostRatio.map { .number($0) }
        case "digest": return .string(parameters.digest.hex)
        default:
            guard let values = header.curves[name], let steps = header.curveSteps[name] else { return nil }
            return .series(Series(name: name, steps: steps, values: values))
        }
    }
}

extension TrainedModelRecord {
    /// The named metric series of this call, as values and steps per name.
    static func curves(_ names: [String], _ context: any CallContext) throws -> ([String: [Double]], [String: [Int]]) {
        var curves: [String: [Double]] = [:], steps: [String: [Int]] = [:]
        for name in names {
            let s = try context.metricSeries(name)
            curves[name] = s.map(\.value)
            steps[name] = s.map(\.step)
        }
        return (curves, steps)
    }

    /// The final validation cost ratio a model header records: the last point of its
    /// `validation_cost_ratio` curve, so a run that resumed from its final checkpoint (and
    /// validated nothing itself) records the same value as the run that trained it; the
    /// trainer's summary only when there is no curve.
    static func finalValidationRatio(_ curves: [String: [Double]], summary: Double?) -> Double? {
        curves["validation_cost_ratio"]?.last ?? summary
    }

    /// A record of a model trained by this call: its architecture, its parameters and the
    /// curves of `metrics` the call recorded.
    static func trained(_ kind: LearnedSolverKind, _ architecture: ModelArchitecture, metrics: [String], summaryRatio: Double?,
                        parameters: ParameterSet, context: any CallContext, ablation: EncoderAblation? = nil) throws -> TrainedModelRecord {
        let (curves, steps) = try TrainedModelRecord.curves(metrics, context)
        return TrainedModelRecord(header: .init(kind: kind, hidden: architecture.hidden, layers: architecture.layers, heads: architecture.heads,
                                                curves: curves, curveSteps: steps,
                                                validationCostRatio: finalValidationRatio(curves, summary: summaryRatio), ablation: ablation),
                                  parameters: parameters)
    }
}

/// A notebook value wrapping a ``TrainedModelRecord``; the codec, summary and members come free.
protocol TrainedModelValue: LibraryValue {
    var record: TrainedModelRecord { get }
    init(record: TrainedModelRecord)
}

extension TrainedModelValue {
    /// Creates the value from its parts.
    init(header: TrainedModelRecord.Header, parameters: ParameterSet) { self.init(record: TrainedModelRecord(header: header, parameters: parameters)) }
    /// The architecture and the curves.
    public var header: TrainedModelRecord.Header { record.header }
    /// The trained parameters.
    public var parameters: ParameterSet { record.parameters }
    public func encoded() -> [UInt8] { record.encoded() }
    public static func decode(_ bytes: [UInt8]) throws -> Self { Self(record: try TrainedModelRecord.decode(bytes, typeName: typeName)) }
    public var summary: String { record.summary(typeName: Self.typeName) }
    public func member(_ name: String) -> Value? { record.member(name) }
}
