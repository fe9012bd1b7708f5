import GraphDiffusion
import Learning

extension DiffusionModelValue: ModelExportable {
    /// The denoiser as `denoiser.*`; architecture: kind, hidden width, layers, heads and the
    /// ``EdgeEncoderConfiguration`` it is built from.
    public func exportedModel() throws -> ExportedModel {
        let configuration = try Self.configuration(kind: header.kind, hidden: header.hidden, layers: header.layers, heads: header.heads)
        return record.exported(self, role: "denoiser", network: "EncoderDenoiser", configuration: configuration)
    }
}

extension BaselineModelValue: ModelExportable {
    /// The DiGNN (`dignn.*`) or GRLO policy (`grlo.*`); architecture as for `diffusion.model`.
    public func exportedModel() throws -> ExportedModel {
        let h = header
        switch h.kind {
        case .dignn:
            return record.exported(self, role: "dignn", network: "DiGNN", configuration: DiGNN.configuration(hidden: h.hidden, layers: h.layers, heads: h.heads))
        case .grlo:
            return record.exported(self, role: "grlo", network: "GRLOPolicy", configuration: GRLOPolicy.configuration(hidden: h.hidden, layers: h.layers, heads: h.heads))
        case .gdsg, .gadsg:
            return record.exported(self, role: h.kind.rawValue, network: "EncoderDenoiser",
                                   configuration: try DiffusionModelValue.configuration(kind: h.kind, hidden: h.hidden, layers: h.layers, heads: h.heads))
        }
    }
}

extension TrainedModelRecord {
    /// The record's parameters under `role` with its sizes and encoder configuration.
    func exported<V: TrainedModelValue>(_ value: V, role: String, network: String, configuration: EdgeEncoderConfiguration) -> ExportedModel {
        let h = header
        let architecture = "{\"encoder\":\(ExportedModel.json(configuration)),\"heads\":\(h.heads),\"hidden\":\(h.hidden),\"layers\":\(h.layers)}"
        return ExportedModel(value, kind: h.kind.rawValue, role: role, network: network, architecture: architecture, parameters: parameters)
    }
}
