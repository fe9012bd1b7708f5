import Foundation
import LabCore
import Testing
@testable import AIGC

/// Algorithm B-1 against the baselines and the exhaustive optimum (docs/aigc.md §B.8 iii).
@Suite struct SolverTests {
    @Test func proposedIsNoWorseThanAnyBaselineOnEveryDrop() throws {
        for capacity in [40.0, 100.0, 200.0] {
            var p = AIGCParameters.default
            p.edgeCapacity = capacity
            for seed in UInt64(1)...6 {
                let drop = AIGCDrop.generate(seed: seed, users: 8, parameters: p)
                let proposed = try drop.solve(method: .proposed)
                #expect(proposed.feasible)
                for method in AIGCMethod.allCases where method != .proposed {
                    let other = try drop.solve(method: method)
                    guard other.reportedFeasible else { continue }
                    let slack = 1e-9 * abs(other.reported.objective)
                    if method == .exhaustive {
                        #expect(other.reported.objective <= proposed.costs.objective + slack)
                    } else {
                        #expect(proposed.costs.objective <= other.reported.objective + slack,
                                "S_tot \(capacity) seed \(seed): proposed \(proposed.costs.objective) > \(method) \(other.reported.objective)")
                    }
                }
            }
        }
    }

    @Test func proposedIsWithinOnePercentOfExhaustiveOnNinetyPercentOfFiftyDrops() throws {
        let summary = try AIGCGapSummary.compare(seeds: Array(UInt64(101)...150), users: 8)
        #expect(summary.gaps.count == 50)
        #expect(summary.gaps.allSatisfy { $0 >= -1e-12 })  // exhaustive is the optimum
        #expect(summary.withinOnePercent >= 0.9, "within 1%: \(summary.withinOnePercent), max gap \(summary.max)")
    }

    @Test func solutionsAreFeasibleIntegralAndSelfConsistent() throws {
        let drop = AIGCDrop.generate(seed: 5, users: 8)
        for method in [AIGCMethod.proposed, .scaRandStart, .allLocal, .allEdge, .exhaustive, .randOffOpt, .randInit] {
            let s = try drop.solve(method: method)
            #expect(s.feasible, "\(method): \(s.violations)")
            #expect(s.decision.count == 8)
            for n in 0..<8 {
                #expect(s.decision.localSteps[n] == s.decision.localSteps[n].rounded())
                #expect(s.decision.edgeSteps[n] == s.decision.edgeSteps[n].rounded())
                #expect(s.decision.offload[n] ? s.decision.localSteps[n] == 0 : s.decision.edgeSteps[n] == 0)
            }
            // The evaluator agrees with the solver's own objective bookkeeping.
            #expect(abs(AIGCEvaluation(s.decision, on: drop).costs.objective - s.costs.objective) < 1e-9)
            if let continuous = s.continuousObjective {
                // Whole steps cost a little, never much (1% here).
                #expect(s.costs.objective >= continuous - 1e-9 || method == .exhaustive)
                #expect(s.costs.objective <= continuous * 1.01 + 1e-9)
            }
        }
    }

    @Test func convergenceHistoryIsRecorded() throws {
        for capacity in [60.0, 100.0, 200.0] {
            let drop = AIGCDrop.generate(seed: 2, users: 8).with { $0.edgeCapacity = capacity }
            let s = try drop.solve(method: .proposed)
            #expect(s.history.count >= 2)
            #expect(s.history[0].iteration == 0 && s.history[0].penalty == 0)
            for (k, it) in s.history.enumerated() {
                #expect(it.iteration == k)
                #expect(it.offload.count == 8 && it.offload.allSatisfy { (0...1).contains($0) })
                #expect(abs(it.integralityGap - it.offload.reduce(0) { $0 + $1 * (1 - $1) }) < 1e-12)
            }
            let last = s.history.last!
            #expect(last.integralityGap < 1e-3)
            #expect(zip(last.offload, s.decision.offload).allSatisfy { ($0 >= 0.5) == $1 })
            // Penalty weights follow the schedule of docs/aigc.md §B.4.
            for k in 2..<s.history.count {
                #expect(abs(s.history[k].penalty - min(1.3 * s.history[k - 1].penalty, 100)) < 1e-12)
            }
            let columns = AIGCConvergence(s)
            #expect(columns.iteration == s.history.map(\.iteration))
            #expect(columns.offload.count == 8 && columns.offload.allSatisfy { $0.count == s.history.count })
            #expect(columns.integralityGap.last == last.integralityGap)
            // The relaxation start is a lower bound on the final continuous objective.
            #expect(try #require(s.history[0].objective) <= (s.continuousObjective ?? .infinity) + 1e-9)
        }
    }

    @Test func everySolverIsDeterministic() throws {
        let drop = AIGCDrop.generate(seed: 9, users: 8, parameters: .default)
        for method in AIGCMethod.allCases {
            #expect(try drop.solve(method: method) == drop.solve(method: method), "\(method)")
        }
        let a = try drop.solve(method: .randOffOpt, seed: 1)
        let b = try drop.solve(method: .randOffOpt, seed: 2)
        #expect(a.samples != b.samples)
    }

    @Test func expectedTrendsAlongEdgeCapacity() throws {
        // docs/aigc.md §B.8 (iii): as S_tot grows the error and the device energy fall; the proposed method has
        // lower error and energy than RandInit at every S_tot and lower time than All-Local.
        let points = AIGCSweep.edgeCapacity([40, 100, 200, 300])
        let records = try AIGCSweep.run(points: points, seeds: [1, 2, 3], methods: [.proposed, .randInit, .allLocal])
        #expect(records.count == 4 * 3 * 3)
        func mean(_ method: AIGCMethod, _ v: Double, _ key: KeyPath<AIGCRecord, Double>) -> Double {
            let rows = records.filter { $0.method == method.rawValue && $0.value == v }
            return rows.reduce(0) { $0 + $1[keyPath: key] } / Double(rows.count)
        }
        let values = [40.0, 100, 200, 300]
        for (lo, hi) in zip(values, values.dropFirst()) {
            #expect(mean(.proposed, hi, \.meanError) < mean(.proposed, lo, \.meanError))
            #expect(mean(.proposed, hi, \.energy) <= mean(.proposed, lo, \.energy) + 1e-9)
        }
        for v in values {
            #expect(mean(.proposed, v, \.meanError) < mean(.randInit, v, \.meanError))
            #expect(mean(.proposed, v, \.energy) < mean(.randInit, v, \.energy))
            #expect(mean(.proposed, v, \.meanTime) < mean(.allLocal, v, \.meanTime))
        }
        let csv = AIGCSweep.csv(records)
        #expect(csv.split(separator: "\n").count == records.count + 1)
        #expect(csv.hasPrefix(AIGCRecord.csvHeader))
    }

    @Test func allEdgeIsReportedInfeasibleWhenCapacityIsShort() throws {
        let drop = AIGCDrop.generate(seed: 1, users: 8).with { $0.edgeCapacity = 50 }
        let s = try drop.solve(method: .allEdge)
        #expect(!s.feasible)
        #expect(s.violations.contains { $0.constraint == .edgeCapacity })
    }

    @Test func exhaustiveRefusesHugeDrops() {
        let drop = AIGCDrop.generate(seed: 1, users: AIGCExhaustiveSolver.maxUsers + 1)
        #expect(throws: LabError.self) { try drop.solve(method: .exhaustive) }
    }

    @Test func solutionJSONRoundTrips() throws {
        let drop = AIGCDrop.generate(seed: 4, users: 6)
        let s = try drop.solve(method: .proposed)
        let data = try s.encoded()
        #expect(try AIGCDecision.decode(data, file: "s.json", users: 6) == s.decision)
        let object = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        #expect(object["format"]?.string == "aigc-solution/1" && object["history"]?.array?.count == s.history.count)
    }
}

@Test func runtimeRowsCoverEveryDrop() throws {
    let row = try AIGCRuntime.measure(.proposed, users: 6, seeds: [1, 2], repeats: 2)
    #expect(row.milliseconds.count == 2 && row.milliseconds.allSatisfy { $0 > 0 })
    #expect(row.iterations.count == 2 && row.iterations.allSatisfy { $0 >= 1 })
    #expect(AIGCRuntime.median([3, 1, 2]) == 2 && AIGCRuntime.median([4, 1, 2, 3]) == 2.5)
}
