import LAENet
import Notebook

/// `laenet.*`: generate datasets, solve them with each method, evaluate against the optimum.
public enum LAENetBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [LAENetDatasetBinding.self, LAENetLoad.self, LAENetSolve.self, LAENetEvaluate.self]
    public static let valueTypes: [any LibraryValue.Type] = [LAENetDataset.self, LAENetSolutions.self]
}

extension SolverMethod: ArgumentValue {}
extension LAENetProfile: ArgumentValue {}
extension LAENetDataset: ArgumentValue {}
extension LAENetSolutions: ArgumentValue {}
