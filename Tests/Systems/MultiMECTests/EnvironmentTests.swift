import Foundation
import LabCore
import Testing
@testable import MultiMEC

/// The environment's constants, determinism, decoding, queue and termination switch.
@Suite struct EnvironmentTests {
    /// (6,5,500), the first training environment.
    var env: MECEnvironment { MECEnvironment.trainingTable()[0] }

    func actions(_ pairs: [(Float, Float)]) -> [Float] { pairs.flatMap { [$0.0, $0.1] } }

    @Test func constantsAreTheRepositorysValues() throws {
        #expect(MECConstants.noisePowerW == 1e-13)
        #expect(MECConstants.batteryJ == 1e-27 * 1_152_921_504_606_846_976.0 * 1000 * 1024 * 1000 * 21 && abs(MECConstants.batteryJ - 24.79243) < 1e-5)
        #expect(MECConstants.energyCoefficient == 1e-27)
        #expect(env.observationSize == 160 && env.actionSize == 40)
        let small = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 500, users: MECConstants.fallbackUsers)
        #expect(small.observationSize == 80 && small.actionSize == 20)
        #expect(MECEnvironment.trainingTable().count == 15 && MECEnvironment.testTable().count == 8)
        #expect(MECEnvironment.trainingTable()[0] == env)
    }

    @Test func environmentsAreValidated() throws {
        #expect(try MECEnvironment.parse("6,5,500") == env)
        for bad in ["6,5", "a,b,c", "0,5,500", "6,-1,500", "6,5,1e9", "nan,5,500"] {
            #expect(throws: LabError.self) { try MECEnvironment.parse(bad) }
        }
        #expect(throws: LabError.self) { try MECEnvironment.parse("6,5,500", users: 0) }
        #expect(throws: LabError.self) { try MECEnvironment.parse("6,5,500", users: 1001) }
    }

    @Test func sameSeedSameBitsAndPairedDraws() throws {
        var a = MECEpisode(environment: env, seed: 3), b = MECEpisode(environment: env, seed: 3)
        let c = MECEpisode(environment: env, seed: 4)
        #expect(a.distancesM == b.distancesM && a.taskKb == b.taskKb)
        #expect(a.distancesM != c.distancesM && a.taskKb != c.taskKb)
        for d in a.distancesM { #expect(d >= 30 && d < 40.1) }
        let other = try MECEnvironment.parse("3,2,1000")
        let d = MECEpisode(environment: other, seed: 3)
        #expect(d.distancesM == a.distancesM)
        // Same standard normals in every environment: S - S̄ agrees when neither is clipped.
        for u in 0..<20 where a.taskKb[u] > 50 && d.taskKb[u] > 50 {
            #expect(abs((a.taskKb[u] - 500) - (d.taskKb[u] - 1000)) < 1e-9)
        }
        let local = actions(Array(repeating: (-0.5, 0), count: 20))
        let offload = actions((0..<20).map { (0.5, Float($0 % 5) * 0.4 - 0.8) })
        for t in 0..<20 {
            let x = try a.step(actions: t.isMultiple(of: 2) ? local : offload)
            let y = try b.step(actions: t.isMultiple(of: 2) ? local : offload)
            #expect(x == y)
            if x.terminated { break }
        }
        // Task sizes do not depend on the actions.
        var e = MECEpisode(environment: env, seed: 9, terminateOnViolation: false), f = e
        for _ in 0..<5 {
            _ = try e.step(actions: local)
            _ = try f.step(actions: offload)
            #expect(e.taskKb == f.taskKb)
        }
    }

    @Test func tasksAreClippedAtFiftyKb() throws {
        let tiny = try MECEnvironment(bandwidthMHz: 6, edgeGHz: 5, meanTaskKb: 10)
        let e = MECEpisode(environment: tiny, seed: 1)
        #expect(e.taskKb.allSatisfy { $0 >= 50 })
        #expect(e.taskKb.contains(50))
    }

    @Test func copiesForkIndependently() throws {
        var a = MECEpisode(environment: env, seed: 5)
        var b = a
        let local = actions(Array(repeating: (-0.5, 0), count: 20))
        _ = try a.step(actions: local)
        #expect(b.stepsPlayed == 0 && a.stepsPlayed == 1)
        #expect(b.batteryJ.allSatisfy { $0 == MECConstants.batteryJ })
        _ = try b.step(actions: local)
        #expect(a.batteryJ == b.batteryJ && a.taskKb == b.taskKb)
    }

    @Test func observationLayout() throws {
        let e = MECEpisode(environment: env, seed: 2)
        let o = e.observation
        #expect(o.count == 160)
        for u in 0..<20 {
            let f = Array(o[(8 * u)..<(8 * u + 8)])
            #expect(f[0] == Float(5.0 / 25) && f[1] == Float(1.0 / 3) && f[3] == Float(0.2) && f[4] == Float(0.6))
            #expect(f[2] == Float(e.taskKb[u] / 1000) && f[5] == Float(e.distancesM[u] / 80))
            #expect(f[6] == 1 && f[7] == 0)
        }
    }

    @Test func decodingClipsBeforeDecoding() {
        #expect(MECDecision(raw: 0.001, -1) == MECDecision(offload: true, channel: 0))
        #expect(MECDecision(raw: 0, 0)?.offload == false)
        #expect(MECDecision(raw: -3, 0.5) == MECDecision(offload: false, channel: 3))
        // Unclipped, a1 = 1 would give channel ⌊2·5/2⌋ = 5; clipped to 0.99 it is ⌊4.975⌋ = 4.
        #expect(MECDecision(raw: 1, 1)?.channel == 4)
        #expect(MECDecision(raw: 7, 100)?.channel == 4)
        #expect(MECDecision(raw: 1, -100)?.channel == 0)
        #expect(MECDecision(raw: .nan, 0) == nil && MECDecision(raw: 0, .infinity) == nil)
        for c in 0..<5 {
            let (a0, a1) = MECDecision(offload: true, channel: c).rawAction
            #expect(MECDecision(raw: Double(a0), Double(a1)) == MECDecision(offload: true, channel: c))
        }
    }

    @Test func queueDrainsHalfASecondFirstInFirstOut() {
        var q = MECEdgeQueue(capacity: 4)
        q.append(0.2); q.append(0); q.append(0.4); q.append(0.1)
        #expect(q.remaining == [0.2, 0.4, 0.1])
        q.drain(0.5)
        // 0.2 finishes, 0.3 of the budget is left for the 0.4 task.
        #expect(q.remaining.count == 2 && abs(q.remaining[0] - 0.1) < 1e-15 && q.remaining[1] == 0.1)
        q.drain(0.5)
        #expect(q.remaining.isEmpty && q.backlog == 0)
    }

    @Test func numpySummationOrder() {
        // Fewer than 8: left to right. 8…128: eight interleaved partial sums.
        let xs = (0..<20).map { 1.0 / Double($0 + 3) }
        var r = Array(xs[0..<8])
        for i in 8..<16 { r[i - 8] += xs[i] }
        var expected = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for i in 16..<20 { expected += xs[i] }
        #expect(MECSum.mean(xs) == expected / 20)
        #expect(MECSum.mean([0.1, 0.2, 0.3]) == (0.1 + 0.2 + 0.3) / 3)
    }

    @Test func terminationSwitch() throws {
        let offload = actions((0..<20).map { _ in (0.5, -0.8) })
        var on = MECEpisode(environment: env, seed: 1), off = MECEpisode(environment: env, seed: 1, terminateOnViolation: false)
        let first = try on.step(actions: offload)
        #expect(first.terminated && !first.violations.isEmpty && first.reward < 0 && on.isFinished)
        #expect(throws: LabError.self) { try on.step(actions: offload) }
        var steps = 0, violations = 0
        while !off.isFinished {
            let s = try off.step(actions: offload)
            steps += 1
            violations += s.violations.count
            #expect(s.terminated == (steps == 20))
        }
        #expect(steps == 20 && violations > 0)
        on.reset(seed: 1)
        #expect(on.stepsPlayed == 0 && !on.isFinished && on.edgeBacklogS == 0)
    }

    @Test func badActionsThrow() {
        var e = MECEpisode(environment: env, seed: 1)
        #expect(throws: LabError.self) { try e.step(actions: [0, 0]) }
        var nan = Array(repeating: Float(0), count: 40)
        nan[7] = .nan
        #expect(throws: LabError.self) { try e.step(actions: nan) }
        #expect(e.stepsPlayed == 0)
    }
}
