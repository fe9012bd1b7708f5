/// Solving and evaluating on the instance level (what the CLI, notebooks and learned solvers call).
extension LAENetModel {
    /// The exchange-format solution of a solver result (nil if it found nothing feasible).
    public func solution(_ result: SolverResult) -> LAENetSolution? {
        guard let d = result.decisions else { return nil }
        return LAENetSolution(choice: choices(d), shares: result.shares)
    }

    /// The exchange-format solution of scored decisions.
    public func solution(_ scored: OffloadProblem.Scored) -> LAENetSolution {
        LAENetSolution(choice: choices(scored.decisions), shares: scored.shares)
    }

    /// Runs a solver on this instance.
    public func solve(with solver: any OffloadSolver, seed: UInt64 = 0) -> SolverResult {
        solver.solve(problem, seed: seed)
    }

    /// Runs a named method with default settings.
    public func solve(_ method: SolverMethod, seed: UInt64 = 0) -> SolverResult {
        method.solver.solve(problem, seed: seed)
    }

    /// Scores a solution (violations named, optimal shares where none are given).
    public func evaluate(_ solution: LAENetSolution) -> LAENetEvaluation {
        LAENetEvaluation(solution, on: self)
    }

    /// Cost of server choices with optimal shares (nil if infeasible): the scoring every method
    /// uses, e.g. for decisions sampled by a learned model.
    public func cost(choices: [Int?]) -> Double? {
        guard let d = decisions(choices) else { return nil }
        return problem.score(d)?.cost
    }
}
