import Foundation
import LabCore
import Testing
@testable import AIGC

/// Drops, JSON and the evaluator.
@Suite struct ModelTests {
    @Test func dropsAreDeterministicPairedAndInRange() {
        let a = AIGCDrop.generate(seed: 7, users: 8)
        let b = AIGCDrop.generate(seed: 7, users: 8)
        let c = AIGCDrop.generate(seed: 8, users: 8)
        let wide = AIGCDrop.generate(seed: 7, users: 12)
        var p = AIGCParameters.default
        p.edgeCapacity = 300
        let swept = AIGCDrop.generate(seed: 7, users: 8, parameters: p)
        #expect(a == b)
        #expect(a.users != c.users)
        #expect(Array(wide.users.prefix(8)) == a.users)
        #expect(swept.users == a.users)
        for u in wide.users {
            #expect((1.5e9...2.5e9).contains(u.maxFrequency))
            #expect((1.0...4.0).contains(u.battery))
            #expect((100.0...400.0).contains(u.distance))
            #expect((8e3...80e3).contains(u.promptBits))
            #expect((1e6...4e6).contains(u.imageBits))
        }
    }

    @Test func calibrationFactsOfTheBrief() {
        // docs/aigc.md §B.2: D_n ≈ 0.19–0.62 s, e_tx ≲ 3 mJ, f* = 1.71 GHz, a local step costs 0.088 s and 0.044 J.
        let p = AIGCParameters.default
        #expect(abs(p.unconstrainedFrequency - 1.71e9) < 0.01e9)
        let f = p.unconstrainedFrequency
        #expect(abs(p.cyclesPerStep / f - 0.088) < 0.001)
        #expect(abs(p.capacitance * p.cyclesPerStep * f * f - 0.044) < 0.001)
        for seed in UInt64(1)...3 {
            for u in AIGCDrop.generate(seed: seed).users {
                #expect(u.offloadLatency(p) > 0.1 && u.offloadLatency(p) < 0.8)
                #expect(u.transmitEnergy(p) < 3.1e-3)  // docs/aigc.md §B.2 rounds the worst case (80 kbit at 400 m: 3.02 mJ) to 3 mJ
            }
        }
    }

    @Test func dropJSONRoundTrips() throws {
        let drop = AIGCDrop.generate(seed: 3, users: 5)
        let back = try AIGCDrop.decode(try drop.encoded(), file: "d.json")
        #expect(back == drop)
        #expect(String(decoding: try drop.encoded(), as: UTF8.self).contains("\"format\": \"aigc-drop/1\""))
    }

    /// Drops are written by LabCore's deterministic JSON: keys sorted, the same bytes every time.
    @Test func dropFilesAreDeterministicJSONValue() throws {
        let drop = AIGCDrop.generate(seed: 3, users: 2)
        let text = String(decoding: try drop.encoded(), as: UTF8.self)
        #expect(text == drop.json.serialized(pretty: true) + "\n")
        let keys = try #require(JSONValue.parse(text)["parameters"]).serialized().split(separator: ",").count
        #expect(keys == 20)
        let decision = AIGCDecision(count: 2)
        #expect(try AIGCDecision.decode(try decision.encodedFile(), file: "d.json", users: 2) == decision)
    }

    /// Huge or non-finite values are errors naming the field, never traps.
    @Test(arguments: [("\"battery\": ", "1e400", "not valid JSON"), ("\"seed\": ", "1e300", "seed"),
                      ("\"seed\": ", "1.5", "seed"), ("\"edgeCapacity\": ", "\"many\"", "parameters.edgeCapacity")])
    func hostileNumbersInDropsNameTheField(_ key: String, _ value: String, _ field: String) throws {
        let good = String(decoding: try AIGCDrop.generate(seed: 1, users: 2).encoded(), as: UTF8.self)
        let start = try #require(good.range(of: key)).upperBound
        let end = good[start...].firstIndex { ",\n".contains($0) }!
        let data = Data(good.replacingCharacters(in: start..<end, with: value).utf8)
        #expect(throws: LabError.self) { try AIGCDrop.decode(data, file: "d.json") }
        do { _ = try AIGCDrop.decode(data, file: "d.json") } catch let error as LabError {
            #expect(error.code == .invalidInput && error.description.contains(field), "\(error)")
        }
    }

    @Test func tooManyUsersAreRefused() throws {
        let users = String(repeating: "{\"battery\": 1, \"distance\": 1, \"imageBits\": 1, \"maxFrequency\": 1, \"promptBits\": 1},", count: AIGCDrop.maximumUsers + 1).dropLast()
        let good = String(decoding: try AIGCDrop.generate(seed: 1, users: 1).encoded(), as: UTF8.self)
        let head = good[..<good.range(of: "\"users\": [")!.upperBound]
        let data = Data((head + users + "]}").utf8)
        do {
            _ = try AIGCDrop.decode(data, file: "d.json")
            Issue.record("should be refused")
        } catch let error as LabError {
            #expect(error.message.contains("at most \(AIGCDrop.maximumUsers)"), "\(error)")
        }
    }

