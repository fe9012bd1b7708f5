import LabCore

/// Solving many instances at once on all cores (dataset labelling, evaluation tables).
extension LAENetModel {
    /// The seed used for instance `index` of a batch solved with `seed`, so a batch result equals
    /// solving each instance alone with its derived seed.
    public static func batchSeed(_ seed: UInt64, index: Int) -> UInt64 {
        var rng = RandomSource(seed: seed, stream: "laenet/solve/\(index)")
        return rng.next()
    }

    /// Solves every model with `solver` in parallel (order preserved, deterministic given `seed`).
    public static func solveAll(_ models: [LAENetModel], with solver: any OffloadSolver, seed: UInt64) -> [SolverResult] {
        ParallelMap.map(models.count) { i in solver.solve(models[i].problem, seed: batchSeed(seed, index: i)) }
    }
}
