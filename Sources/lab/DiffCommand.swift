import ArgumentParser
import Catalog
import LabCore
import Notebook
import Store

/// `lab diff RUN_A RUN_B`: what differs between two runs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs: the parameters that differ, then each output that differs.",
        discussion: """
        Run ids are those `lab runs` lists (12 or #12). Outputs are matched by binding name; identical
        values are counted, not shown. Numbers are shown as A → B with the delta, tables side by side
        (unchanged columns once, changed ones as `col A`, `col B` and `Δ col`), figures by name.
        Exit codes: 0 ok (whether or not the runs differ); 2 an unknown run id; 4 the store cannot be read; 5 a stored value is corrupt.
        """)

    @Argument(help: "The first run (A).")
    var runA: String

    @Argument(help: "The second run (B).")
    var runB: String

    @OptionGroup var location: StoreLocationOptions

    @Option(help: "At most this many rows of each table.")
    var rows: Int = 20

    func run() throws {
        try reportingErrors {
            let a = try parseRunID(runA), b = try parseRunID(runB)
            guard rows > 0 else { throw LabError(.invalidInput, "--rows \(rows): give a positive number of rows") }
            let db = try location.open(readOnly: true)
            var notebooks: [String: Notebook?] = [:]
            let comparison = try RunComparison.compare(a, b, in: db, libraryTypes: Catalog.standard.libraryTypes) { run in
                if notebooks[run.notebookPath] == nil { notebooks[run.notebookPath] = RunsCommand.parse(run.notebookPath) }
                return (notebooks[run.notebookPath] ?? nil)?.parameters(of: run) ?? run.parameters
            }
            print(comparison.rendered(tableRows: rows))
        }
    }
}
