import Foundation

/// The system-wide constants of the vehicular network (docs/vehicular.md §1), with the defaults of docs/vehicular.md §1.
///
/// The JSON key of each property in a `vec-trace/1` file is given in its comment.
public struct VehicularParameters: Sendable, Hashable {
    /// `Δ` (`slot_s`): slot length in seconds.
    public var slotSeconds: Double = 1
    /// `road_m`: length of the one-way highway segment; positions wrap around at this length.
    public var roadMeters: Double = 1000
    /// `rsu_x_m`: position of the RSU along the road.
    public var rsuX: Double = 500
    /// `rsu_offset_m`: perpendicular distance of the RSU from the road.
    public var rsuOffset: Double = 10
    /// `b` (`bandwidth_hz`): dedicated FDMA bandwidth of each vehicle.
    public var bandwidthHz: Double = 2e6
    /// `p` (`tx_power_w`): vehicle transmit power in watts.
    public var txPowerW: Double = 0.2
    /// `N0` (`noise_dbm_per_hz`): noise power spectral density.
    public var noiseDBmPerHz: Double = -174
    /// `F` (`rsu_gflops`): effective RSU compute shared by the offloading vehicles each slot.
    public var rsuGFLOPS: Double = 200
    /// `V` (`lyapunov_v`): drift-plus-penalty trade-off between completion time and queues.
    public var lyapunovV: Double = 10

    /// The defaults of docs/vehicular.md §1.
    public init() {}

    /// The defaults of docs/vehicular.md §1.
    public static let `default` = VehicularParameters()

    /// `N0` in watts per hertz.
    public var noiseWPerHz: Double { pow(10, (noiseDBmPerHz - 30) / 10) }
}

/// The V2I/V2V rate model (docs/vehicular.md §1): log-distance path loss, FDMA, Shannon rate.
extension VehicularParameters {
    /// Shortest distance the path-loss formula is evaluated at (ours: the log-distance law is
    /// not meant for sub-metre distances and diverges at 0, which V2V would otherwise reach).
    public static let minimumDistance = 1.0

    /// Channel gain `10^(−PL/10)` with `PL = 128.1 + 37.6·log10(d_km)` dB, `d` in metres
    /// (clamped below at ``minimumDistance``).
    public func channelGain(distance: Double) -> Double {
        let d = max(distance, Self.minimumDistance) / 1000
        let pathLossDB = 128.1 + 37.6 * log10(d)
        return pow(10, -pathLossDB / 10)
    }

    /// `r = b·log2(1 + p·g/(N0·b))` in bit/s at `distance` metres.
    public func rate(distance: Double) -> Double {
        let snr = txPowerW * channelGain(distance: distance) / (noiseWPerHz * bandwidthHz)
        return bandwidthHz * log2(1 + snr)
    }

    /// Distance from a vehicle at road position `x` to the RSU, including its offset from the road.
    public func distanceToRSU(x: Double) -> Double {
        let along = x - rsuX
        return (along * along + rsuOffset * rsuOffset).squareRoot()
    }

    /// The V2I rate of a vehicle at road position `x`.
    public func rsuRate(x: Double) -> Double { rate(distance: distanceToRSU(x: x)) }

    /// `x ← (x + v·Δ) mod road`, in [0, road).
    public func advance(x: Double, speed: Double) -> Double {
        let moved = (x + speed * slotSeconds).truncatingRemainder(dividingBy: roadMeters)
        let wrapped = moved < 0 ? moved + roadMeters : moved
        return wrapped < roadMeters ? wrapped : 0
    }
}
