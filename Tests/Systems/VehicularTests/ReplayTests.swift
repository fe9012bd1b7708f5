import Foundation
import LabCore
import Testing
@testable import Vehicular

/// Replay of a 2-vehicle, 2-slot trace against the model written out formula by formula.
@Suite struct ReplayTests {
    static let text = """
    {"format": "vec-trace/1",
     "parameters": {"slot_s": 1, "road_m": 1000, "rsu_x_m": 500, "rsu_offset_m": 10, "bandwidth_hz": 2e6,
                    "tx_power_w": 0.2, "noise_dbm_per_hz": -174, "rsu_gflops": 200, "lyapunov_v": 10},
     "vehicles": [{"model": "alexnet", "local_gflops": 20, "x_m": 120, "speed_mps": 18, "queue": 0},
                  {"model": "vgg16", "local_gflops": 25, "x_m": 900, "speed_mps": 20, "queue": 2}],
     "slots": [{"arrivals": [1, 0], "partition": [3, 4]},
               {"arrivals": [0, 1], "partition": [5, 0]}]}
    """

    /// `r = b·log2(1 + p·g/(N0·b))`, `g = 10^(−PL/10)`, `PL = 128.1 + 37.6·log10(d/1000)`,
    /// `d = √((x − 500)² + 10²)`.
    static func rate(_ x: Double) -> Double {
        let d = ((x - 500) * (x - 500) + 10 * 10).squareRoot()
        let g = pow(10, -(128.1 + 37.6 * log10(d / 1000)) / 10)
        let n0 = pow(10, (-174 - 30) / 10.0)
        return 2e6 * log2(1 + 0.2 * g / (n0 * 2e6))
    }

    static func close(_ a: Double, _ b: Double, _ what: String) {
        #expect(abs(a - b) <= 1e-9 * max(abs(b), 1e-300), "\(what): \(a) vs \(b)")
    }

    @Test func twoVehiclesTwoSlotsByHand() throws {
        let replay = try VehicularTrace.decode(Self.text, file: "hand.json").replay()
        #expect(replay.slots.count == 2)
        let V = 10.0, F = 200.0

        // Slot 0. Vehicle 0: AlexNet cut after pool5 (Φ 1.3111, R 0.1172, O 0.295 Mbit), Q = 0.
        // Vehicle 1: VGG16 cut after pool4 (Φ 27.9187, R 3.0218, O 3.211 Mbit), Q = 2.
        let r0 = Self.rate(120), r1 = Self.rate(900)
        let a0 = 1.3111 / 20 + 0.295e6 / r0, c0 = 0.1172
        let a1 = 27.9187 / 25 + 3.211e6 / r1, c1 = 3.0218
        // KKT with both offloading: C0·V/f0² = (C1/f1²)(V + 2/T1²), f0 + f1 = F; the left side
        // minus the right falls as f0 grows, so bisect on f0.
        func residual(_ f0: Double) -> Double {
            let f1 = F - f0, t1 = a1 + c1 / f1
            return c0 * V / (f0 * f0) - c1 / (f1 * f1) * (V + 2 / (t1 * t1))
        }
        var lo = 1e-9, hi = F - 1e-9
        for _ in 0..<300 { let mid = 0.5 * (lo + hi); if residual(mid) > 0 { lo = mid } else { hi = mid } }
        let f0 = 0.5 * (lo + hi), f1 = F - f0
        let t0 = a0 + c0 / f0, t1 = a1 + c1 / f1
        let s0 = replay.slots[0]
        Self.close(s0.rate[0], r0, "rate 0")
        Self.close(s0.rate[1], r1, "rate 1")
        Self.close(s0.rsuGFLOPS[0], f0, "f0")
        Self.close(s0.rsuGFLOPS[1], f1, "f1")
        Self.close(s0.completion[0], t0, "T0")
        Self.close(s0.completion[1], t1, "T1")
        Self.close(s0.objective, V * (t0 + t1) - 0 / t0 - 2 / t1, "J(0)")
        let q0 = max(0 - 1 / t0, 0) + 1, q1 = max(2 - 1 / t1, 0) + 0
        Self.close(s0.queueAfter[0], q0, "Q0(1)")
        Self.close(s0.queueAfter[1], q1, "Q1(1)")

        // Slot 1 at x = 120 + 18 = 138 and 900 + 20 = 920. Vehicle 0 all local; vehicle 1 sends
        // the raw image (1.204 Mbit) and is the only offloader, so it gets all of F.
        let u1 = 1.204e6 / Self.rate(920) + 30.9405 / F
        let u0 = 1.4284 / 20
        let s1 = replay.slots[1]
        Self.close(s1.rate[0], Self.rate(138), "rate 0 at slot 1")
        #expect(s1.rsuGFLOPS == [0, F])
        Self.close(s1.completion[0], u0, "T0(1)")
        Self.close(s1.completion[1], u1, "T1(1)")
        Self.close(s1.objective, V * (u0 + u1) - q0 / u0 - q1 / u1, "J(1)")
        let q0b = max(q0 - 1 / u0, 0) + 0, q1b = max(q1 - 1 / u1, 0) + 1
        Self.close(s1.queueAfter[0], q0b, "Q0(2)")
        Self.close(s1.queueAfter[1], q1b, "Q1(2)")
        Self.close(replay.meanCompletion, (t0 + t1 + u0 + u1) / 4, "mean T")
        Self.close(replay.meanQueue, (q0 + q1 + q0b + q1b) / 4, "mean Q")

        let json = replay.json
        #expect(json["format"]?.string == "vec-replay/1")
        #expect(json["slots"]?.array?.first?["edge_gflops"]?.array?.count == 2)
        #expect(json["mean_queue"]?.number == replay.meanQueue)
    }

