import Foundation
import LabCore
import Testing
@testable import MultiMEC

/// The heuristic policies, the paired evaluation, and the qualitative facts of docs/multimec.md's
/// calibration table that follow from the model (no threshold is fitted to our numbers).
@Suite struct HeuristicsTests {
    func policies(_ seed: UInt64) -> [any MECPolicy] {
        [MECAllLocal(), MECAllOffload(random: RandomSource(seed: seed, stream: "offload")),
         MECRandomHalf(random: RandomSource(seed: seed, stream: "half")), MECLargestTasks(count: 5)]
    }

    func evaluate(_ p: any MECPolicy, _ env: MECEnvironment, episodes: Int = 20, terminate: Bool = true) -> MECEvaluation {
        MECEvaluation.run(p, on: env, episodes: episodes, evaluationSeed: 1, terminateOnViolation: terminate)
    }

    @Test func largestTasksGoToDistinctChannels() throws {
        let env = try MECEnvironment.parse("6,5,500")
        let episode = MECEpisode(environment: env, seed: 2)
        var policy = MECLargestTasks(count: 5)
        var actions = [Float]()
        policy.act(episode, into: &actions)
        let decisions = (0..<20).compactMap { MECDecision(raw: Double(actions[2 * $0]), Double(actions[2 * $0 + 1])) }
        let offloaded = decisions.indices.filter { decisions[$0].offload }
        let largest = episode.taskKb.indices.sorted { episode.taskKb[$0] > episode.taskKb[$1] }.prefix(5)
        #expect(Set(offloaded) == Set(largest))
        #expect(Set(offloaded.map { decisions[$0].channel }).count == 5)
        var none = MECLargestTasks(count: 0)
        none.act(episode, into: &actions)
        #expect(stride(from: 0, to: 40, by: 2).allSatisfy { actions[$0] < 0 })
    }

    @Test func evaluationsArePairedAndDeterministic() throws {
        let env = try MECEnvironment.parse("4,6,300")
        let a = evaluate(MECRandomHalf(random: RandomSource(seed: 1)), env, episodes: 5)
        let b = evaluate(MECRandomHalf(random: RandomSource(seed: 1)), env, episodes: 5)
        #expect(a == b)
        // The episode seeds are the same for every policy: all-local's cost is the same whichever
        // evaluation it is in, and equals the closed form on the drawn task sizes.
        let local = evaluate(MECAllLocal(), env, episodes: 3)
        var expected = 0.0
        let hz = 1024.0 * 1024 * 1024
        for i in 0..<3 {
            var e = MECEpisode(environment: env, seed: MECEvaluation.episodeSeed(1, i))
            var sum = 0.0
            for _ in 0..<20 {
                let costs = e.taskKb.map { 0.5 * ($0 * 900 / (1024 * 1024)) + 0.5 * ($0 * 900 * 1024 * 1e-27 * hz * hz) }
                sum += costs.reduce(0, +) / 20
                _ = try e.step(actions: Array(repeating: -0.5, count: 40))
            }
            expected += sum / 20
        }
        #expect(abs(local.meanCost - expected / 3) < 1e-12)
    }

    /// (6,5,500): all-local always completes (a 500-kb task takes 0.43 s and 0.53 J locally;
    /// 20 steps use 10.6 of 24.8 J; missing the deadline needs S > 1165 kb, 20 σ away), while
    /// all-offload puts 20 × 0.086 s ≈ 1.7 s of work in the queue at step 1, so the last queued
    /// task misses the 1-s deadline in every episode.
    @Test func sixFiveFiveHundredFacts() throws {
        let env = try MECEnvironment.parse("6,5,500")
        let local = evaluate(MECAllLocal(), env)
        #expect(local.completionFraction == 1 && local.meanViolations == 0)
        let offload = evaluate(MECAllOffload(random: RandomSource(seed: 3)), env)
        #expect(offload.completionFraction == 0 && offload.meanSteps == 1)
        // Offloading the 5 largest on distinct channels queues ≈ 5 × 0.09 s < 0.5 s drained per
        // step, and each offloaded task's cost (≈ half its queue time, mJ upload energy) is below
        // the ≈ 0.48 it costs locally: it completes and is cheaper than all-local.
        let top = evaluate(MECLargestTasks(count: 5), env)
        #expect(top.completionFraction == 1)
        #expect(top.meanCost < local.meanCost)
    }

    /// (10,10,100): a 100-kb task costs ≈ 0.097 locally but only its short upload and ≈ 9 ms
    /// of edge time when offloaded, and 20 such tasks (≈ 0.17 s) never fill the 0.5-s drain.
    @Test func tenTenHundredFacts() throws {
        let env = try MECEnvironment.parse("10,10,100")
        let local = evaluate(MECAllLocal(), env)
        let offload = evaluate(MECAllOffload(random: RandomSource(seed: 3)), env)
        #expect(local.completionFraction == 1)
        #expect(offload.meanCost < local.meanCost)
    }

    /// Off-switch evaluations play 20 steps and count violations that on-switch runs stop at.
    @Test func fullEpisodesCountViolations() throws {
        let env = try MECEnvironment.parse("6,5,500")
        let off = evaluate(MECAllOffload(random: RandomSource(seed: 3)), env, episodes: 4, terminate: false)
        #expect(off.meanSteps == 20 && off.completionFraction == 0 && off.meanViolatingSteps > 1)
    }

    /// The calibration table of docs/multimec.md recomputed (printed for the docs; facts asserted above).
    @Test func calibrationTable() throws {
        let rows = ["6,5,500", "3,2,1000", "10,10,100", "10,10,1000", "8,4,800", "4,6,300", "9,4,400", "5,6,600", "11,12,1100"]
        var lines = ["| Env | All-local | All-offload | Random 50/50 | Top-5 distinct |", "|---|---|---|---|---|"]
        for row in rows {
            let env = try MECEnvironment.parse(row)
            let cells = policies(5).map { p -> String in
                let e = evaluate(p, env)
                return String(format: "%.3f / %.2f", e.meanCost, e.completionFraction)
            }
            lines.append("| (\(row)) | " + cells.joined(separator: " | ") + " |")
        }
        print(lines.joined(separator: "\n"))
    }
}
