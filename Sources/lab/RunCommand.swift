import ArgumentParser
import Foundation
import Catalog
import LabCore
import Notebook
import Store

/// `lab run`: runs the stale cells of a notebook and prints their outputs.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's stale cells in dependency order.",
        discussion: """
        A cell is cached when its key (code, inputs, parameters, functions) is in the store. \
        --force CELL re-runs its code but takes the memoised calls it makes (trainings, datasets) from the store; \
        --recompute CELL also recomputes those calls, discarding their checkpoints (a fresh training); \
        `lab cache forget KEY` drops one memoised call so the next run recomputes only it.

        Cached cells come from the store; figures go to Figures/<notebook>/<name>.{png,pdf,svg} and
        tables to Results/<notebook>/<name>.csv (with a .csv.provenance.json sidecar). With --param
        values other than the defaults, they go to Figures/<notebook>/<params-digest>/ and
        Results/<notebook>/<params-digest>/, each with a params.json. Files already current are not rewritten.
        Exit codes: 0 ok; when cells failed (their dependents are blocked, independent cells still run)
        the failed cells' common error code (2 a bad argument, 6 a diverging run, …), or 1 when they differ;
        2 usage or static error (nothing runs, no store is created), 3 refused or an output folder is unusable,
        4 the store (or the disk) refused a write, 5 the store is damaged; 1 also after Ctrl-C, which prints
        where the run stopped and the checkpoint step the next `lab run` resumes from (`lab status` lists them).
        """
    )

    @OptionGroup var options: NotebookOptions
    @OptionGroup var blas: BLASOptions

    @Option(help: "Run only this cell (and the cells it needs).")
    var cell: String?

    @Option(help: "Run this cell, everything downstream of it, and what those need.")
    var from: String?

    @Option(help: ArgumentHelp("Re-run this cell's code even if cached, reusing its memoised calls (repeatable).",
                               discussion: "Trainings and other memoised calls the cell makes come from the store; use --recompute to redo them."))
    var force: [String] = []

    @Option(help: ArgumentHelp("Re-run this cell and recompute the memoised calls it makes (repeatable).",
                               discussion: "Trainings start afresh: their checkpoints are discarded first."))
    var recompute: [String] = []

    @Flag(help: "Recompute every cell and every memoised call.")
    var forceAll = false

    @Flag(help: "Show what would run; run and write nothing.")
    var dryRun = false

    @Flag(help: "No progress bar.")
    var quiet = false

    @Flag(help: "Write no figure or table files: only fill the store (e.g. a partial sweep whose files another run writes).")
    var noExports = false

    func run() throws {
        try notebookCommand {
            blas.apply()
            let notebook = try options.load()
            let params = try options.check(notebook)
            let folders = try notebook.outputFolders(params: params)
            let database = try options.openStore()
            let display = quiet ? ProgressDisplay(mode: .quiet) : ProgressDisplay.automatic()
            let runner = try options.runner(database: database, display: display, notebook: notebook)
            var o = RunOptions()
            o.overrides = try options.overrides()
            o.only = cell
            o.from = from
            o.force = Set(force)
            o.recompute = Set(recompute)
            o.forceAll = forceAll
            o.dryRun = dryRun
            o.exports = dryRun || noExports ? nil : folders
            o.exportBase = options.root
            o.argv = CommandLine.arguments
            let start = Date()
            let interruption = dryRun ? nil : Interruption(runner: runner, display: display, notebook: notebook.path, storePath: options.storePath)
            defer { interruption?.remove() }
            let report = try runner.run(o)
            for r in report.cells where r.outcome != .skipped { print(RunCommand.describe(r)) }
            let counts = Dictionary(grouping: report.cells, by: \.outcome).mapValues(\.count)
            let summary = [CellResult.Outcome.ran, .resumed, .hit, .stale, .failed, .blocked].compactMap { o in counts[o].map { "\($0) \(o.rawValue)" } }
            if folders.paramsDigest != nil && !noExports {
                let (figures, results) = (ProjectRoot.path(folders.figures, under: options.root), ProjectRoot.path(folders.results, under: options.root))
                print("\nthese parameters (not the defaults) \(dryRun ? "would write" : "write") to \(figures)/ and \(results)/, with params.json")
            }
            print("\n\(notebook.path): \(summary.joined(separator: ", ")) in \(ProgressDisplay.duration(Date().timeIntervalSince(start)))")
            let bad = report.cells.filter { $0.outcome == .failed || $0.outcome == .blocked }.count
            if bad > 0 { throw NotebookFailure.cellsFailed(bad, code: RunCommand.exitCode(of: report.cells)) }
        }
    }

    /// The exit code of a run in which cells failed: the failed cells' common error code when they
    /// all share one (2 for an argument out of range at run time, 6 for a diverging training, …),
    /// otherwise 1.
    ///
    /// Blocked cells do not count: they failed because a cell they need did.
    static func exitCode(of cells: [CellResult]) -> Int32 {
        let codes = Set(cells.filter { $0.outcome == .failed }.map { $0.error?.code.exitCode ?? 1 })
        return codes.count == 1 ? codes.first! : 1
    }

    static func describe(_ r: CellResult) -> String {
        let mark: String
        switch r.outcome {
        case .ran: mark = "✓ \(r.id)  ran in \(ProgressDisplay.duration(r.seconds))"
        case .resumed: mark = "✓ \(r.id)  resumed from a checkpoint, \(ProgressDisplay.duration(r.seconds))"
        case .hit: mark = "· \(r.id)  cached"
        case .stale: mark = "○ \(r.id)  would run"
        case .failed: mark = "✗ \(r.id)  failed after \(ProgressDisplay.duration(r.seconds))"
        case .blocked: mark = "✗ \(r.id)  blocked"
        case .skipped: mark = "  \(r.id)  skipped"
        }
        var lines = [mark]
        for note in r.notes { lines.append("    note: " + note) }
        if let e = r.error { lines.append("    " + e.description.replacingOccurrences(of: "\n", with: "\n    ")) }
        if let out = r.output { lines.append("    " + out.summary.replacingOccurrences(of: "\n", with: "\n    ")) }
        if !r.figures.isEmpty { lines.append("    wrote: " + r.figures.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

/// `lab status`: which cells are fresh, stale (and why), failed or never run.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show which cells are fresh, stale (and why), failed or never run.",
        discussion: "Then the calls a run stopped in (Ctrl-C, a crash) with the checkpoint step `lab run` resumes them from.")

    @OptionGroup var options: NotebookOptions

    func run() throws {
        try notebookCommand {
            let notebook = try options.load()
            _ = try options.check(notebook)
            let runner = try options.runner(database: try options.openStore(), display: ProgressDisplay(mode: .quiet), notebook: notebook)
            for s in try runner.status(overrides: try options.overrides()) {
                print("\(s.id.padding(toLength: max(12, s.id.count), withPad: " ", startingAt: 0))  \(s.state.rawValue)")
                for r in s.reasons { print("    \(r)") }
            }
            let store = try options.openStore()
            let stopped = try store.unfinishedCheckpoints()
            if !stopped.isEmpty {
                // A call of a run that is still going has checkpoints and no result yet, like an interrupted one.
                let going = try store.recentRuns(limit: 200).filter { $0.status == .running }.map { "#\($0.id)" }
                let header = going.isEmpty ? "interrupted calls" : "calls not finished: interrupted, or in progress in run\(going.count == 1 ? "" : "s") \(going.joined(separator: ", ")) (still marked running)"
                print("\n\(header) (`lab run` resumes each from its latest checkpoint; `lab cache forget KEY` starts it afresh):")
                for c in stopped {
                    print("    \(CacheForget.short(c.key.contains("#") ? c.key : "call:" + c.key))  checkpoint of step \(c.latestStep), saved \(formatTime(c.savedAt)) (\(c.count) kept, \(formatBytes(c.bytes)))")
                }
            }
        }
    }
}

/// `lab why`: which key component of a cell changed.
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "why", abstract: "Explain why a cell is stale: which key component changed.")

    @OptionGroup var options: NotebookOptions

    @Argument(help: "The cell id.")
    var cell: String

    func run() throws {
        try notebookCommand {
            let notebook = try options.load()
            _ = try options.check(notebook)
            let runner = try options.runner(database: try options.openStore(), display: ProgressDisplay(mode: .quiet), notebook: notebook)
            let s = try runner.why(cell, overrides: try options.overrides())
            switch s.state {
            case .fresh: print("`\(cell)` is fresh: a run takes its stored result.")
            case .neverRun: print("`\(cell)` has never run with this store.")
            case .failed: print("`\(cell)` failed last time with the same key:\n    \(s.reasons.joined(separator: "\n    "))")
            case .interrupted: print("`\(cell)` was interrupted last time with the same key:\n    \(s.reasons.joined(separator: "\n    "))")
            case .stale: print("`\(cell)` is stale:\n    \(s.reasons.joined(separator: "\n    "))")
            }
        }
    }
}

