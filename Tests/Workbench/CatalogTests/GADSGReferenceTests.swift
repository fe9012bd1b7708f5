import Foundation
import Testing
import TestSupport
@testable import Catalog
import Notebook

/// Every test reference of the GADSG results is a certified optimum (issue 21, item 5): in every
/// committed `references.csv` under `Results/gadsg-*/` (this test reads committed files because the
/// claim is about them), and on freshly computed exact solutions.
@Suite struct GADSGReferenceTests {
    /// Every committed `references.csv` of a GADSG notebook, at any parameter folder depth.
    static func committedReferenceFiles() -> [URL] {
        let results = repositoryRoot(containing: #filePath).appendingPathComponent("Results")
        let notebooks = ((try? FileManager.default.contentsOfDirectory(at: results, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasPrefix("gadsg-") }
        return notebooks.flatMap { folder -> [URL] in
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            return (walker?.allObjects as? [URL] ?? []).filter { $0.lastPathComponent == "references.csv" }
        }.sorted { $0.path < $1.path }
    }

    @Test func everyCommittedReferenceIsCertified() throws {
        let files = Self.committedReferenceFiles()
        // The ablations notebook's quick profile is always committed; others join as they are run.
        #expect(files.contains { $0.path.hasSuffix("Results/gadsg-ablations/references.csv") }, "\(files.map(\.path))")
        for file in files {
            // The folder below Results/: `<notebook>` or `<notebook>/<params digest>`.
            let folder = file.deletingLastPathComponent().pathComponents.split(separator: "Results").last.map { $0.joined(separator: "/") } ?? ""
            let rows = try ResultsCSV(notebook: folder, testFile: #filePath).rows("references.csv")
            #expect(!rows.isEmpty, "\(file.path) has no rows")
            for r in rows {
                #expect(ResultsCSV.number(r, "certified_mean") == 1, "\(file.path): \(r)")
                #expect(ResultsCSV.number(r, "n") > 0, "\(file.path): \(r)")
            }
        }
    }

    @Test func freshExactSolutionsAreCertified() throws {
        // A small quick-profile-like set at each of the two smallest scales, both environment profiles.
        for (scale, profile) in [("gs2_gu4_au2", "balanced"), ("gs2_gu5_au3", "paper")] {
            let data = try BindingFixtures.call("laenet.dataset", ["scale": .string(scale), "count": .int(6), "profile": .string(profile),
                                                                   "seed": .int(3), "jointly_feasible": .bool(true)])
            let exact = try BindingFixtures.call("laenet.solve", ["dataset": data, "method": .string("exact"), "seed": .int(0)])
            guard case .table(let t) = try BindingFixtures.call("laenet.evaluate", ["dataset": data, "solutions": .list([exact]), "reference": exact]),
                  case .numbers(let certified) = try t.column("certified").data else {
                Issue.record("laenet.evaluate has a numeric certified column"); continue
            }
            #expect(certified.count == 6 && certified.allSatisfy { $0 == 1 }, "\(scale) \(profile): \(certified)")
        }
    }
}
