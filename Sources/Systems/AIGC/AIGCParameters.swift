import Foundation

/// The system-wide constants of the AIGC offloading model (docs/aigc.md §B.2, parameter table).
///
/// Defaults are the values of docs/aigc.md §B.2. Property names are the JSON keys of a drop file; the symbol
/// used in docs/aigc.md §B.2 is given in each comment.
public struct AIGCParameters: Sendable, Hashable, Codable {
    /// `c`: CPU cycles one local reverse-diffusion step costs.
    public var cyclesPerStep: Double = 1.5e8
    /// `κ`: effective switched capacitance of the device CPUs (energy = κ·c·f²·s).
    public var capacitance: Double = 1e-28
    /// `τ_E`: seconds per reverse step on the user's edge GPU slice.
    public var edgeStepTime: Double = 0.02
    /// `S_L`: most reverse steps a device may run.
    public var localStepLimit: Double = 30
    /// `S_E`: most reverse steps the edge runs for one user.
    public var edgeStepLimit: Double = 100
    /// `S_tot`: edge steps available per scheduling frame, shared by all users (C5).
    public var edgeCapacity: Double = 100
    /// `S_min`: fewest reverse steps any generation may use (C7).
    public var minSteps: Double = 10
    /// `T_max`: completion deadline in seconds (C1).
    public var deadline: Double = 3.0
    /// `ε_fwd`: error left by the forward process, before any reverse step.
    public var forwardError: Double = 1.0
    /// `C_L`: per-step error decay rate of the on-device model.
    public var localErrorRate: Double = 0.05
    /// `C_E`: per-step error decay rate of the (larger) edge model.
    public var edgeErrorRate: Double = 0.06
    /// `c1`: weight of completion time in the objective.
    public var timeWeight: Double = 1
    /// `c2`: weight of generation error in the objective.
    public var errorWeight: Double = 10
    /// `c3`: weight of device energy in the objective.
    public var energyWeight: Double = 1
    /// `w1`: weight of the utility `ln(1 + s^L)` of local steps.
    public var localUtilityWeight: Double = 0.1
    /// `w2`: weight of the utility `ln(1 + s^E)` of edge steps.
    public var edgeUtilityWeight: Double = 0.1
    /// `b`: bandwidth per user in hertz.
    public var bandwidth: Double = 0.5e6
    /// `p_n`: device transmit power in watts.
    public var userPower: Double = 0.2
    /// `P_E`: edge transmit power in watts.
    public var edgePower: Double = 1.0
    /// `N0`: noise power spectral density in dBm/Hz.
    public var noiseDensityDBmPerHz: Double = -174

    /// The default parameters (docs/aigc.md §B.2).
    public init() {}

    /// The default parameters (docs/aigc.md §B.2).
    public static let `default` = AIGCParameters()

    /// Noise power spectral density in watts per hertz.
    public var noiseDensity: Double { pow10((noiseDensityDBmPerHz - 30) / 10) }

    /// `f* = (c1 / (2·c3·κ))^{1/3}`: the frequency minimising the per-step local cost
    /// `c·(c1/f + c3·κ·f²)` when no constraint binds (1.71 GHz with the defaults).
    public var unconstrainedFrequency: Double {
        guard energyWeight > 0 else { return .infinity }
        return cbrt(timeWeight / (2 * energyWeight * capacitance))
    }

    /// Every parameter as (JSON key, value), in declaration order, for the notebook's table.
    public var table: [(key: String, value: Double)] {
        [
            ("cyclesPerStep", cyclesPerStep), ("capacitance", capacitance), ("edgeStepTime", edgeStepTime),
            ("localStepLimit", localStepLimit), ("edgeStepLimit", edgeStepLimit), ("edgeCapacity", edgeCapacity),
            ("minSteps", minSteps), ("deadline", deadline), ("forwardError", forwardError),
            ("localErrorRate", localErrorRate), ("edgeErrorRate", edgeErrorRate), ("timeWeight", timeWeight),
            ("errorWeight", errorWeight), ("energyWeight", energyWeight), ("localUtilityWeight", localUtilityWeight),
            ("edgeUtilityWeight", edgeUtilityWeight), ("bandwidth", bandwidth), ("userPower", userPower),
            ("edgePower", edgePower), ("noiseDensityDBmPerHz", noiseDensityDBmPerHz),
        ]
    }
}

/// `10^x`, written with `exp` so the module needs no Foundation maths.
@inline(__always) func pow10(_ x: Double) -> Double { exp(x * 2.302_585_092_994_045_7) }
