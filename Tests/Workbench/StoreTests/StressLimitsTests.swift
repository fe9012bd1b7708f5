import Foundation
import Testing
import TestSupport

/// `lab cache stress` and `lab demo` refuse sizes that would exhaust memory or overflow their
/// step counters with exit 2 and the limits, instead of crashing.
@Suite struct StressLimitsTests {
    @Test func stressRefusesHugeSizesAndOverflowingSteps() throws {
        let scratch = try TemporaryDirectory("stress-limits")
        let cases: [[String]] = [
            ["--blob-bytes", "100000000000"],
            ["--metrics", "1000000000"],
            ["--step-stride", "0"],
            ["--step-offset", "9223372036854775807", "--step-stride", "2"],
        ]
        for (i, extra) in cases.enumerated() {
            let path = scratch.path("s\(i).sqlite")
            let r = try runLab(["cache", "stress", "--store", path, "--writer", "w", "--count", "1"] + extra)
            #expect(r.status == 2, "\(extra): exit \(r.status) \(r.err)")
            #expect(r.err.contains("--blob-bytes in 1...16777216"), "\(extra): \(r.err)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(extra) created the store")
        }
        // A step that leaves ±2^53 part-way is an error, not a trap.
        let path = scratch.path("late.sqlite")
        let r = try runLab(["cache", "stress", "--store", path, "--writer", "w", "--count", "3", "--metrics", "2",
                            "--step-offset", "9007199254740990", "--step-stride", "1"])
        #expect(r.status == 2, "exit \(r.status) \(r.err)")
        #expect(r.err.contains("passed 2^53 at iteration 1"), "\(r.err)")
    }

    @Test func demoRefusesStepsOutsideItsRange() throws {
        for steps in ["-5", "0", "1000000000000"] {
            let r = try runLab(["demo", "--steps", steps])
            #expect(r.status == 2, "--steps \(steps): exit \(r.status) \(r.err)")
            #expect(r.err.contains("--steps must be in 1...1000000"), "--steps \(steps): \(r.err)")
        }
    }
}
