import Foundation
import Testing
import TestSupport

/// Checks the claims the README makes about the GADSG reproduction against the tables the full
/// profile exported to `Results/gadsg-*/` (regenerate them with `Scripts/reproduce-gadsg.sh full`).
/// Nothing here is a hard-coded result: every number comes from the CSV files or the README.
@Suite struct GADSGResultsTests {
    static let tables = ResultsCSV(notebook: "gadsg-tables", testFile: #filePath)
    static let generalization = ResultsCSV(notebook: "gadsg-generalization", testFile: #filePath)
    static let convergence = ResultsCSV(notebook: "gadsg-convergence", testFile: #filePath)
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The README's method column names and the method ids in the CSV files.
    static let methodIDs = ["RE": "random", "AO": "ao", "GRLO": "grlo", "GDSG": "gdsg", "GADSG": "gadsg", "MCMF": "mcmf", "DiGNN": "dignn"]

    /// `summary.csv` as [profile][scale][method] → row.
    static func summary() throws -> [String: [String: [String: [String: String]]]] {
        var out: [String: [String: [String: [String: String]]]] = [:]
        for r in try tables.rows("summary.csv") { out[r["profile"]!, default: [:]][r["scale"]!, default: [:]][r["method"]!] = r }
        return out
    }

    static func value(_ row: [String: String]?, _ key: String) -> Double { row.map { ResultsCSV.number($0, key) } ?? .nan }

    /// Both environment profiles, all eight paper scales, all seven methods, three seeds each.
    @Test func theFullProfileCoversEveryScaleMethodAndSeed() throws {
        let s = try Self.summary()
        #expect(Set(s.keys) == ["paper", "balanced"])
        for (profile, scales) in s {
            #expect(scales.count == 8, "\(profile): \(scales.count) scales")
            for (scale, methods) in scales {
                #expect(Set(methods.keys) == Set(Self.methodIDs.values), "\(profile) \(scale): \(methods.keys.sorted())")
                for (m, r) in methods { #expect(Self.value(r, "seeds") == 3, "\(profile) \(scale) \(m)") }
            }
        }
    }

    /// The reference is a certified optimum, so no method can come out below it.
    @Test func noRatioFallsBelowTheCertifiedOptimum() throws {
        for r in try Self.tables.rows("per_seed.csv") {
            #expect(ResultsCSV.number(r, "ratio_min") >= 1 - 1e-9, "\(r)")
        }
    }

    /// Every number in the README's result tables is the CSV value rounded to 3 decimals.
    @Test func readmeTablesMatchTheExportedResults() throws {
        let s = try Self.summary()
        let lines = try String(contentsOf: Self.readme, encoding: .utf8).components(separatedBy: "\n")
        var checked = Set<String>()
        for (i, line) in lines.enumerated() where line.hasPrefix("<!-- results: notebook=gadsg-tables ") {
            let fields = Dictionary(uniqueKeysWithValues: line.split(separator: " ").compactMap { part -> (String, String)? in
                let kv = part.split(separator: "=", maxSplits: 1)
                return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
            })
            let profile = try #require(fields["profile"]), metric = try #require(fields["metric"])
            checked.insert("\(profile)/\(metric)")
            let header = lines[i + 1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            var rowCount = 0
            for row in lines[(i + 3)...].prefix(while: { $0.hasPrefix("|") }) {
                let cells = row.split(separator: "|").map { $0.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces) }
                let scale = cells[0].replacingOccurrences(of: " †", with: "")
                rowCount += 1
                for (name, cell) in zip(header.dropFirst(), cells.dropFirst()) {
                    let method = try #require(Self.methodIDs[name], "unknown column \(name)")
                    let parts = cell.components(separatedBy: " ± ").compactMap(Double.init)
                    try #require(parts.count == 2, "cell `\(cell)` is not `mean ± std`")
                    let row = s[profile]?[scale]?[method]
                    #expect(Swift.abs(parts[0] - Self.value(row, metric)) <= 5e-4 + 1e-9, "\(profile) \(scale) \(name) \(metric): README \(parts[0]), CSV \(Self.value(row, metric))")
                    #expect(Swift.abs(parts[1] - Self.value(row, metric + "_std")) <= 5e-4 + 1e-9, "\(profile) \(scale) \(name) \(metric)_std")
                }
            }
            #expect(rowCount == 8, "\(profile)/\(metric): \(rowCount) rows")
        }
        #expect(checked == ["paper/ratio", "paper/accuracy", "balanced/ratio", "balanced/accuracy"])
    }

    /// Balanced profile: GADSG < GDSG < AO < RE in average cost ratio on every scale, GRLO < AO on
    /// every scale, GDSG < GRLO on the four training scales, and GADSG below the MCMF labels it
    /// was trained on everywhere.
    @Test func balancedProfileOrdering() throws {
        let balanced = try #require(try Self.summary()["balanced"])
        for (scale, m) in balanced {
            let r = { (id: String) in Self.value(m[id], "ratio") }
            #expect(r("gadsg") < r("gdsg") && r("gdsg") < r("ao") && r("ao") < r("random"), "\(scale)")
            #expect(r("grlo") < r("ao"), "\(scale)")
            #expect(r("gadsg") < r("mcmf"), "\(scale): GADSG \(r("gadsg")) vs its labels \(r("mcmf"))")
            #expect(r("gadsg") < r("dignn"), "\(scale)")
            if m["gadsg"]?["trained_on"] == scale { #expect(r("gdsg") < r("grlo"), "\(scale)") }
            let a = { (id: String) in Self.value(m[id], "accuracy") }
            #expect(a("gadsg") > a("gdsg") && a("gdsg") > a("ao") && a("ao") > a("random"), "\(scale) accuracy")
        }
    }

    /// Paper profile: GADSG ≤ GDSG on every scale, AO < GRLO on every scale, RE ≥ 2 and every
    /// other method within 1.11 of the optimum.
    @Test func paperProfileOrdering() throws {
        let paper = try #require(try Self.summary()["paper"])
        for (scale, m) in paper {
            let r = { (id: String) in Self.value(m[id], "ratio") }
            #expect(r("gadsg") <= r("gdsg"), "\(scale)")
            #expect(r("ao") < r("grlo"), "\(scale)")
            #expect(r("random") >= 2, "\(scale)")
            for (id, row) in m where id != "random" { #expect(Self.value(row, "ratio") < 1.11, "\(scale) \(id)") }
        }
    }
}