    @Test func writtenTracesReadBackIdentically() throws {
        var scenario = VehicularScenario()
        scenario.vehicles = 5
        scenario.slots = 7
        let trace = try scenario.trace(seed: 3).solved(method: .dpp)
        let again = try VehicularTrace.decode(trace.fileText, file: "t.json")
        #expect(again == trace)
        #expect(try again.replay() == trace.replay())
        #expect(try scenario.trace(seed: 3) == scenario.trace(seed: 3))
        #expect(try scenario.trace(seed: 3) != scenario.trace(seed: 4))
    }

    @Test(arguments: [
        ("\"partition\": [3, 4]", "\"partition\": [3, 9]", "slots[0].partition[1]", "slot 0, vehicle 1"),
        ("\"partition\": [5, 0]", "\"partition\": [6, 0]", "slots[1].partition[0]", "slot 1, vehicle 0"),
        ("\"partition\": [5, 0]", "\"partition\": [5, 0.5]", "slots[1].partition[1]", "integer"),
        ("\"rsu_gflops\": 200", "\"rsu_gflops\": 0", "parameters.rsu_gflops", "greater than 0"),
        ("\"lyapunov_v\": 10", "\"lyapunov_v\": 1e999", "", "not valid JSON"),
        ("\"x_m\": 900", "\"x_m\": 1000", "vehicles[1].x_m", "below road_m"),
        ("\"queue\": 2", "\"queue\": -1", "vehicles[1].queue", "negative"),
        ("\"model\": \"vgg16\"", "\"model\": \"vgg19\"", "vehicles[1].model", "must be one of"),
        ("\"arrivals\": [1, 0]", "\"arrivals\": [1]", "slots[0].arrivals", "2 entries"),
        ("\"arrivals\": [0, 1]", "\"arrivals\": [0, -1]", "slots[1].arrivals[1]", "must be in"),
        ("\"format\": \"vec-trace/1\"", "\"format\": \"vec-trace/2\"", "format", "vec-trace/1"),
        ("\"slot_s\": 1,", "", "parameters.slot_s", "missing"),
    ])
    func malformedFilesNameTheField(original: String, replacement: String, field: String, words: String) {
        let text = Self.text.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.text)
        do {
            _ = try VehicularTrace.decode(text, file: "bad.json")
            Issue.record("accepted: \(replacement)")
        } catch let error as LabError {
            #expect(error.code == .invalidInput)
            #expect((field.isEmpty || error.description.contains(field)) && error.description.contains(words), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// V2V traces: flags written and read back, and a flag without a neighbour named at replay.
@Suite struct V2VTraceTests {
    @Test func v2vDecisionsRoundTripAndAreCheckedAtReplay() throws {
        var scenario = VehicularScenario()
        scenario.vehicles = 12
        scenario.slots = 15
        scenario.v2v = true
        let trace = try scenario.trace(seed: 4).solved(method: .dpp)
        #expect(trace.slots.allSatisfy { $0.v2v?.count == 12 })
        // Coverage: the search does use a neighbour somewhere in this episode.
        #expect(trace.slots.contains { $0.v2v?.contains(true) == true })
        let again = try VehicularTrace.decode(trace.fileText, file: "v.json")
        #expect(again == trace)
        #expect(try again.replay() == trace.replay())

        // Vehicle 1 sits 500 m from vehicle 0 and has a queue: vehicle 0 has no neighbour.
        let text = ReplayTests.text
            .replacingOccurrences(of: "\"lyapunov_v\": 10}", with: "\"lyapunov_v\": 10, \"v2v\": true}")
            .replacingOccurrences(of: "\"partition\": [3, 4]}", with: "\"partition\": [3, 4], \"v2v\": [true, false]}")
        let bad = try VehicularTrace.decode(text, file: "v.json")
        #expect(throws: LabError.self) { try bad.replay(file: "v.json") }
        do { _ = try bad.replay(file: "v.json") } catch let error as LabError {
            #expect(error.description.contains("slots[0].v2v[0]") && error.description.contains("slot 0, vehicle 0"))
        }
        // Flags need the option.
        let noOption = ReplayTests.text.replacingOccurrences(of: "\"partition\": [3, 4]}", with: "\"partition\": [3, 4], \"v2v\": [false, false]}")
        #expect(throws: LabError.self) { try VehicularTrace.decode(noOption, file: "v.json") }
    }
}
