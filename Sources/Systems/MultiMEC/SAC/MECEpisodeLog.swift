import LabCore
import Learning
import Tensors

/// Every exploration episode of a SAC run, in collection order: the raw 8·U observations, the
/// actions the policy output (before the environment's ±0.99 clipping), rewards and terminal flags.
///
/// The repository saves each exploration episode as its own `.npy` record; this is the same
/// content in flat arrays. Observations are the environment's own (no task encoding appended).
public struct MECEpisodeLog: Sendable, Hashable {
    /// Observation width (8·U).
    public let observationSize: Int
    /// Action width (2·U).
    public let actionSize: Int
    /// Observations of every step of every episode, row-major `[steps, observationSize]`.
    public private(set) var observations: [Float] = []
    /// Actions of every step, `[steps, actionSize]`.
    public private(set) var actions: [Float] = []
    /// Rewards of every step.
    public private(set) var rewards: [Float] = []
    /// Terminal flags of every step (true at step 20 and on a terminating violation).
    public private(set) var terminals: [Bool] = []
    /// Steps of each episode.
    public private(set) var lengths: [Int] = []
    /// The training-list index of each episode's environment.
    public private(set) var environmentIndices: [Int] = []
    /// Each episode's mean over played steps of the step's mean UE cost.
    public private(set) var meanCosts: [Double] = []
    /// Offset of each episode's first step.
    public private(set) var starts: [Int] = []

    /// An empty log.
    public init(observationSize: Int, actionSize: Int) { (self.observationSize, self.actionSize) = (observationSize, actionSize) }

    /// Episodes recorded.
    public var count: Int { lengths.count }
    /// Steps recorded.
    public var steps: Int { rewards.count }

    /// The return (sum of rewards) of episode `i`.
    public func episodeReturn(_ i: Int) -> Double {
        (starts[i]..<(starts[i] + lengths[i])).reduce(0.0) { $0 + Double(rewards[$1]) }
    }

    /// Appends one step of the episode in progress.
    mutating func appendStep(observation: [Float], action: [Float], reward: Float, terminal: Bool) {
        observations += observation
        actions += action
        rewards.append(reward)
        terminals.append(terminal)
    }

    /// Closes the episode whose steps were appended since the last call.
    mutating func endEpisode(environment: Int, meanCost: Double) {
        let start = (starts.last ?? 0) + (lengths.last ?? 0)
        starts.append(start)
        lengths.append(rewards.count - start)
        environmentIndices.append(environment)
        meanCosts.append(meanCost)
    }
}

extension MECEpisodeLog: Checkpointable {
    /// Saves the arrays as tensors `name.observations|actions|rewards|terminals` and the per-episode
    /// lengths, environments and cost bits as word lists.
    public func save(into checkpoint: inout TrainingCheckpoint, as name: String) {
        checkpoint.tensors["\(name).observations"] = Tensor(shape: [steps, observationSize], scalars: observations)
        checkpoint.tensors["\(name).actions"] = Tensor(shape: [steps, actionSize], scalars: actions)
        checkpoint.tensors["\(name).rewards"] = Tensor(shape: [steps], scalars: rewards)
        checkpoint.tensors["\(name).terminals"] = Tensor(shape: [steps], scalars: terminals.map { $0 ? 1 : 0 })
        checkpoint.words["\(name).lengths"] = lengths.map { UInt64($0) }
        checkpoint.words["\(name).environments"] = environmentIndices.map { UInt64($0) }
        checkpoint.words["\(name).costs"] = meanCosts.map(\.bitPattern)
    }

    public mutating func restore(from checkpoint: TrainingCheckpoint, as name: String) throws {
        let lengths = try checkpoint.words("\(name).lengths").map { Int(truncatingIfNeeded: $0) }
        let environments = try checkpoint.words("\(name).environments", count: lengths.count).map { Int(truncatingIfNeeded: $0) }
        let costs = try checkpoint.words("\(name).costs", count: lengths.count).map(Double.init(bitPattern:))
        let steps = lengths.reduce(0) { $0 &+ $1 }
        guard lengths.allSatisfy({ (1...MECConstants.stepsPerEpisode).contains($0) }),
              let o = checkpoint.tensors["\(name).observations"], o.shape == [steps, observationSize],
              let a = checkpoint.tensors["\(name).actions"], a.shape == [steps, actionSize],
              let r = checkpoint.tensors["\(name).rewards"], r.shape == [steps],
              let t = checkpoint.tensors["\(name).terminals"], t.shape == [steps] else {
            throw LabError(.invalidInput, "the checkpoint's episode log `\(name)` does not fit \(observationSize)-wide observations and \(actionSize)-wide actions: it comes from another configuration; train from the start with a fresh store (`--store`).")
        }
        (observations, actions, rewards, terminals) = (o.scalars, a.scalars, r.scalars, t.scalars.map { $0 != 0 })
        (self.lengths, environmentIndices, meanCosts) = (lengths, environments, costs)
        var offset = 0
        starts = lengths.map { length in
            defer { offset += length }
            return offset
        }
    }
}
