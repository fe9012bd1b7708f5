import LabCore

/// One episode of the DiffLoader environment: distances, battery, edge queue and current tasks.
///
/// A value type: copying an episode forks it, and the copy evolves independently. The random
/// draws depend only on the seed and the environment, never on the actions: distances come from
/// the seed's stream `multimec.distances` and each step's task sizes from `multimec.tasks`
/// (`S = max(50, S̄ + (100/3)·z)` with the same standard normals `z` in every environment), so
/// two policies run with the same seed see the same distances and task sizes (paired comparisons).
///
/// ``terminateOnViolation`` on (the default) ends the episode at the first violating step as the
/// repository's rollout does; off plays all 20 steps so that violations can be counted.
public struct MECEpisode: Sendable {
    /// The environment (B, F, S̄, U).
    public let environment: MECEnvironment
    /// Whether a violating step ends the episode.
    public let terminateOnViolation: Bool
    /// UE–BS distances in m (fixed for the episode).
    public internal(set) var distancesM: [Double]
    /// Remaining battery per UE in J.
    public internal(set) var batteryJ: [Double]
    /// The current step's task sizes in kb.
    public internal(set) var taskKb: [Double]
    /// Steps played so far (0…20).
    public internal(set) var stepsPlayed = 0
    /// Whether the episode has ended (no more steps can be played).
    public internal(set) var isFinished = false

    /// Received power `p·d^-4` per UE (W).
    var receivedPowerW: [Double]
    /// The edge server's queue.
    var queue: MECEdgeQueue
    /// Per-UE sum of the step costs so far, added step by step (numpy's axis-0 order).
    var costSums: [Double]
    /// The task-size stream; nil for replayed episodes whose sizes are given.
    var tasks: RandomSource?
    /// Scratch for one step (kept to avoid allocating).
    var decisions: [MECDecision]
    var uploadS: [Double]
    var order: [Int]

    /// A fresh episode drawn from `seed`.
    public init(environment: MECEnvironment, seed: UInt64, terminateOnViolation: Bool = true) {
        let u = environment.users
        self.environment = environment
        self.terminateOnViolation = terminateOnViolation
        distancesM = Array(repeating: 0, count: u)
        batteryJ = Array(repeating: MECConstants.batteryJ, count: u)
        taskKb = Array(repeating: 0, count: u)
        receivedPowerW = Array(repeating: 0, count: u)
        queue = MECEdgeQueue(capacity: u * MECConstants.stepsPerEpisode)
        costSums = Array(repeating: 0, count: u)
        decisions = Array(repeating: .local, count: u)
        uploadS = Array(repeating: 0, count: u)
        order = Array(0..<u)
        reset(seed: seed)
    }

    /// An episode with given distances and first-step task sizes (replay); later sizes are set
    /// with ``setTasks(_:)``. Throws `.invalidInput` for wrong counts or values out of range
    /// (distances in [0.001, 10000] m, task sizes in [0.001, 10^6] kb).
    public init(environment: MECEnvironment, distancesM: [Double], taskKb: [Double], terminateOnViolation: Bool = true) throws {
        self.init(environment: environment, seed: 0, terminateOnViolation: terminateOnViolation)
        guard distancesM.count == environment.users else {
            throw LabError(.invalidInput, "an episode of \(environment.users) UEs needs \(environment.users) distances (got \(distancesM.count)).")
        }
        for (i, d) in distancesM.enumerated() where !(d.isFinite && Self.distanceRange.contains(d)) {
            throw LabError(.invalidInput, "distance \(i) must be in \(Self.distanceRange) m (got \(d)).")
        }
        self.distancesM = distancesM
        tasks = nil
        for i in 0..<environment.users { receivedPowerW[i] = Self.receivedPower(distancesM[i]) }
        try setTasks(taskKb)
    }

    /// Distances accepted by the replay constructor, in m.
    public static let distanceRange = 1e-3...10_000.0
    /// Task sizes accepted by ``setTasks(_:)``, in kb (keeps `10·c^-2` finite).
    public static let taskRange = 1e-3...1e6

    /// Starts a new episode from `seed` (keeps the environment and the termination switch).
    public mutating func reset(seed: UInt64) {
        var d = RandomSource(seed: seed, stream: "multimec.distances")
        let range = MECConstants.distanceRangeM
        for i in 0..<environment.users {
            distancesM[i] = d.uniform(range.lowerBound, range.upperBound)
            receivedPowerW[i] = Self.receivedPower(distancesM[i])
            batteryJ[i] = MECConstants.batteryJ
            costSums[i] = 0
        }
        queue.removeAll()
        stepsPlayed = 0
        isFinished = false
        tasks = RandomSource(seed: seed, stream: "multimec.tasks")
        drawTasks()
    }

    /// Replaces the current step's task sizes (for replaying recorded episodes).
    public mutating func setTasks(_ sizes: [Double]) throws {
        guard sizes.count == environment.users else {
            throw LabError(.invalidInput, "a step of \(environment.users) UEs needs \(environment.users) task sizes (got \(sizes.count)).")
        }
        for (i, s) in sizes.enumerated() where !(s.isFinite && Self.taskRange.contains(s)) {
            throw LabError(.invalidInput, "task size \(i) must be in \(Self.taskRange) kb (got \(s)).")
        }
        for i in sizes.indices { taskKb[i] = sizes[i] }
    }

    /// The edge queue's backlog in seconds (the observation's last feature).
    public var edgeBacklogS: Double { queue.backlog }

    /// The flat observation: per UE `F/25, f_UE/3, S/1000, deadline/5, B/10, d/80, E/E_max, backlog`.
    public var observation: [Float] {
        var o = [Float]()
        writeObservation(into: &o)
        return o
    }

    /// Writes ``observation`` into `buffer`, reusing its storage.
    public func writeObservation(into buffer: inout [Float]) {
        let n = environment.observationSize
        if buffer.count != n { buffer = Array(repeating: 0, count: n) }
        let e = environment, backlog = queue.backlog
        buffer.withUnsafeMutableBufferPointer { o in
            for u in 0..<e.users {
                let b = u * MECConstants.featuresPerUser
                o[b] = Float(e.edgeGHz / MECConstants.edgeGHzMax)
                o[b + 1] = Float(MECConstants.userGHz / MECConstants.userGHzMax)
                o[b + 2] = Float(taskKb[u] / MECConstants.taskKbMax)
                o[b + 3] = Float(MECConstants.deadlineS / MECConstants.deadlineMaxS)
                o[b + 4] = Float(e.bandwidthMHz / MECConstants.bandwidthMHzMax)
                o[b + 5] = Float(distancesM[u] / MECConstants.distanceMaxM)
                o[b + 6] = Float(batteryJ[u] / MECConstants.batteryJ)
                o[b + 7] = Float(backlog)
            }
        }
    }

    /// `p·d^-4`, in the repository's order (`power * math.pow(d, -4)`).
    static func receivedPower(_ d: Double) -> Double {
        MECConstants.transmitPowerW * pow(d, -MECConstants.pathLossExponent)
    }

    /// Draws the next step's task sizes from the task stream (nothing for replayed episodes).
    mutating func drawTasks() {
        guard var t = tasks else { return }
        for i in 0..<environment.users {
            let s = t.normal(mean: environment.meanTaskKb, std: MECConstants.taskStdKb)
            taskKb[i] = s < MECConstants.minimumTaskKb ? MECConstants.minimumTaskKb : s
        }
        tasks = t
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
