import Foundation

/// The physical and task constants of docs/laenet.md §2, as stored in every instance file.
///
/// Everything derived (gains, rates, costs, λ, μ) is computed from these values and from the
/// per-entity fields of the instance, so an instance file is self-describing.
public struct LAENetConstants: Sendable, Hashable {
    /// Speed of light c (m/s).
    public var speedOfLight: Double = 3e8
    /// Carrier frequency f_c (Hz).
    public var carrierHz: Double = 1e8
    /// Bandwidth B of each link (Hz, orthogonal multiple access).
    public var bandwidthHz: Double = 1e7
    /// Total noise power σ² (W, not per Hz).
    public var noisePowerW: Double = 7.96159e-13
    /// Excess loss η_LoS (dB).
    public var etaLoSdB: Double = 0.1
    /// Excess loss η_NLoS (dB).
    public var etaNLoSdB: Double = 21
    /// LoS-probability parameter κ1 (angle in degrees).
    public var kappa1: Double = 10
    /// LoS-probability parameter κ2.
    public var kappa2: Double = 0.6
    /// G2G reference gain g0 = (c / (4π f_c))².
    public var g2gReferenceGain: Double = LAENetConstants.freeSpaceReferenceGain(speedOfLight: 3e8, carrierHz: 1e8)
    /// Cycles per bit a.
    public var cyclesPerBit: Double = 3000
    /// Deadline τ (s).
    public var deadlineS: Double = 2
    /// Ground-station CPU F (Hz).
    public var gsCPUHz: Double = 1.2e10
    /// Ground-station active power P_act (W).
    public var gsActivePowerW: Double = 120
    /// HAP CPU F (Hz).
    public var hapCPUHz: Double = 0.5e10
    /// HAP active power P_act (W).
    public var hapActivePowerW: Double = 30
    /// Ground-user transmit power (W).
    public var guTxPowerW: Double = 0.2
    /// Aerial-user transmit power (W).
    public var auTxPowerW: Double = 0.15
    /// Chip energy factor κ of the local CPUs (profile-dependent).
    public var chipEnergyFactor: Double
    /// HAP altitude (m).
    public var hapAltitudeM: Double = 20000
    /// Aerial-user altitude (m).
    public var auAltitudeM: Double = 200
    /// Ground-station altitude (m).
    public var gsAltitudeM: Double = 0
    /// Ground-user altitude (m).
    public var guAltitudeM: Double = 0
    /// Ground-station coverage radius for links (3-D distance, m; docs/laenet.md §6).
    public var gsLinkRadiusM: Double = 600

    /// The constants of a profile.
    public init(profile: LAENetProfile) {
        switch profile {
        case .paper: chipEnergyFactor = 1.2e-28
        case .balanced: chipEnergyFactor = 1.2e-27
        }
    }

    /// Free-space gain at 1 m, (c / (4π f_c))².
    public static func freeSpaceReferenceGain(speedOfLight: Double, carrierHz: Double) -> Double {
        let a = speedOfLight / (4 * Double.pi * carrierHz)
        return a * a
    }

    /// The JSON keys of the fields, in file order, with read and write accessors.
    static var fields: [(key: String, path: WritableKeyPath<LAENetConstants, Double>)] { [
        ("speed_of_light_m_s", \.speedOfLight), ("carrier_hz", \.carrierHz), ("bandwidth_hz", \.bandwidthHz),
        ("noise_power_w", \.noisePowerW), ("eta_los_db", \.etaLoSdB), ("eta_nlos_db", \.etaNLoSdB),
        ("kappa1", \.kappa1), ("kappa2", \.kappa2), ("g2g_reference_gain", \.g2gReferenceGain),
        ("cycles_per_bit", \.cyclesPerBit), ("deadline_s", \.deadlineS),
        ("gs_cpu_hz", \.gsCPUHz), ("gs_active_power_w", \.gsActivePowerW),
        ("hap_cpu_hz", \.hapCPUHz), ("hap_active_power_w", \.hapActivePowerW),
        ("gu_tx_power_w", \.guTxPowerW), ("au_tx_power_w", \.auTxPowerW),
        ("chip_energy_factor", \.chipEnergyFactor),
        ("hap_altitude_m", \.hapAltitudeM), ("au_altitude_m", \.auAltitudeM),
        ("gs_altitude_m", \.gsAltitudeM), ("gu_altitude_m", \.guAltitudeM),
        ("gs_link_radius_m", \.gsLinkRadiusM),
    ] }
}
