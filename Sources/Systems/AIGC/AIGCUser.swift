import Foundation

/// One mobile user: its device, battery, position and task sizes (docs/aigc.md §B.2).
///
/// Property names are the JSON keys of a drop file's `users` entries.
public struct AIGCUser: Sendable, Hashable, Codable {
    /// `f_n^max`: the device's maximum CPU frequency in hertz.
    public var maxFrequency: Double
    /// `B_n`: battery energy the device may spend on this request, in joules (C2).
    public var battery: Double
    /// User–edge distance in metres (path loss 128.1 + 37.6·log10(d_km) dB).
    public var distance: Double
    /// `d_n^in`: prompt size uploaded when offloading, in bits.
    public var promptBits: Double
    /// `d_n^out`: generated image size downloaded when offloading, in bits.
    public var imageBits: Double

    /// Creates a user from its five drawn attributes.
    public init(maxFrequency: Double, battery: Double, distance: Double, promptBits: Double, imageBits: Double) {
        self.maxFrequency = maxFrequency
        self.battery = battery
        self.distance = distance
        self.promptBits = promptBits
        self.imageBits = imageBits
    }

    /// `g_n = 10^{-PL/10}`: linear channel gain at this user's distance.
    public var channelGain: Double { pow10(-(128.1 + 37.6 * log10(distance / 1000)) / 10) }

    /// `r_n^up = b·log2(1 + p·g/(N0·b))`: uplink rate in bits per second.
    public func uplinkRate(_ p: AIGCParameters) -> Double {
        p.bandwidth * log2(1 + p.userPower * channelGain / (p.noiseDensity * p.bandwidth))
    }

    /// `r_n^dl = b·log2(1 + P_E·g/(N0·b))`: downlink rate in bits per second.
    public func downlinkRate(_ p: AIGCParameters) -> Double {
        p.bandwidth * log2(1 + p.edgePower * channelGain / (p.noiseDensity * p.bandwidth))
    }

    /// `D_n = d^in/r^up + d^out/r^dl`: seconds spent communicating when offloaded.
    public func offloadLatency(_ p: AIGCParameters) -> Double {
        promptBits / uplinkRate(p) + imageBits / downlinkRate(p)
    }

    /// `e_n^tx = p·d^in/r^up`: device energy spent uploading the prompt, in joules.
    public func transmitEnergy(_ p: AIGCParameters) -> Double {
        p.userPower * promptBits / uplinkRate(p)
    }
}

/// A closed interval `[lower, upper]` that a user attribute is drawn uniformly from.
public struct AIGCRange: Sendable, Hashable, Codable {
    /// Smallest value.
    public var lower: Double
    /// Largest value.
    public var upper: Double

    /// Creates the interval `[lower, upper]`.
    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The distributions user attributes are drawn from (docs/aigc.md §B.2 table); all uniform.
public struct AIGCUserRanges: Sendable, Hashable, Codable {
    /// `f^max` in hertz: U[1.5, 2.5] GHz.
    public var maxFrequency = AIGCRange(1.5e9, 2.5e9)
    /// Battery budget in joules: U[1, 4] J.
    public var battery = AIGCRange(1, 4)
    /// Distance in metres: U[100, 400] m.
    public var distance = AIGCRange(100, 400)
    /// Prompt size in bits: U[8, 80] kbit.
    public var promptBits = AIGCRange(8e3, 80e3)
    /// Image size in bits: U[1, 4] Mbit.
    public var imageBits = AIGCRange(1e6, 4e6)

    /// The ranges of docs/aigc.md §B.2.
    public init() {}

    /// The ranges of docs/aigc.md §B.2.
    public static let `default` = AIGCUserRanges()
}
