import ArgumentParser
import Foundation
import LabCore
import Notebook
import Store

/// `lab render`: one self-contained HTML report of a notebook's stored results.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a self-contained HTML report (Reports/<notebook>.html) from the stored results.",
        discussion: """
        With --param values other than the defaults it renders that run, to Reports/<notebook>/<params-digest>.html.
        Refuses (exit 3) when a cell is stale, failed or never run, unless --allow-stale, which marks those cells, \
        and when --out names an existing file that is not a report lab wrote (a notebook, a store). \
        An --out whose folder cannot be made is exit 2.
        """
    )

    @OptionGroup var options: NotebookOptions

    @Option(help: "Output file (default: Reports/<notebook name>.html, or Reports/<notebook name>/<params-digest>.html with --param).")
    var out: String?

    @Flag(help: "Render even when cells are stale or failed; they are marked in the report.")
    var allowStale = false

    func run() throws {
        try notebookCommand {
            let notebook = try options.load()
            let params = try options.check(notebook)
            let folders = try notebook.outputFolders(params: params)
            let path = out ?? ProjectRoot.path(folders.report, under: options.root)
            try RenderCommand.checkReplaceable(path)
            let runner = try options.runner(database: try options.openStore(), display: ProgressDisplay(mode: .quiet), notebook: notebook)
            let overrides = try options.overrides()
            let renderer = ReportRenderer(notebook: notebook, cells: try runner.snapshot(overrides: overrides), run: try runner.latestRun(),
                                          params: params, renderedAt: Date(), renderedFrom: RunEnvironment.renderingCheckout())
            if !renderer.notCurrent.isEmpty && !allowStale {
                let list = renderer.notCurrent.map { "\($0.cell.id) (\($0.status.state.rawValue))" }.joined(separator: ", ")
                let again = options.params.map { " --param \($0)" }.joined()
                throw NotebookFailure.refused("cells not current: \(list). Run `lab run \(notebook.path)\(again)` first, or pass --allow-stale.")
            }
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                } catch {
                    throw LabError(.invalidInput, "cannot write \(path): its folder \(dir) cannot be created (\(error.localizedDescription)). Choose another --out.")
                }
            }
            for warning in ReportRenderer.proseWarnings(notebook) { printError(warning.description) }
            let html = try renderer.render()
            try OutputFile.write(Array(html.utf8), toPath: path)
            print("wrote \(path) (\(html.utf8.count / 1024) KiB)")
        }
    }

    /// Refuses an output path that holds anything but a report this tool wrote: a directory,
    /// a symlink, a notebook, a store (exit 3); a missing file is fine.
    static func checkReplaceable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if OutputFile.isSymlink(path) {
            throw NotebookFailure.refused("\(path) is a symbolic link; reports are never written through links. Choose another --out.")
        }
        guard exists else { return }
        if isDirectory.boolValue {
            throw LabError(.invalidInput, "--out \(path) is a directory; give a file name such as \(path)/report.html.")
        }
        guard let bytes = OutputFile.existingBytes(path), ReportRenderer.isReport(bytes) else {
            throw NotebookFailure.refused("\(path) exists and is not a report lab wrote; it was left untouched. Choose another --out, or move the file aside.")
        }
    }
}

extension RunEnvironment {
    /// The checkout doing the rendering. Rendered reports themselves (`Reports/`) do not make it
    /// unclean, so that rendering several notebooks in a row from a clean tree says "clean".
    static func renderingCheckout() -> RunEnvironment {
        var env = RunEnvironment.current()
        env.gitDirty = git(["status", "--porcelain", "--", ".", ":(exclude)Reports"]).map { !$0.isEmpty } ?? env.gitDirty
        return env
    }
}
