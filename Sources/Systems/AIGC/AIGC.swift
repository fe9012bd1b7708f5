/// AIGC offloading and quality control in 6G mobile edge computing (arXiv 2312.06203, issue 9).
///
/// Users request reverse-diffusion generations that run either on the device (DVFS-controlled
/// CPU, battery-limited) or on an edge server whose per-frame step budget `S_tot` couples them.
/// The solvers choose, per user, the offloading decision `a_n`, the local computation time `t_n`
/// (equivalently the frequency `f_n = c·s_n/t_n`) and the number of reverse steps, trading
/// completion time, generation error and device energy against a step utility. The model is the
/// specification in `docs/aigc.md` (a proposal consistent with
/// the paper's summary; the paper's full text was not available).
///
/// ## Pieces
/// - ``AIGCParameters``, ``AIGCUser``, ``AIGCDrop``: the system (every parameter of docs/aigc.md §B.2's
///   table) and seeded user drops (``AIGCDrop/generate(seed:users:parameters:ranges:)``).
/// - ``AIGCDecision``, ``AIGCEvaluation``: a decision and its exact costs, with every violated
///   constraint named (C1 deadline … C8 non-negativity).
/// - ``AIGCSolver`` and ``AIGCMethod``: the proposed SCA + KKT solver (Algorithm B-1) and the
///   baselines (RandInit, RandOff+Opt, SCA-RandStart, All-Local+Opt, All-Edge+Opt, Exhaustive).
/// - ``AIGCSweep``, ``AIGCRecord``, ``AIGCGapSummary``: parameter sweeps over seeded drops, flat
///   records for notebooks and CSV, and optimality-gap statistics.
///
/// ## Deviations from the design of docs/aigc.md (and why)
/// - **P2 subproblems in closed form.** Every perspective term is positively homogeneous, so a
///   user's P2 problem reduces exactly to `min_a (1−a)·L* + a·(E*(μ) + π)` with the binary-mode
///   optima `L*`, `E*(μ)` in closed form (``AIGCRelaxation``). The barrier/Newton solver of docs/aigc.md §B.5
///   is implemented too (``AIGCSubproblemSolver/barrier``); it reaches the same decisions about
///   a thousand times slower, so it is an option, not the default.
/// - **Tie at the critical price.** Users indifferent at the bisected price share the leftover
///   capacity with equal fractional `a`, so `Σ a·z = S_tot` holds exactly.
/// - **Rounding fallback.** If rounding `a` at ½ breaks C5 (too many users at `S_min`), the
///   fractional users are rounded down instead.
/// - **Exhaustive ranks whole-step objectives.** Each of the `2^N` vectors gets the exact
///   continuous solve and the same floor/ceil rounding as the proposed method's last step, so the
///   exhaustive optimum is never worse than the proposed solution.
/// - **Randomised baselines** report the mean over their draws (``AIGCSolution/reported``); their
///   ``AIGCSolution/decision`` is the first feasible draw.
/// - **Infeasibility is a result.** A method that finds no feasible point (All-Edge with
///   `N·S_min > S_tot`) returns `feasible == false` with a best-effort decision and the named
///   violations instead of throwing, so sweeps can mark it.
///
/// ## JSON formats
/// A drop file (`"format": "aigc-drop/1"`):
/// ```json
/// { "format": "aigc-drop/1", "seed": 1,
///   "parameters": { "cyclesPerStep": 1.5e8, "capacitance": 1e-28, "edgeStepTime": 0.02,
///     "localStepLimit": 30, "edgeStepLimit": 100, "edgeCapacity": 100, "minSteps": 10,
///     "deadline": 3, "forwardError": 1, "localErrorRate": 0.05, "edgeErrorRate": 0.06,
///     "timeWeight": 1, "errorWeight": 10, "energyWeight": 1,
///     "localUtilityWeight": 0.1, "edgeUtilityWeight": 0.1,
///     "bandwidth": 5e5, "userPower": 0.2, "edgePower": 1, "noiseDensityDBmPerHz": -174 },
///   "users": [ { "maxFrequency": 2.1e9, "battery": 2.5, "distance": 250,
///                "promptBits": 40000, "imageBits": 2.5e6 } ] }
/// ```
/// Units are SI (cycles, farad-like κ, seconds, hertz, joules, metres, bits, watts); `seed` is
/// optional and informational. Every field except `seed` is required; `lab aigc` rejects a bad
/// file with exit code 2 and names the field (``AIGCDrop/decode(_:file:)``).
///
/// A solution file (`"format": "aigc-solution/1"`) is an encoded ``AIGCSolution``: `method`,
/// `decision` (`offload`, `localSteps`, `edgeSteps`, `localTime`: one entry per user), `costs`
/// (`objective`, `time`, `error`, `energy`, `utility`, `offloaded`), `feasible`, `violations`,
/// `edgePrice`, `continuousObjective`, `history` (SCA iterations) and `samples` (randomised
/// baselines). A bare decision (`"format": "aigc-decision/1"` plus the four arrays) is also
/// accepted by `lab aigc evaluate`.
public enum AIGCModule {
    /// Version tag of drop files.
    public static let dropFormat = "aigc-drop/1"
    /// Version tag of solution files.
    public static let solutionFormat = "aigc-solution/1"
    /// Version tag of bare decision files.
    public static let decisionFormat = "aigc-decision/1"
}
