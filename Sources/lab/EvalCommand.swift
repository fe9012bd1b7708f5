import ArgumentParser
import Catalog
import Foundation
import LabCore
import Notebook
import Plots

/// `lab eval`: the notebook's REPL — an expression of the cell language over the stored values.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate an expression of the cell language against a notebook's stored values.",
        discussion: """
        The expression reads the notebook's names (for the given --param values) as the store has them
        and prints the result like a cell output; nothing is recomputed. A name whose cell is stale or
        never ran is an error (exit 3) naming the cell to run; --run runs the stale cells it needs first
        (and computes memoised calls the expression makes that are not stored).
        -o writes the result: .csv (tables, series, numeric lists), .json, .npy (tensors, numbers,
        numeric lists), .png/.pdf/.svg (figures).
        Examples:
          lab eval Notebooks/quickstart.md 'summary'
          lab eval Notebooks/quickstart.md 'sorted(summary, by: "ratio_mean")' -o ranked.csv
          lab eval Notebooks/quickstart.md 'table.derive(summary, name: "gap", expr: "ratio_mean - 1")'
        """
    )

    @OptionGroup var options: NotebookOptions
    @OptionGroup var blas: BLASOptions

    @Argument(help: "The expression, e.g. 'table.select(summary, columns: [\"method\"])'.")
    var expression: String

    @Option(name: .shortAndLong, help: "Write the result to this file (.csv, .json, .npy, .png, .pdf or .svg).")
    var output: String?

    @Flag(name: .customLong("run"), help: "Run the stale cells the expression needs first (like `lab run --cell` for each).")
    var runStale = false

    @Flag(help: "No progress bar while --run runs cells.")
    var quiet = false

    static let valueFormats = ["csv", "json", "npy"]
    static let figureFormats = ["png", "pdf", "svg"]

    func run() throws {
        try notebookCommand {
            blas.apply()
            let format = output.map { URL(fileURLWithPath: $0).pathExtension.lowercased() }
            if let format, let output, !(EvalCommand.valueFormats + EvalCommand.figureFormats).contains(format) {
                throw LabError(.invalidInput, "cannot tell the format of \(output): name it .csv, .json, .npy, .png, .pdf or .svg")
            }
            let notebook = try options.load()
            let params = try options.check(notebook)
            let parsed: EvalExpression
            do {
                parsed = try EvalExpression(expression, notebook: notebook, catalog: Catalog.standard)
            } catch let error as Diagnostics {
                throw NotebookFailure.diagnostics(error)
            }
            let overrides = try options.overrides()
            let database = try options.openStore()
            let display = quiet ? ProgressDisplay(mode: .quiet) : ProgressDisplay.automatic()
            let runner = try options.runner(database: database, display: display, notebook: notebook)
            if runStale {
                let folders = try notebook.outputFolders(params: params)
                let stale = try runner.status(overrides: overrides).filter { $0.state != .fresh }.map(\.id)
                for cell in parsed.cellsRead where stale.contains(cell) {
                    var o = RunOptions()
                    o.overrides = overrides
                    o.only = cell
                    o.exports = folders
                    o.exportBase = options.root
                    o.argv = CommandLine.arguments
                    let report = try runner.run(o)
                    for r in report.cells where r.outcome == .ran || r.outcome == .resumed || r.outcome == .failed || r.outcome == .blocked {
                        printError(RunCommand.describe(r))
                    }
                    let bad = report.cells.filter { $0.outcome == .failed || $0.outcome == .blocked }.count
                    if bad > 0 { throw NotebookFailure.cellsFailed(bad, code: RunCommand.exitCode(of: report.cells)) }
                }
            }
            let value = try runner.evaluate(parsed, overrides: overrides, computeMissingCalls: runStale)
            print(value.summary)
            if let output, let format {
                try writeOutput(try EvalCommand.bytes(of: value, format: format, output: output), to: output)
                printError("wrote \(output)")
            }
        }
    }

    /// The file form of `value` in `format`: figures through the renderer, everything else as
    /// `lab cache export` writes a stored value.
    static func bytes(of value: Value, format: String, output: String) throws -> [UInt8] {
        if figureFormats.contains(format) {
            guard case .figure(let figure) = value else {
                throw LabError(.invalidInput, "a \(value.type) value has no .\(format) form (only figures do); write it to .csv, .json or .npy")
            }
            let kind: OutputFormat = format == "png" ? .png(dpi: 150) : format == "pdf" ? .pdf : .svg
            return try FigureRenderer.render(figure, format: kind, provenance: nil)
        }
        if case .figure = value {
            throw LabError(.invalidInput, "a figure is written to .png, .pdf or .svg, not .\(format)")
        }
        let exporter = try CacheExport.parse(["-", "-o", output])
        return try exporter.exportValue(value.encoded(), format: format)
    }
}
