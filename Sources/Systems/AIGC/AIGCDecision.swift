/// A decision for every user of a drop, as four parallel arrays (one entry per user).
///
/// For an offloaded user `localSteps` and `localTime` are 0; for a local user `edgeSteps` is 0.
/// Continuous step counts are allowed (the relaxations use them); solver outputs are integral.
public struct AIGCDecision: Sendable, Hashable, Codable {
    /// `a_n`: true when the edge runs the user's reverse diffusion.
    public var offload: [Bool]
    /// `s_n^L`: reverse steps run on the device.
    public var localSteps: [Double]
    /// `s_n^E`: reverse steps run at the edge.
    public var edgeSteps: [Double]
    /// `t_n`: local computation time in seconds (0 when offloaded).
    public var localTime: [Double]

    /// Creates a decision from its four arrays (which must have equal lengths).
    public init(offload: [Bool], localSteps: [Double], edgeSteps: [Double], localTime: [Double]) {
        self.offload = offload
        self.localSteps = localSteps
        self.edgeSteps = edgeSteps
        self.localTime = localTime
    }

    /// An all-zero decision for `count` users, all local.
    public init(count: Int) {
        self.init(offload: Array(repeating: false, count: count), localSteps: Array(repeating: 0, count: count),
                  edgeSteps: Array(repeating: 0, count: count), localTime: Array(repeating: 0, count: count))
    }

    /// Number of users.
    public var count: Int { offload.count }

    /// Number of offloaded users.
    public var offloadedCount: Int { offload.lazy.filter { $0 }.count }

    /// `f_n = c·s^L/t`: the DVFS frequency each user runs at (0 when it runs nothing locally).
    public func frequencies(_ p: AIGCParameters) -> [Double] {
        (0..<count).map { n in
            localSteps[n] > 0 ? (localTime[n] > 0 ? p.cyclesPerStep * localSteps[n] / localTime[n] : .infinity) : 0
        }
    }

    /// Total steps per user, `s^L + s^E`.
    public var totalSteps: [Double] { zip(localSteps, edgeSteps).map { $0 + $1 } }
}
