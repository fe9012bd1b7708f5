import Notebook
import Vehicular

/// `vehicular.*`: MAD2RL's vehicular edge network and its non-learning solvers (docs/vehicular.md)
/// as scenarios, simulations and sweep tables.
///
/// `vehicular.simulate` and `vehicular.sweep` take the decision rule as the choice `method:`;
/// trained policies (`mad2rl.train`, `pqmix.train`: a `vehicular.model`) run through
/// `vehicular.evaluate` and the `policies:` of `vehicular.sweep`, producing the same tables
/// (``VehicularRunTables``). `mad2rl.claims` checks the reproduction's claims on those tables.
public enum VehicularBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [VehicularScenarioBinding.self, VehicularParametersBinding.self, VehicularPartitionsBinding.self,
                                                      VehicularSimulateBinding.self, VehicularSweepBinding.self, MAD2RLTrainBinding.self, PQMIXTrainBinding.self,
                                                      VehicularEvaluateBinding.self, VehicularPartitionHistogramBinding.self, VehicularDecisionTimeBinding.self,
                                                      MAD2RLClaimsBinding.self]
    public static let valueTypes: [any LibraryValue.Type] = [VehicularScenarioValue.self, VehicularModelValue.self]

    /// The most episodes one simulation or sweep point may run.
    static let maximumEpisodes = 1000
    /// The most values one sweep may visit.
    static let maximumSweepValues = 100
}

extension VehicularMethod: ArgumentValue {}
extension DNNModel: ArgumentValue {}
extension VehicularScenarioValue: ArgumentValue {}
