import Foundation

/// The fixed constants of the DiffLoader environment, as the repository's configuration sets them.
///
/// Every value here is the same in all MEC environments; ``MECEnvironment`` holds the three
/// that differ. The repository counts 1 "GHz" as 2^30 cycles/s and 1 Mbit as 1024 kb, and a
/// task of `S` kb needs `900·1024·S` cycles; the formulas in ``MECEpisode`` keep its exact
/// evaluation order so that results agree with a numpy implementation to the last bit.
public enum MECConstants {
    /// Decision steps per episode (`step_num`).
    public static let stepsPerEpisode = 20
    /// Default number of user equipments (`mobile_device_num`).
    public static let defaultUsers = 20
    /// The documented fallback when compute is short (observation 80-d, action 20-d).
    public static let fallbackUsers = 10
    /// Largest number of UEs the library and the exchange format accept (one step is O(U²)).
    public static let maximumUsers = 1000
    /// Wireless channels shared by all UEs; each has the full bandwidth B (`channel_number`).
    public static let channels = 5
    /// Observation features per UE (the configuration says 9; 8 are emitted).
    public static let featuresPerUser = 8
    /// Raw action numbers per UE: offload score and channel score.
    public static let actionsPerUser = 2
    /// Raw actions are clipped to ±this before decoding (the rollout loop's `np.clip`).
    public static let actionClip = 0.99
    /// An offload score strictly above this offloads (`threshold_to_offload`).
    public static let offloadThreshold = 0.0
    /// Work the edge queue drains per step, in seconds (`time_step_max`).
    public static let drainPerStep = 0.5
    /// Upload time the repository gives local tasks so that they sort last (`99999`).
    public static let localSortKey = 99999.0
    /// UE CPU frequency in "GHz" (`mobile_device_ability`).
    public static let userGHz = 1.0
    /// UE transmit power in W.
    public static let transmitPowerW = 0.1
    /// Path-loss exponent: received power `p·d^-4`, no fading.
    public static let pathLossExponent = 4.0
    /// Noise power `10^((-100-30)/10)` W = 1e-13 W.
    public static let noisePowerW = pow(10.0, (-100.0 - 30.0) / 10.0)
    /// Effective switched capacitance κ (`energy_coefficient` = 10^-27).
    public static let energyCoefficient = pow(10.0, -27.0)
    /// Battery per UE per episode: κ·(2^30)²·1000·1024·1000·21 ≈ 24.79 J (`user_equipment_energy`).
    public static let batteryJ = energyCoefficient * 1_152_921_504_606_846_976.0 * 1000 * 1024 * 1000 * 21
    /// Deadline per task, in seconds (`task_tolerance_delay_list`).
    public static let deadlineS = 1.0
    /// CPU cycles per bit of task data, with 1 kb = 1024 bits.
    public static let cyclesPerBit = 900.0
    /// Standard deviation of the task size in kb (`task_date_size_std` = 100/3).
    public static let taskStdKb = 100.0 / 3.0
    /// Task sizes are raised to at least this many kb (`np.where(S < 50, 50, S)`).
    public static let minimumTaskKb = 50.0
    /// UE–BS distances are uniform in [30, 40.1) m, drawn once per episode.
    public static let distanceRangeM = 30.0..<40.1
    /// Weight of time in the cost `0.5·T + 0.5·E`.
    public static let timeWeight = 0.5
    /// Weight of energy in the cost.
    public static let energyWeight = 0.5
    /// Multiplier of a violating UE's cost in its (negative) reward (`cost_to_reward`).
    public static let violationRewardFactor = -10.0
    /// Numerator of the success reward `10·c^-2` (`adjust_bias_for_normal`).
    public static let successRewardFactor = 10.0

    /// Normalisation maxima of the observation: edge GHz, UE GHz, task kb, deadline s,
    /// bandwidth MHz, distance m.
    public static let edgeGHzMax = 25.0, userGHzMax = 3.0, taskKbMax = 1000.0, deadlineMaxS = 5.0,
        bandwidthMHzMax = 10.0, distanceMaxM = 80.0
}
