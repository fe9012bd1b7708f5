import Learning
import MultiMEC

extension MECLearnerValue: ModelExportable {
    /// The policy network as `policy.*`: ``SACActor`` (SACLoader, MTLoader), ``PMOEActor``
    /// (MoELoader) or ``GaussianMLPPolicy`` (MetaLoader, its meta-trained initialisation).
    ///
    /// Architecture: the learner's kind, its configuration, the training environments in order
    /// (MTLoader's one-hot or descriptor encoding follows it) and the action width; MetaLoader
    /// also carries its linear baseline's coefficients.
    public func exportedModel() throws -> ExportedModel {
        let network: String
        let configuration: String
        switch header.kind {
        case .sacloader, .mtloader: (network, configuration) = ("SACActor", header.sac.map { ExportedModel.json($0) } ?? "null")
        case .moeloader: (network, configuration) = ("PMOEActor", header.moe.map { ExportedModel.json($0) } ?? "null")
        case .metaloader: (network, configuration) = ("GaussianMLPPolicy", header.meta.map { ExportedModel.json($0) } ?? "null")
        }
        let actions = header.environments.first?.actionSize ?? 0
        var fields = ["\"actions\":\(actions)", "\"configuration\":\(configuration)", "\"environments\":\(ExportedModel.json(header.environments))",
                      "\"kind\":\"\(header.kind.rawValue)\""]
        if let baseline = header.baseline { fields.insert("\"baseline\":\(ExportedModel.json(baseline))", at: 1) }
        return ExportedModel(self, kind: header.kind.rawValue, role: "policy", network: network,
                             architecture: "{" + fields.joined(separator: ",") + "}", parameters: parameters)
    }
}
