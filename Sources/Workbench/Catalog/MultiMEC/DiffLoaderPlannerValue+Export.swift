import Learning
import MultiMEC
import Tensors

extension DiffLoaderPlannerValue: ModelExportable {
    /// The noise-prediction network (``PlannerNetwork``, its moving average, what the planner
    /// samples with) as `planner.*`, and the min–max limits it was trained in as
    /// `normalizer.{observation,action}_{low,high}` (float32 vectors).
    ///
    /// Architecture: the ``PlannerConfiguration`` (sizes, diffusion steps, guidance, …), the
    /// prompt mode, the observation and action widths and the training environments in index
    /// order (the planner's environment indices).
    public func exportedModel() throws -> ExportedModel {
        let architecture = "{\"actions\":\(actionSize),\"configuration\":\(ExportedModel.json(configuration)),"
            + "\"environments\":\(ExportedModel.json(training.map(\.environment))),\"observations\":\(observationSize),"
            + "\"prompt_mode\":\"\(promptMode.rawValue)\"}"
        var model = ExportedModel(self, kind: "diffloader", role: "planner", network: "PlannerNetwork", architecture: architecture, parameters: parameters)
        let limits = [("normalizer.action_high", normalizer.actionHigh), ("normalizer.action_low", normalizer.actionLow),
                      ("normalizer.observation_high", normalizer.observationHigh), ("normalizer.observation_low", normalizer.observationLow)]
        model.tensors += limits.map { ($0.0, Tensor(shape: [$0.1.count], scalars: $0.1)) }
        model.tensors.sort { $0.name < $1.name }
        return model
    }
}
