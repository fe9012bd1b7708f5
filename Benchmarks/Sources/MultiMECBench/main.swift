// MultiMECBench: environment steps per second of DiffLoader's MEC environment (issue 16),
// one thread, release build.
//
//   swift build -c release --product MultiMECBench && .build/release/MultiMECBench [steps] [repeats]
//
// Each row plays `steps` steps (default 2,000,000) with a fixed pre-drawn pool of raw actions
// (uniform in [-1, 1], so about half the UEs offload, with interference and queueing), resetting
// the episode with a new seed whenever it ends; the reported figure is the best of `repeats`
// (default 3) timed runs after one warm-up run, by the thread's CPU time (wall time also shown:
// on a shared machine it includes the time other processes had the core). The step result is reused, so the loop allocates
// nothing; resets (two SHA-256 stream derivations) are included in the time.
import Foundation
import LabCore
import MultiMEC

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let steps = max(arguments.first ?? 2_000_000, 1)
let repeats = max(arguments.dropFirst().first ?? 3, 1)

/// CPU time of this thread in seconds (what the process got on a shared, loaded machine).
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Plays `steps` steps; returns (wall seconds, CPU seconds, episodes, checksum of rewards).
func play(_ environment: MECEnvironment, terminate: Bool, pool: [[Float]]) -> (Double, Double, Int, Double) {
    var episode = MECEpisode(environment: environment, seed: 1, terminateOnViolation: terminate)
    var outcome = MECStep()
    var episodes = 1, checksum = 0.0
    let clock = ContinuousClock()
    let start = clock.now, cpuStart = threadCPUSeconds()
    for i in 0..<steps {
        if episode.isFinished {
            episode.reset(seed: UInt64(episodes))
            episodes += 1
        }
        do { try episode.step(actions: pool[i % pool.count], into: &outcome) } catch { print("error: \(error)"); exit(1) }
        checksum += outcome.reward
    }
    let d = clock.now - start
    return (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, threadCPUSeconds() - cpuStart, episodes, checksum)
}

print("MultiMECBench: \(steps) steps per run, best of \(repeats) runs, one thread")
print("")
print("| Environment | U | Termination | Steps/s (CPU time) | µs/step (CPU) | Steps/s (wall) | Episodes |")
print("|---|---:|---|---:|---:|---:|---:|")
for (text, users, terminate) in [("6,5,500", 20, true), ("6,5,500", 20, false), ("10,10,100", 20, false), ("6,5,500", 10, false)] {
    let environment = try MECEnvironment.parse(text, users: users)
    var random = RandomSource(seed: 7, stream: "bench.actions")
    let pool = (0..<1024).map { _ in (0..<environment.actionSize).map { _ in Float(random.uniform(-1, 1)) } }
    _ = play(environment, terminate: terminate, pool: pool)
    var best = Double.infinity, bestWall = Double.infinity, episodes = 0
    for _ in 0..<repeats {
        let (wall, cpu, e, _) = play(environment, terminate: terminate, pool: pool)
        if cpu < best { best = cpu; episodes = e }
        bestWall = min(bestWall, wall)
    }
    let rate = Double(steps) / best
    print("| (\(text)) | \(users) | \(terminate ? "on violation" : "20 steps") | \(String(format: "%.0f", rate)) | \(String(format: "%.2f", 1e6 / rate)) | \(String(format: "%.0f", Double(steps) / bestWall)) | \(episodes) |")
}
