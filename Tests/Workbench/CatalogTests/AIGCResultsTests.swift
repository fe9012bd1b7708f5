import Foundation
import Testing
import TestSupport

/// Checks the claims of docs/aigc.md §B.8 (iii) on the results `Notebooks/aigc-quality-control.md`
/// exported to `Results/aigc-quality-control/` (regenerate them with `lab run` on that notebook).
/// Nothing here is a hard-coded result: every number comes from the CSV files.
@Suite struct AIGCResultsTests {
    static let results = ResultsCSV(notebook: "aigc-quality-control", testFile: #filePath)

    /// Rows of an exported CSV file as dictionaries.
    static func rows(_ name: String) throws -> [[String: String]] { try results.rows(name) }

    static func number(_ row: [String: String], _ key: String) -> Double { ResultsCSV.number(row, key) }

    @Test func proposedIsAtMostEveryBaselineOnEveryDrop() throws {
        let edge = try Self.rows("edge.csv")
        #expect(!edge.isEmpty)
        let groups = Dictionary(grouping: edge) { "\($0["value"]!)/\($0["seed"]!)" }
        for (point, rows) in groups {
            guard let proposed = rows.first(where: { $0["method"] == "proposed" }) else {
                Issue.record("no proposed row at \(point)")
                continue
            }
            let p = Self.number(proposed, "objective")
            for r in rows where r["method"] != "proposed" && r["method"] != "exhaustive" && Self.number(r, "feasible") == 1 {
                let b = Self.number(r, "objective")
                #expect(p <= b + 1e-9 * Swift.abs(b), "\(point): proposed \(p) > \(r["method"]!) \(b)")
            }
        }
    }

    @Test func withinOnePercentOfExhaustiveOnAtLeast90PercentOfDrops() throws {
        let gaps = try Self.rows("gap_per_drop.csv")
        #expect(gaps.count >= 50)
        let within = gaps.filter { Self.number($0, "within_1pct") == 1 }.count
        #expect(Double(within) >= 0.9 * Double(gaps.count), "\(within) of \(gaps.count) within 1%")
        for g in gaps { #expect(Self.number(g, "gap") >= -1e-9, "proposed beat exhaustive: \(g)") }
    }

    /// Mean over drops of `column` for `method`, by S_tot in increasing order.
    static func curve(_ rows: [[String: String]], _ method: String, _ column: String) -> [(Double, Double)] {
        let mine = rows.filter { $0["method"] == method && number($0, "feasible") == 1 }
        let byPoint = Dictionary(grouping: mine) { number($0, "value") }
        return byPoint.keys.sorted().map { v in (v, byPoint[v]!.map { number($0, column) }.reduce(0, +) / Double(byPoint[v]!.count)) }
    }

    /// The objective and the device energy never rise with more edge budget, and the error ends
    /// lower than it starts. docs/aigc.md §B.8 also claims the error falls monotonically; on this grid it
    /// does not quite (it ticks up where one more user starts to offload and the offloaded users
    /// share the budget more thinly), which the notebook reports. This test pins what holds.
    @Test func objectiveAndEnergyFallAsTheEdgeBudgetGrows() throws {
        let edge = try Self.rows("edge.csv")
        let objective = Self.curve(edge, "proposed", "objective"), energy = Self.curve(edge, "proposed", "energy")
        let error = Self.curve(edge, "proposed", "mean_error")
        #expect(objective.count >= 5)
        for (a, b) in zip(objective, objective.dropFirst()) { #expect(b.1 <= a.1 + 1e-9, "objective rose from S_tot \(a.0) to \(b.0): \(a.1) → \(b.1)") }
        for (a, b) in zip(energy, energy.dropFirst()) { #expect(b.1 <= a.1 + 1e-12, "energy rose from S_tot \(a.0) to \(b.0): \(a.1) → \(b.1)") }
        #expect(error.last!.1 < error.first!.1 && energy.last!.1 < energy.first!.1)
    }

    /// Where the mean error does rise between neighbouring budgets, more users offload there.
    @Test func errorRisesOnlyWhereMoreUsersOffload() throws {
        let edge = try Self.rows("edge.csv")
        let error = Self.curve(edge, "proposed", "mean_error"), offloaded = Dictionary(uniqueKeysWithValues: Self.curve(edge, "proposed", "offloaded"))
        for (a, b) in zip(error, error.dropFirst()) where b.1 > a.1 {
            #expect(offloaded[b.0]! > offloaded[a.0]!, "error rose from S_tot \(a.0) to \(b.0) without more offloading")
        }
    }

    @Test func proposedBeatsRandInitAndAllLocalWhereTheBriefSays() throws {
        let edge = try Self.rows("edge.csv")
        let pairs: [(String, String)] = [("rand-init", "mean_error"), ("rand-init", "energy"), ("all-local", "mean_time")]
        for (baseline, column) in pairs {
            let mine = Dictionary(uniqueKeysWithValues: Self.curve(edge, "proposed", column))
            for (v, theirs) in Self.curve(edge, baseline, column) {
                #expect(mine[v]! < theirs, "S_tot \(v): proposed \(column) \(mine[v]!) is not below \(baseline)'s \(theirs)")
            }
        }
    }
}
