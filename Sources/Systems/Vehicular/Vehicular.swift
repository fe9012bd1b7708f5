/// The vehicular edge network of seed 002 (MAD2RL, arXiv 2406.06986), as specified in
/// docs/vehicular.md: vehicles on a wrap-around highway run DNN inference tasks, choose each slot
/// where to cut the network, and share one roadside unit's compute; Lyapunov drift-plus-penalty
/// turns the long-term problem into per-slot problems. See `docs/vehicular.md`.
public enum VehicularModule {
    /// Format tag of a trace file (parameters, vehicles, per-slot arrivals and partitions).
    public static let traceFormat = "vec-trace/1"
    /// Format tag of a replay result printed by `lab vehicular replay --json`.
    public static let replayFormat = "vec-replay/1"
}