    /// Two users by hand (numbers from the formulas of docs/aigc.md §B.2, worked with a calculator):
    /// user 0 local, 20 steps in 2 s: f = 1.5 GHz, E = κc³s³/t² = 1e-28·3.375e24·8000/4 = 0.675 J,
    /// ε = e^{−1} = 0.367879, U = 0.1·ln 21 = 0.304452, cost = 2 + 3.678794 + 0.675 − 0.304452 = 6.049342.
    /// User 1 at 1 km offloads 40 steps: g = 10^{−12.81}, r_up = 2.024894 Mbit/s, r_dl = 3.150145 Mbit/s,
    /// D = 50e3/r_up + 2e6/r_dl = 0.659584 s, e_tx = 0.2·50e3/r_up = 4.93853 mJ,
    /// T = 0.659584 + 0.8 = 1.459584 s, ε = e^{−2.4} = 0.090718, U = 0.1·ln 41 = 0.371357, cost = 2.000345.
    @Test func evaluatorHandWorkedExample() {
        let drop = AIGCDrop(users: [
            AIGCUser(maxFrequency: 2e9, battery: 1, distance: 200, promptBits: 1e4, imageBits: 1e6),
            AIGCUser(maxFrequency: 2e9, battery: 1, distance: 1000, promptBits: 50e3, imageBits: 2e6),
        ])
        let decision = AIGCDecision(offload: [false, true], localSteps: [20, 0], edgeSteps: [0, 40], localTime: [2, 0])
        let e = AIGCEvaluation(decision, on: drop, integerSteps: true)
        #expect(e.feasible)
        #expect(abs(e.perUser[0].energy - 0.675) < 1e-12)
        #expect(abs(e.perUser[0].cost - 6.049342167942081) < 1e-9)
        #expect(abs(e.perUser[1].time - 1.4595841585288154) < 1e-9)
        #expect(abs(e.perUser[1].energy - 0.004938530019194318) < 1e-12)
        #expect(abs(e.perUser[1].cost - 2.000345014771704) < 1e-9)
        #expect(abs(e.costs.objective - 8.049687182713786) < 1e-9)
        #expect(abs(e.costs.error - 0.45859739446085485) < 1e-12)
        #expect(abs(e.costs.meanTime - 3.4595841585288154 / 2) < 1e-12)
        #expect(abs(decision.frequencies(drop.parameters)[0] - 1.5e9) < 1)
    }

    @Test func evaluatorNamesEveryViolatedConstraint() {
        var p = AIGCParameters.default
        p.edgeCapacity = 50
        let users = (0..<3).map { _ in AIGCUser(maxFrequency: 2e9, battery: 1, distance: 200, promptBits: 1e4, imageBits: 1e6) }
        let drop = AIGCDrop(parameters: p, users: users)
        // User 0: 30 local steps in 1.5 s → f = 3 GHz > f_max (C6), E = 1e-28·3.375e24·27000/2.25 = 4.05 J > 1 J (C2).
        // User 1: offloaded with 160 edge steps: > S_E (C4), time > 3 s (C1); user 2: 5.5 local steps (C7, integer).
        let d = AIGCDecision(offload: [false, true, false], localSteps: [30, 0, 5.5], edgeSteps: [0, 160, 0], localTime: [1.5, 0, 1])
        let e = AIGCEvaluation(d, on: drop, integerSteps: true)
        let named = Set(e.violations.map { "\($0.constraint.rawValue)@\($0.user.map(String.init) ?? "all")" })
        #expect(named == ["C6-max-frequency@0", "C2-battery@0", "C4-edge-step-limit@1", "C1-deadline@1",
                          "C7-min-steps@2", "integer-steps@2", "C5-edge-capacity@all"])
        let c2 = e.violations.first { $0.constraint == .battery }!
        #expect(abs(c2.excess - 3.05) < 1e-9)
        #expect(!AIGCEvaluation(AIGCDecision(count: 2), on: drop).feasible)  // wrong shape
        #expect(AIGCEvaluation(AIGCDecision(count: 2), on: drop).violations.map(\.constraint) == [.shape])
    }

    @Test(arguments: [
        ("{\"format\":\"aigc-drop/2\"}", "format"),
        ("not json", "not valid JSON"),
        ("BATTERY_MISSING", "users[1].battery"),
        ("BATTERY_STRING", "users[0].battery"),
        ("NEGATIVE_DEADLINE", "parameters.deadline"),
        ("ZERO_DISTANCE", "users[2].distance"),
        ("NO_USERS", "users"),
    ])
    func badDropFilesAreInvalidInputNamingTheField(mutation: String, field: String) throws {
        let drop = AIGCDrop.generate(seed: 1, users: 3)
        var object = try JSONSerialization.jsonObject(with: try drop.encoded()) as! [String: Any]
        var users = object["users"] as! [[String: Any]]
        var parameters = object["parameters"] as! [String: Any]
        var data: Data
        switch mutation {
        case "BATTERY_MISSING": users[1].removeValue(forKey: "battery")
        case "BATTERY_STRING": users[0]["battery"] = "lots"
        case "NEGATIVE_DEADLINE": parameters["deadline"] = -3
        case "ZERO_DISTANCE": users[2]["distance"] = 0
        case "NO_USERS": users = []
        default: break
        }
        object["users"] = users
        object["parameters"] = parameters
        data = try JSONSerialization.data(withJSONObject: object)
        if mutation.hasPrefix("{") || mutation == "not json" {
            data = Data((mutation.hasPrefix("{") ? String(decoding: try drop.encoded(), as: UTF8.self)
                .replacingOccurrences(of: "aigc-drop/1", with: "aigc-drop/2") : mutation).utf8)
        }
        do {
            _ = try AIGCDrop.decode(data, file: "bad.json")
            Issue.record("decoding should have failed for \(mutation)")
        } catch let error as LabError {
            #expect(error.code == .invalidInput)
            #expect(error.code.exitCode == 2)
            #expect(error.description.contains("bad.json:"))
            #expect(error.message.contains(field), "\(error.message) should name \(field)")
        }
    }
}
