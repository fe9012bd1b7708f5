import Foundation
import Notebook
import Synchronization
import Testing
@testable import Catalog

/// The progress line counts the calls a comprehension makes once its list is known.
@Suite struct ProgressCountTests {
    @Test func aComprehensionOfTrainingsCountsItsCallsNotAQuestionMark() throws {
        let s = try Scratch()
        let written = Mutex<[String]>([])
        let display = ProgressDisplay(mode: .lines(interval: 0), write: { text in written.withLock { $0.append(text) } })
        let nb = try Notebook.parse("""
        ```lab id=c
        fits = [learning.function_fit(steps: 40, seed: k, checkpoint_every: 20) for k in [1, 2]]
        ```
        """, path: "nb.md")
        let runner = try Runner(notebook: nb, catalog: Catalog.standard, database: s.database, display: display, environment: Scratch.environment)
        _ = try runner.run(RunOptions())
        let lines = written.withLock { $0 }.joined()
        #expect(lines.contains("c › learning.function_fit 1/2") && lines.contains("c › learning.function_fit 2/2"), "\(lines)")
        #expect(!lines.contains("/?"), "\(lines)")
    }
}
