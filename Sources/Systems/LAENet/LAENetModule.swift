/// The low-altitude MEC (LAENet) system model of the GADSG paper and GDSG's MSCO predecessor.
///
/// Layout of this module (one concept per file):
/// - ``LAENetConstants``, ``LAENetProfile``, ``LAENetScale``: the constants, profiles and scale names of docs/laenet.md §1-§2.
/// - ``LAENetInstance`` (+ JSON, validation), ``LAENetGenerator``: instances and their deterministic generator.
/// - ``LAENetModel``: the derived quantities (gains, rates, J, λ, μ) and ``OffloadProblem``, the
///   solver-facing core shared with ``MSCOInstance``.
/// - ``WaterFilling``: the optimal shares for fixed decisions, the single scoring routine.
/// - ``OffloadSolver`` and its methods: ``ExactSolver``, ``MCMFSolver``, ``RandomSolver``,
///   ``AlternatingSolver``, ``LocalSolver``.
/// - ``LAENetSolution``, ``LAENetEvaluation``: the solution exchange format and its scoring.
/// - ``LAENetFeatures``: padded slot tensors and node features for the learned solvers.
public enum LAENetModule {
    /// Format tag of instance files.
    public static let instanceFormat = "laenet-instance/1"
    /// Format tag of solution files.
    public static let solutionFormat = "laenet-solution/1"
}
