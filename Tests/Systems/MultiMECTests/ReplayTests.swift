import Foundation
import LabCore
import Testing
@testable import MultiMEC

/// The `mec-episode/1` format and its replay, checked against steps computed by hand.
@Suite struct ReplayTests {
    /// Relative closeness for hand-computed values (the formulas below are written independently).
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    func numbers(_ v: JSONValue?) -> [Double] { v?.array?.compactMap(\.number) ?? [] }

    func file(_ b: Double, _ f: Double, _ s: Double, distances: [Double], steps: [([Double], [[Double]])]) -> String {
        let stepText = steps.map { t, a in
            "{\"task_kb\": \(t), \"actions\": \(a)}"
        }.joined(separator: ", ")
        return """
        {"format": "mec-episode/1", "environment": {"bandwidth_mhz": \(b), "edge_ghz": \(f), "mean_task_kb": \(s)},
         "distances_m": \(distances), "steps": [\(stepText)]}
        """
    }

    func replay(_ text: String) throws -> JSONValue {
        try MECReplay(MECEpisodeFile.decode(text, file: "test.json")).json
    }

    /// Three UEs, two steps, every formula by hand: SINR, rate, upload, queue, local time and
    /// energy, costs, rewards, battery; step 2 misses the deadline and ends the episode.
    @Test func twoStepsByHand() throws {
        let text = file(6, 5, 500, distances: [30, 35, 40], steps: [
            ([500, 400, 600], [[0.5, -0.8], [0.3, -0.9], [-0.5, 0]]),   // UEs 0, 1 offload on channel 0; UE 2 local
            ([6000, 300, 700], [[0.5, -0.4], [0.2, 0.1], [-1, 1]]),      // UE 0 on channel 1, UE 1 on channel 2
        ])
        let r = try replay(text)
        let steps = try #require(r["steps"]?.array)
        #expect(steps.count == 2)

        let p = 0.1, n0 = 1e-13, hz = 1024.0 * 1024 * 1024
        let g = [30.0, 35, 40].map { p * pow($0, -4) }
        let battery = 1e-27 * hz * hz * 1000 * 1024 * 1000 * 21
        // Step 1. UE 0 and UE 1 share channel 0 and interfere; UE 2 computes locally.
        let rate0 = 6 * log2(1 + g[0] / (g[1] + n0)), rate1 = 6 * log2(1 + g[1] / (g[0] + n0))
        let up0 = 500.0 / 1024 / rate0, up1 = 400.0 / 1024 / rate1
        #expect(up0 < up1)  // UE 0 enters the queue first
        let edge0 = 500.0 * 900 / (5 * 1024 * 1024), edge1 = 400.0 * 900 / (5 * 1024 * 1024)
        let t1 = [up0 + edge0, up1 + (edge0 + edge1), 600.0 * 900 / (1024 * 1024)]
        let e1 = [p * up0, p * up1, 600.0 * 900 * 1024 * 1e-27 * hz * hz]
        let c1 = (0..<3).map { 0.5 * t1[$0] + 0.5 * e1[$0] }
        let s1 = steps[0]
        for u in 0..<3 {
            #expect(close(numbers(s1["time_s"])[u], t1[u]))
            #expect(close(numbers(s1["energy_j"])[u], e1[u]))
            #expect(close(numbers(s1["cost"])[u], c1[u]))
            #expect(close(numbers(s1["battery_j"])[u], battery - e1[u]))
        }
        #expect(close(s1["mean_cost"]?.number, (c1[0] + c1[1] + c1[2]) / 3))
        #expect(s1["reward"]?.number == 0 && s1["terminated"] == .bool(false))
        #expect(s1["violations"]?.array?.isEmpty == true)
        #expect(s1["edge_backlog_s"]?.number == 0)  // 0.155 s of work < 0.5 s drained

        // Step 2. Alone on their channels: SNR against noise only. UE 1's small task uploads first.
        let up0b = 6000.0 / 1024 / (6 * log2(1 + g[0] / n0)), up1b = 300.0 / 1024 / (6 * log2(1 + g[1] / n0))
        let edge0b = 6000.0 * 900 / (5 * 1024 * 1024), edge1b = 300.0 * 900 / (5 * 1024 * 1024)
        let t2 = [up0b + (edge1b + edge0b), up1b + edge1b, 700.0 * 900 / (1024 * 1024)]
        let e2 = [p * up0b, p * up1b, 700.0 * 900 * 1024 * 1e-27 * hz * hz]
        let c2 = (0..<3).map { 0.5 * t2[$0] + 0.5 * e2[$0] }
        #expect(t2[0] > 1)  // UE 0 misses the 1-s deadline
        let s2 = steps[1]
        for u in 0..<3 {
            #expect(close(numbers(s2["time_s"])[u], t2[u]))
            #expect(close(numbers(s2["cost"])[u], c2[u]))
        }
        // The violating UE keeps its battery; the others pay.
        #expect(close(numbers(s2["battery_j"])[0], battery - e1[0]))
        #expect(close(numbers(s2["battery_j"])[1], battery - e1[1] - e2[1]))
        #expect(close(s2["reward"]?.number, -10 * c2[0]))
        #expect(s2["terminated"] == .bool(true) && numbers(s2["violations"]) == [0])
        // Drain: UE 1's 0.0515 s finishes, the remaining 0.4485 s of budget goes to UE 0's task.
        #expect(close(s2["edge_backlog_s"]?.number, edge0b - (0.5 - edge1b)))
        #expect(close(r["return"]?.number, -10 * c2[0]))
        #expect(r["completed"] == .bool(false))
        // The per-UE success rewards of step 1 (10·c^-2) are visible through the library.
        var episode = try MECEpisode(environment: MECEnvironment.parse("6,5,500", users: 3), distancesM: [30, 35, 40], taskKb: [500, 400, 600])
        var outcome = MECStep()
        try episode.step(rawActions: [0.5, -0.8, 0.3, -0.9, -0.5, 0], into: &outcome)
        for u in 0..<3 { #expect(close(outcome.userReward[u], 10 / (c1[u] * c1[u]))) }
    }

    /// A 20-step all-local episode: terminated at step 20 although it completes, reward 10/c̄².
    @Test func stepTwentyTerminatesAndPaysTheEpisodeReward() throws {
        let sizes: [[Double]] = (0..<20).map { t in [400 + Double(t), 500, 600 - Double(t)] }
        let local = [[-0.5, 0.0], [-0.5, 0], [-0.5, 0]]
        let r = try replay(file(6, 5, 500, distances: [31, 33, 39], steps: sizes.map { ($0, local) }))
        let steps = try #require(r["steps"]?.array)
        #expect(steps.count == 20 && r["completed"] == .bool(true))
        let hz = 1024.0 * 1024 * 1024
        func cost(_ s: Double) -> Double { 0.5 * (s * 900 / (1024 * 1024)) + 0.5 * (s * 900 * 1024 * 1e-27 * hz * hz) }
        let perUser = (0..<3).map { u in (0..<20).reduce(0.0) { $0 + cost(sizes[$1][u]) } / 20 }
        let cBar = perUser.reduce(0, +) / 3
        for (t, s) in steps.enumerated() {
            #expect(s["terminated"] == .bool(t == 19))
            #expect(t == 19 || s["reward"]?.number == 0)
        }
        #expect(close(steps[19]["reward"]?.number, 10 / (cBar * cBar)))
        #expect(close(r["return"]?.number, 10 / (cBar * cBar)))
    }

    /// A violation at step 20 still gets 10/c̄² (and is listed), and the episode still completes.
    @Test func violationAtStepTwentyStillPaysTheEpisodeReward() throws {
        var sizes: [[Double]] = Array(repeating: [500, 500], count: 20)
        sizes[19] = [500, 2000]   // 2000 kb locally takes 1.72 s > 1 s
        let local = [[-0.5, 0.0], [-0.5, 0]]
        let r = try replay(file(6, 5, 500, distances: [30, 40], steps: sizes.map { ($0, local) }))
        let steps = try #require(r["steps"]?.array)
        let last = steps[19]
        #expect(steps.count == 20 && r["completed"] == .bool(true))
        #expect(numbers(last["violations"]) == [1] && last["terminated"] == .bool(true))
        let costs = numbers(last["cost"])
        let hz = 1024.0 * 1024 * 1024
        let c500 = 0.5 * (500.0 * 900 / (1024 * 1024)) + 0.5 * (500.0 * 900 * 1024 * 1e-27 * hz * hz)
        let cBar = (c500 + (19 * c500 + costs[1]) / 20) / 2
        #expect(close(last["reward"]?.number, 10 / (cBar * cBar)))
        #expect(last["reward"]!.number! > 0)
        #expect(close(last["mean_cost"]?.number, (costs[0] + costs[1]) / 2))
    }

    /// The replay stops at the first terminating step; later recorded steps are not played.
    @Test func replayStopsAtTheFirstTerminatingStep() throws {
        let local = [[-0.5, 0.0], [-0.5, 0]]
        let r = try replay(file(6, 5, 500, distances: [30, 40], steps: [([500, 500], local), ([1500, 500], local), ([500, 500], local)]))
        #expect(r["steps"]?.array?.count == 2 && r["steps_played"]?.number == 2 && r["completed"] == .bool(false))
        #expect(r["steps"]?.array?[1]["terminated"] == .bool(true))
    }

    /// Clipping happens before decoding: a1 = 1 and a1 = 0.9 both mean channel 4 and interfere.
    @Test func clippingBeforeDecodingMakesChannelFourShared() throws {
        let clipped = try replay(file(6, 5, 500, distances: [30, 30], steps: [([500, 500], [[1, 1], [1, 0.9]])]))
        let separate = try replay(file(6, 5, 500, distances: [30, 30], steps: [([500, 500], [[1, 1], [1, 0.5]])]))
        let shared = numbers(clipped["steps"]?.array?[0]["time_s"]), apart = numbers(separate["steps"]?.array?[0]["time_s"])
        // Equal powers on one channel: SINR ≈ 1, so the upload is far slower than alone on a channel.
        #expect(shared[0] > apart[0])
        let power: Double = 0.1 * pow(30.0, -4)
        let rate: Double = 6 * log2(1 + power / (power + 1e-13))
        #expect(close(shared[0], 500.0 / 1024 / rate + 500.0 * 900 / (5 * 1024 * 1024)))
    }

    /// The next observation shows the backlog after the drain and the step's battery.
    @Test func backlogIsWhatTheNextObservationShows() throws {
        let env = try MECEnvironment.parse("6,2,500", users: 20)
        var episode = MECEpisode(environment: env, seed: 4, terminateOnViolation: false)
        let all = (0..<20).flatMap { u -> [Float] in [0.5, Float(u % 5) * 0.4 - 0.8] }
        let s = try episode.step(actions: all)
        #expect(s.edgeBacklogS > 0)
        for u in 0..<20 { #expect(s.observation[8 * u + 7] == Float(s.edgeBacklogS)) }
        #expect(s.observation == episode.observation)
    }

    /// Malformed files: exit-2 errors that name the field.
    @Test func malformedFilesNameTheField() throws {
        let good = file(6, 5, 500, distances: [30, 40], steps: [([500, 500], [[-0.5, 0], [-0.5, 0]])])
        _ = try replay(good)
        let cases: [(String, String)] = [
            (good.replacingOccurrences(of: "mec-episode/1", with: "mec-episode/2"), "format"),
            (good.replacingOccurrences(of: "\"task_kb\": [500.0, 500.0]", with: "\"task_kb\": [500.0]"), "steps[0].task_kb"),
            (good.replacingOccurrences(of: "\"task_kb\": [500.0, 500.0]", with: "\"task_kb\": [500.0, -3]"), "steps[0].task_kb[1]"),
            (good.replacingOccurrences(of: "\"task_kb\": [500.0, 500.0]", with: "\"task_kb\": [500.0, 0]"), "steps[0].task_kb[1]"),
            (good.replacingOccurrences(of: "[[-0.5, 0.0], [-0.5, 0.0]]", with: "[[-0.5, 0.0], [-0.5]]"), "steps[0].actions[1]"),
            (good.replacingOccurrences(of: "[[-0.5, 0.0], [-0.5, 0.0]]", with: "[[-0.5, 0.0], [-0.5, \"x\"]]"), "steps[0].actions[1][1]"),
            (good.replacingOccurrences(of: "[30.0, 40.0]", with: "[30.0, -40.0]"), "distances_m[1]"),
            (good.replacingOccurrences(of: "[30.0, 40.0]", with: "[]"), "distances_m"),
            (good.replacingOccurrences(of: "\"bandwidth_mhz\": 6.0", with: "\"bandwidth_mhz\": 0"), "environment.bandwidth_mhz"),
            (good.replacingOccurrences(of: "\"edge_ghz\": 5.0, ", with: ""), "environment.edge_ghz"),
            (good.replacingOccurrences(of: "\"steps\": [", with: "\"steps\": [").replacingOccurrences(of: "]}]}", with: "]}" + String(repeating: ", {\"task_kb\": [1, 1], \"actions\": [[0, 0], [0, 0]]}", count: 20) + "]}"), "steps"),
        ]
        for (text, field) in cases {
            do {
                _ = try replay(text)
                Issue.record("accepted a file with a bad \(field)")
            } catch let error as LabError {
                #expect(error.code.exitCode == 2)
                #expect(error.message.contains("field \(field):"), "\(error.message) should name \(field)")
            }
        }
        #expect(throws: LabError.self) { try replay("{\"format\": \"mec-episode/1\", \"steps\": [1e999]}") }
    }

    /// Generated files are deterministic, all-local, and replay to the library episode's values.
    @Test func generatedEpisodesRoundTrip() throws {
        let env = try MECEnvironment.parse("9,4,400")
        let a = MECEpisodeFile.allLocal(env, seed: 11), b = MECEpisodeFile.allLocal(env, seed: 11)
        #expect(a.fileText == b.fileText && a.steps.count == 20)
        let decoded = try MECEpisodeFile.decode(a.fileText, file: "a.json")
        #expect(decoded == a)
        let episode = MECEpisode(environment: env, seed: 11)
        #expect(decoded.distancesM == episode.distancesM && decoded.steps[0].taskKb == episode.taskKb)
        let r = try MECReplay(decoded)
        #expect(r.completed && r.steps.allSatisfy { $0.outcome.violations.isEmpty })
    }
}
