import Foundation
import Testing
@testable import Notebook

/// Golden error messages for malformed notebooks in `Malformed/`.
///
/// Each `NN-name.md` has a `NN-name.expected` with the exact rendered diagnostics (location,
/// message, source line, caret). Run with `NOTEBOOK_RECORD=1` to rewrite the expected files on
/// purpose, then review the diff.
@Suite struct MalformedNotebookTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Malformed")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test func thereAreAtLeastTwentyCases() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases) func diagnosticMatchesGolden(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).md"), encoding: .utf8)
        let rendered = try #require(diagnose(text, path: "\(name).md"), "\(name) should be rejected")
        let expectedURL = Self.directory.appendingPathComponent("\(name).expected")
        if ProcessInfo.processInfo.environment["NOTEBOOK_RECORD"] != nil {
            try (rendered + "\n").write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(rendered + "\n" == expected)
    }
}
