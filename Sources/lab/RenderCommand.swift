import ArgumentParser
import Foundation
import LabCore
import Notebook

/// `lab render`: one self-contained HTML report of a notebook's stored results.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a self-contained HTML report (Reports/<notebook>.html) from the stored results.",
        discussion: "Refuses (exit 3) when a cell is stale, failed or never run, unless --allow-stale, which marks those cells."
    )

    @OptionGroup var options: NotebookOptions

    @Option(help: "Output file (default: Reports/<notebook name>.html).")
    var out: String?

    @Flag(help: "Render even when cells are stale or failed; they are marked in the report.")
    var allowStale = false

    func run() throws {
        try notebookCommand {
            let notebook = try options.load()
            let runner = try options.runner(database: try options.openStore(), display: ProgressDisplay(mode: .quiet), notebook: notebook)
            let overrides = try options.overrides()
            let renderer = ReportRenderer(notebook: notebook, cells: try runner.snapshot(overrides: overrides), run: try runner.latestRun(),
                                          params: try notebook.parameterValues(overrides: overrides), renderedAt: Date())
            if !renderer.notCurrent.isEmpty && !allowStale {
                let list = renderer.notCurrent.map { "\($0.cell.id) (\($0.status.state.rawValue))" }.joined(separator: ", ")
                throw NotebookFailure.refused("cells not current: \(list). Run `lab run \(notebook.path)` first, or pass --allow-stale.")
            }
            let path = out ?? "Reports/" + ((notebook.path as NSString).lastPathComponent as NSString).deletingPathExtension + ".html"
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            let html = try renderer.render()
            do {
                try html.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw LabError(.invalidInput, "cannot write \(path): \(error.localizedDescription)")
            }
            print("wrote \(path) (\(html.utf8.count / 1024) KiB)")
        }
    }
}
