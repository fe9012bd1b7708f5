import LabCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MECEpisode {
    /// Plays one step with the flat raw action (`2·U` numbers, UE by UE: offload score, channel score).
    public mutating func step(actions: [Float]) throws -> MECStep {
        var result = MECStep()
        try step(actions: actions, into: &result)
        return result
    }

    /// Plays one step, writing the outcome into `result` (no allocation once `result` has the
    /// right sizes). Throws `.shape` for a wrong action count, `.invalidInput` for a non-finite
    /// action or a finished episode.
    public mutating func step(actions: [Float], into result: inout MECStep) throws {
        try checkPlayable(actions.count)
        for u in 0..<environment.users {
            guard let d = MECDecision(raw: Double(actions[2 * u]), Double(actions[2 * u + 1])) else {
                throw LabError(.invalidInput, "action \(2 * u)…\(2 * u + 1) of UE \(u) is not finite.")
            }
            decisions[u] = d
        }
        advance(into: &result)
    }

    /// Plays one step with double-precision raw actions (the exchange format's numbers).
    public mutating func step(rawActions: [Double], into result: inout MECStep) throws {
        try checkPlayable(rawActions.count)
        for u in 0..<environment.users {
            guard let d = MECDecision(raw: rawActions[2 * u], rawActions[2 * u + 1]) else {
                throw LabError(.invalidInput, "action \(2 * u)…\(2 * u + 1) of UE \(u) is not finite.")
            }
            decisions[u] = d
        }
        advance(into: &result)
    }

    /// The decisions of the last step played (decoded from its raw actions).
    public var lastDecisions: [MECDecision] { decisions }

    private func checkPlayable(_ count: Int) throws {
        guard !isFinished else {
            throw LabError(.invalidInput, "the episode has finished after \(stepsPlayed) steps; start another with reset(seed:).")
        }
        guard count == environment.actionSize else {
            throw LabError(.shape, "an action for \(environment.users) UEs has \(environment.actionSize) numbers (got \(count)).")
        }
    }

    /// The transition for the decoded ``decisions``; see `docs/multimec.md` for the formulas.
    private mutating func advance(into r: inout MECStep) {
        let users = environment.users
        let p = MECConstants.transmitPowerW
        Self.resize(&r.timeS, users)
        Self.resize(&r.energyJ, users)
        Self.resize(&r.cost, users)
        Self.resize(&r.userReward, users)
        r.violations.removeAll(keepingCapacity: true)

        // Upload times: SINR against co-channel offloaders, Shannon rate over the full band.
        for u in 0..<users {
            guard decisions[u].offload else { uploadS[u] = MECConstants.localSortKey; continue }
            var interference = 0.0
            let channel = decisions[u].channel
            for v in 0..<users where v != u && decisions[v].offload && decisions[v].channel == channel {
                interference += receivedPowerW[v]
            }
            let sinr = receivedPowerW[u] / (interference + MECConstants.noisePowerW)
            let rate = environment.bandwidthMHz * log2(1 + sinr)
            uploadS[u] = taskKb[u] / 1024 / rate
        }
        // Stable order by upload time (local tasks last, in UE order), as Python's sort.
        for i in 0..<users { order[i] = i }
        for i in 1..<max(users, 1) {
            let key = order[i], t = uploadS[key]
            var j = i - 1
            while j >= 0, uploadS[order[j]] > t {
                order[j + 1] = order[j]
                j -= 1
            }
            order[j + 1] = key
        }
        // Process in that order: local compute, or upload into the FIFO edge queue.
        var anyViolation = false
        let localHz = MECConstants.userGHz * 1024 * 1024 * 1024
        for u in order {
            let s = taskKb[u]
            let time: Double, energy: Double
            if decisions[u].offload {
                energy = p * uploadS[u]
                queue.append(s * MECConstants.cyclesPerBit / (environment.edgeGHz * 1024 * 1024))
                time = uploadS[u] + queue.backlog
            } else {
                time = s * MECConstants.cyclesPerBit / (MECConstants.userGHz * 1024 * 1024)
                energy = s * MECConstants.cyclesPerBit * 1024 * MECConstants.energyCoefficient * (localHz * localHz)
            }
            let cost = MECConstants.timeWeight * time + MECConstants.energyWeight * energy
            let reward: Double
            if time > MECConstants.deadlineS || energy > batteryJ[u] {
                reward = MECConstants.violationRewardFactor * cost
                anyViolation = true
            } else {
                batteryJ[u] -= energy
                reward = MECConstants.successRewardFactor * pow(cost, -2)
            }
            r.timeS[u] = time
            r.energyJ[u] = energy
            r.cost[u] = cost
            r.userReward[u] = reward
        }
        queue.drain(MECConstants.drainPerStep)
        for u in 0..<users {
            costSums[u] += r.cost[u]
            if r.userReward[u] < 0 { r.violations.append(u) }
        }
        stepsPlayed += 1
        let last = stepsPlayed == MECConstants.stepsPerEpisode
        r.step = stepsPlayed
        r.meanCost = r.cost.withUnsafeBufferPointer { MECSum.pairwise($0) } / Double(users)
        r.edgeBacklogS = queue.backlog

        // The repository's episode-level reward and reported cost.
        if last {
            // Mean over UEs of each UE's mean cost over the steps (numpy: axis-0 sum, then pairwise).
            for u in 0..<users { uploadS[u] = costSums[u] / Double(stepsPlayed) }
            let episodeCost = uploadS.withUnsafeBufferPointer { MECSum.pairwise($0) } / Double(users)
            r.reward = MECConstants.successRewardFactor * pow(episodeCost, -2)
            r.repositoryCost = episodeCost
        } else if anyViolation {
            // Mean of the negative rewards in UE order (reuses the upload scratch).
            var k = 0, largest = -Double.infinity
            for u in 0..<users {
                if r.userReward[u] < 0 { uploadS[k] = r.userReward[u]; k += 1 }
                largest = Swift.max(largest, r.cost[u])
            }
            r.reward = uploadS.withUnsafeBufferPointer { MECSum.pairwise(UnsafeBufferPointer(rebasing: $0[0..<k])) } / Double(k)
            r.repositoryCost = largest
        } else {
            r.reward = 0
            r.repositoryCost = r.meanCost
        }
        r.terminated = last || (anyViolation && terminateOnViolation)
        if r.terminated {
            isFinished = true
        } else {
            drawTasks()
        }
        writeObservation(into: &r.observation)
    }

    private static func resize(_ a: inout [Double], _ n: Int) {
        if a.count != n { a = Array(repeating: 0, count: n) }
    }
}
