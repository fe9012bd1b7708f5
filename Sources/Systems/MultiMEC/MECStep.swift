/// What one environment step returns.
///
/// The arrays are indexed by UE. ``reward`` is the repository's sparse reward: 0 on intermediate
/// steps, the mean of the violating UEs' negative rewards on a violating step, and `10/c̄²` at
/// step 20 (even if a UE violates there). A value can be reused across steps with
/// ``MECEpisode/step(actions:into:)``, which then allocates nothing.
public struct MECStep: Sendable, Hashable {
    /// 1-based index of the step just played (1…20).
    public var step: Int = 0
    /// The next observation, `8·U` numbers (see ``MECEpisode/observation``).
    public var observation: [Float] = []
    /// The step's reward.
    public var reward: Double = 0
    /// Whether the episode ended: at step 20 always; earlier on a violation when the episode
    /// terminates on violations.
    public var terminated = false
    /// Per-UE completion time in seconds (local compute, or upload plus edge queue).
    public var timeS: [Double] = []
    /// Per-UE energy in J (local compute, or upload).
    public var energyJ: [Double] = []
    /// Per-UE cost `0.5·time + 0.5·energy`.
    public var cost: [Double] = []
    /// Per-UE step reward before the episode-level aggregation: `10·c^-2` or, on a violation, `-10·c`.
    public var userReward: [Double] = []
    /// UEs whose step reward is negative (deadline missed or battery exhausted), ascending.
    public var violations: [Int] = []
    /// Mean over UEs of ``cost`` (numpy's summation order).
    public var meanCost: Double = 0
    /// The cost value the repository's step returns: ``meanCost`` on intermediate steps, the
    /// largest UE cost on an early-terminating step, the episode's `c̄` at step 20.
    public var repositoryCost: Double = 0
    /// Edge queue backlog in seconds after the step's drain (the next observation's last feature).
    public var edgeBacklogS: Double = 0

    /// An empty step, to be filled by ``MECEpisode/step(actions:into:)``.
    public init() {}
}
