import Learning
import MultiMEC

extension MECSACRunValue: ModelExportable {
    /// The policy network (``SACActor``) as `actor.*`; architecture: observation size (the
    /// environment's plus its encoding), action size and the run's configuration.
    public func exportedModel() throws -> ExportedModel {
        let observation = environment.observationSize + configuration.encoding.width(environments: 1)
        let architecture = "{\"actions\":\(environment.actionSize),\"configuration\":\(ExportedModel.json(configuration)),\"observations\":\(observation)}"
        return ExportedModel(self, kind: "sac", role: "actor", network: "SACActor", architecture: architecture, parameters: actor)
    }
}