/// `lab lint`: the static checks only.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check a notebook without running it (syntax, names, functions, types, cycles).")

    @Argument(help: "The notebook.")
    var notebook: String

    @Option(name: .customLong("param"), help: "Check a parameter override NAME=VALUE (repeatable).")
    var params: [String] = []

    @Option(help: "Accepted like every notebook command's --store; lint never opens a store.")
    var store: String?

    func run() throws {
        try notebookCommand {
            let options = try NotebookOptions.parse([notebook] + params.flatMap { ["--param", $0] })
            let nb = try options.load()
            let analysis = Analysis(nb, catalog: Catalog.standard)
            try analysis.validate()
            _ = try nb.parameterValues(overrides: try options.overrides())
            let warnings = ReportRenderer.proseWarnings(nb)
            for warning in warnings { printError(warning.description + "\n") }
            let problems = warnings.isEmpty ? "no problems" : "\(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
            print("\(notebook): \(nb.cells.count) cells, \(problems); run order \(analysis.order.joined(separator: " → "))")
        }
    }
}

/// `lab functions`: the documentation of the functions cells can call.
struct FunctionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "functions", abstract: "List the functions cells can call, or document one.")

    @Argument(help: "A function name, e.g. laenet.solve.")
    var name: String?

    func run() throws {
        try reportingErrors { print(try Catalog.standard.documentation(for: name)) }
    }
}
