import Foundation

/// What one UE does in one step: compute locally, or upload on a channel.
///
/// Decoded from the UE's raw action pair `(a0, a1)` exactly as the repository's rollout loop and
/// `Action` class do: both numbers are first clipped to ±0.99, then the UE offloads when
/// `a0 > 0` and uses channel `⌊(a1 + 1)·5/2⌋` ∈ {0,…,4} (computed even for local UEs, where it
/// is ignored).
public struct MECDecision: Sendable, Hashable {
    /// Whether the task is uploaded to the edge server.
    public var offload: Bool
    /// The wireless channel, 0..<5 (meaningful only when offloading).
    public var channel: Int

    /// Creates a decision.
    public init(offload: Bool, channel: Int) {
        self.offload = offload
        self.channel = channel
    }

    /// Decodes a raw pair; nil when a number is not finite (the repository would raise).
    @inlinable
    public init?(raw a0: Double, _ a1: Double) {
        guard a0.isFinite, a1.isFinite else { return nil }
        let clip = MECConstants.actionClip
        let offloadScore = min(max(a0, -clip), clip)
        let channelScore = min(max(a1, -clip), clip)
        offload = offloadScore > MECConstants.offloadThreshold
        channel = Int(((channelScore + 1) * Double(MECConstants.channels) / 2).rounded(.down))
    }

    /// A raw pair that decodes to this decision (the centre of the channel's bin).
    public var rawAction: (Float, Float) {
        let c = min(max(channel, 0), MECConstants.channels - 1)
        let centre = (2 * Double(c) + 1) / Double(MECConstants.channels) - 1
        return (offload ? 0.5 : -0.5, Float(centre))
    }

    /// The all-local decision.
    public static let local = MECDecision(offload: false, channel: 0)
}
