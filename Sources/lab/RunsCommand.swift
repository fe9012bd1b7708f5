import ArgumentParser
import Foundation
import LabCore
import Notebook
import Store

/// `lab runs [NB]`: the runs of a notebook (or of every notebook) recorded in the store.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs of a notebook: id, time, parameters, commit, outcome and duration.",
        discussion: """
        One line per run, newest first: `#id  start (UTC)  outcome (cells ran/cached/failed)  duration  commit[+dirty]  parameters`.
        Parameters are those that differ from the notebook's defaults (`defaults` when none do).
        Without NB, the runs of every notebook, each with its path. Compare two with `lab diff A B`.
        Exit codes: 0 ok; 2 a bad argument; 4 the store cannot be read.
        """)

    @Argument(help: "The notebook whose runs to list (default: every notebook's).")
    var notebook: String?

    @OptionGroup var location: StoreLocationOptions

    @Option(help: "At most this many runs.")
    var limit: Int = 50

    func run() throws {
        try reportingErrors {
            guard limit > 0 else { throw LabError(.invalidInput, "--limit \(limit): give a positive number of runs") }
            let db = try location.open(readOnly: true)
            let runs: [RunRecord]
            if let notebook {
                let wanted = ProjectRoot.notebookIdentity(notebook)
                runs = Array(try db.recentRuns(limit: 100_000).filter { ProjectRoot.sameNotebook(recorded: $0.notebookPath, identity: wanted) }.prefix(limit))
                if runs.isEmpty { print("No runs of \(notebook) in \(db.path).") }
            } else {
                runs = try db.recentRuns(limit: limit)
                if runs.isEmpty { print("No runs in \(db.path).") }
            }
            var notebooks: [String: Notebook?] = [:]
            for r in runs {
                if notebooks[r.notebookPath] == nil { notebooks[r.notebookPath] = RunsCommand.parse(r.notebookPath) }
                let nb = notebooks[r.notebookPath] ?? nil
                print(RunsCommand.line(r, executions: try db.executions(ofRun: r.id), parameters: nb?.parameters(of: r) ?? r.parameters,
                                       showPath: notebook == nil))
            }
        }
    }

    /// The notebook a run recorded as `path` (relative to the project root) names, if it can
    /// still be read and parsed (to rebuild old runs' parameters).
    static func parse(_ path: String) -> Notebook? {
        let file = path.hasPrefix("/") ? path : ProjectRoot.path(path, under: ProjectRoot.current())
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return try? Notebook.parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// One run as a line of `lab runs`.
    static func line(_ r: RunRecord, executions: [ExecutionRecord], parameters: RunParameters?, showPath: Bool) -> String {
        let stopped = executions.filter { $0.error?.code == RunPosition.interruptedCode }.count
        let counts = Dictionary(grouping: executions.filter { $0.error?.code != RunPosition.interruptedCode }, by: \.outcome).mapValues(\.count)
        let cells = ([(ExecutionOutcome.ran, "ran"), (.resumed, "resumed"), (.hit, "cached"), (.failed, "failed")]
            .compactMap { o, word in counts[o].map { "\($0) \(word)" } } + (stopped > 0 ? ["\(stopped) stopped"] : [])).joined(separator: ", ")
        let outcome = r.status.rawValue + (cells.isEmpty ? "" : " (\(cells))")
        let duration = r.finishedAt.map { ProgressDisplay.duration($0 - r.startedAt) } ?? (r.status == .running ? "running or killed" : "?")
        let commit = r.environment.gitCommit.map { String($0.prefix(10)) + (r.environment.gitDirty == true ? "+dirty" : " clean") } ?? "no git"
        let params = parameters?.changedSummary ?? "parameters not recorded"
        return "#\(r.id)  \(formatTime(r.startedAt))  \(outcome)  \(duration)  \(commit)  \(params)" + (showPath ? "  \(r.notebookPath)" : "")
    }
}

/// Parses a run id as typed: `12` or `#12`.
func parseRunID(_ text: String) throws -> Int64 {
    let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
    guard let id = Int64(digits), id > 0 else {
        throw LabError(.invalidInput, "`\(text)` is not a run id: give the number `lab runs` shows, e.g. 12 or #12")
    }
    return id
}
