import Foundation
import LabCore

/// A problem instance: the system parameters and one drop of users.
///
/// Encoded as the `aigc-drop/1` JSON format described in ``AIGCModule``.
public struct AIGCDrop: Sendable, Hashable, Codable {
    /// Format tag, ``AIGCModule/dropFormat`` for files this version writes.
    public var format: String
    /// The seed the users were drawn from, if generated (informational).
    public var seed: UInt64?
    /// System-wide constants.
    public var parameters: AIGCParameters
    /// The users, in index order.
    public var users: [AIGCUser]

    /// Creates a drop from explicit users.
    public init(parameters: AIGCParameters = .default, users: [AIGCUser], seed: UInt64? = nil) {
        self.format = AIGCModule.dropFormat
        self.seed = seed
        self.parameters = parameters
        self.users = users
    }

    /// Number of users `N`.
    public var count: Int { users.count }

    /// Draws `users` users from `ranges`, deterministically from `seed`.
    ///
    /// User `n` is drawn from its own stream (`RandomSource(seed:stream:"aigc-drop").derived("user n")`),
    /// so the first 8 users of a 12-user drop equal the 8-user drop of the same seed, and changing
    /// `parameters` (a sweep over `S_tot`, say) never changes the users: sweeps are paired.
    public static func generate(
        seed: UInt64, users: Int = 8, parameters: AIGCParameters = .default, ranges: AIGCUserRanges = .default
    ) -> AIGCDrop {
        precondition(users >= 1, "a drop needs at least one user")
        let root = RandomSource(seed: seed, stream: "aigc-drop")
        let drawn = (0..<users).map { n -> AIGCUser in
            var rng = root.derived("user \(n)")
            return AIGCUser(
                maxFrequency: rng.uniform(ranges.maxFrequency.lower, ranges.maxFrequency.upper),
                battery: rng.uniform(ranges.battery.lower, ranges.battery.upper),
                distance: rng.uniform(ranges.distance.lower, ranges.distance.upper),
                promptBits: rng.uniform(ranges.promptBits.lower, ranges.promptBits.upper),
                imageBits: rng.uniform(ranges.imageBits.lower, ranges.imageBits.upper)
            )
        }
        return AIGCDrop(parameters: parameters, users: drawn, seed: seed)
    }

    /// This drop with some parameters changed (for sweeps): `drop.with { $0.edgeCapacity = 200 }`.
    public func with(_ change: (inout AIGCParameters) -> Void) -> AIGCDrop {
        var copy = self
        change(&copy.parameters)
        return copy
    }
}
