import MultiMEC
import Notebook

/// `multimec.*` and `diffloader.*`: DiffLoader's multi-user MEC environment, its learners and the
/// diffusion planner (docs/multimec.md) as notebook values and tables.
public enum MultiMECBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [MECEnvironmentBinding.self, MECEnvironmentsBinding.self, MECEnvironmentTableBinding.self,
                                                      MECHeuristicBinding.self, MECEvaluateBinding.self, MECHeuristicsBinding.self,
                                                      MECSACBinding.self, MECCollectBinding.self, MECPromptsBinding.self, MECReturnsBinding.self,
                                                      MECReturnHistogramBinding.self, MECCurvesBinding.self,
                                                      MECSACLoaderBinding.self, MECMTLoaderBinding.self, MECMoELoaderBinding.self, MECMetaLoaderBinding.self,
                                                      DiffLoaderTrainBinding.self, DiffLoaderPolicyBinding.self, MECDecisionTimeBinding.self, DiffLoaderClaimsBinding.self]
    public static let valueTypes: [any LibraryValue.Type] = [MECEnvironmentValue.self, MECHeuristicValue.self, MECSACRunValue.self, MECDatasetValue.self,
                                                             MECLearnerValue.self, DiffLoaderPlannerValue.self]

    /// The most episodes one call may play per environment and policy.
    static let maximumEpisodes = 100_000
    /// The most environments one call may evaluate.
    static let maximumEnvironments = 1_000

    /// Refuses more than ``maximumEnvironments`` environments, naming the argument.
    static func check(_ environments: [MECEnvironmentValue], function: String) throws {
        guard environments.count <= maximumEnvironments else {
            throw ArgumentError(parameter: "environments", message: "argument `environments` of `\(function)` holds \(environments.count) environments; at most \(maximumEnvironments) per call")
        }
    }
}

extension MECEnvironmentValue: ArgumentValue {}
extension MECHeuristicValue: ArgumentValue {}
extension MECEnvironmentSet: ArgumentValue {}
