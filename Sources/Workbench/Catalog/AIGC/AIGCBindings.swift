import AIGC
import Notebook

/// `aigc.*`: the AIGC offloading and quality-control system (docs/aigc.md) as tables.
public enum AIGCBindings: CatalogSystem {
    public static let bindings: [any Binding.Type] = [AIGCParametersBinding.self, AIGCConvergenceBinding.self, AIGCSweepBinding.self,
                                                      AIGCGapBinding.self, AIGCRuntimeBinding.self, AIGCDropBinding.self, AIGCSolveBinding.self]
    public static let valueTypes: [any LibraryValue.Type] = [AIGCDropValue.self]

    /// The most users one drop may hold (exhaustive search is 2^N solves).
    static let maximumUsers = 20
    /// The most seeded drops one call may sweep or time.
    static let maximumDrops = 10_000
}

extension AIGCMethod: ArgumentValue {}
extension AIGCDropValue: ArgumentValue {}
