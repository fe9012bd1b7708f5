import Notebook
import Vehicular

/// `vehicular.*`: MAD2RL's vehicular edge network and its non-learning solvers (docs/vehicular.md)
/// as scenarios, simulations and sweep tables.
///
/// `vehicular.simulate` and `vehicular.sweep` take the decision rule as the choice `method:`; the
/// learned policies of the second part are meant to arrive as one more argument of the same calls,
/// producing the same tables (``VehicularRunTables``).
public enum VehicularBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [VehicularScenarioBinding.self, VehicularParametersBinding.self, VehicularPartitionsBinding.self,
                                                      VehicularSimulateBinding.self, VehicularSweepBinding.self]
    public static let valueTypes: [any LibraryValue.Type] = [VehicularScenarioValue.self]

    /// The most episodes one simulation or sweep point may run.
    static let maximumEpisodes = 1000
    /// The most values one sweep may visit.
    static let maximumSweepValues = 100
}

extension VehicularMethod: ArgumentValue {}
extension DNNModel: ArgumentValue {}
extension VehicularScenarioValue: ArgumentValue {}
