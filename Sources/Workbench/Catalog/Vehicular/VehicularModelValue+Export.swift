import Learning
import Vehicular

extension VehicularModelValue: ModelExportable {
    /// The acting network: MAD2RL's diffusion actor as `actor.*` (architecture: the agents, the
    /// ``DiffusionActorConfiguration`` and the training configuration), or P-QMIX's utility MLP
    /// as `utility.*` (its widths, ReLU between layers).
    public func exportedModel() throws -> ExportedModel {
        let c = policy.configuration, m = policy.agents
        let training = ExportedModel.json(c)
        switch policy.kind {
        case .mad2rl:
            let actor = try MAD2RLLearner.actorConfiguration(c, agents: m)
            return ExportedModel(self, kind: policy.kind.rawValue, role: "actor", network: "DiffusionActor",
                                 architecture: "{\"actor\":\(ExportedModel.json(actor)),\"agents\":\(m),\"training\":\(training)}",
                                 parameters: policy.parameters)
        case .pqmix:
            let widths = [VehicularObservation.featureWidth + m, c.hidden, c.hidden, VehicularObservation.actionWidth]
            return ExportedModel(self, kind: policy.kind.rawValue, role: "utility", network: "MLP",
                                 architecture: "{\"activation\":\"relu\",\"agents\":\(m),\"training\":\(training),\"widths\":\(ExportedModel.json(widths))}",
                                 parameters: policy.parameters)
        }
    }
}
