import Foundation
import LabCore
import Store

extension ReportRenderer {
    /// What produced the page: the rendering checkout, the last run, its environment, the
    /// parameters, and for each cell its key, seed, status and the runs that computed it.
    func provenance() -> String {
        let e = MarkdownHTML.escape
        var rows: [(String, String)] = []
        if let renderedFrom {
            rows.append(("rendered from", ReportRenderer.checkout(renderedFrom)))
        }
        if let run {
            let env = run.environment
            rows += [("last run", "#\(run.id), \(ReportRenderer.timestamp(Date(timeIntervalSince1970: run.startedAt))), \(run.status.rawValue)"),
                     ("run from", ReportRenderer.checkout(env)),
                     ("Swift", env.swiftVersion), ("OS", env.os), ("CPU", env.cpuModel), ("OpenBLAS", "\(env.blasCore), \(env.blasThreads) thread(s)"),
                     ("command", run.argv.joined(separator: " "))]
        }
        rows.append(("notebook seed", "\(notebook.seed)"))
        for name in params.keys.sorted() { rows.append(("params.\(name)", params[name]?.summary ?? "")) }
        let cellRows = cells.map { s in
            let runs = Set((s.computeHistory.isEmpty ? s.computedBy.map { [$0] } ?? [] : s.computeHistory).map(\.runID)).sorted()
            let runText = runs.isEmpty ? "–" : runs.map { "#\($0)" }.joined(separator: ", ")
            return "<tr><td>\(e(s.cell.id))</td><td><code>\(e(s.key.map { String($0.prefix(16)) } ?? "–"))</code></td><td>\(s.seed)</td><td>\(e(s.status.state.rawValue))</td><td>\(e(runText))</td></tr>"
        }.joined()
        let table = rows.map { "<tr><th>\(e($0.0))</th><td>\(e($0.1))</td></tr>" }.joined()
        return """
        <section class=provenance><h2>Provenance</h2><div class=scroll><table>\(table)</table></div>
        <div class=scroll><table><thead><tr><th>cell</th><th>cache key</th><th>derived seed</th><th>status</th><th>computed by runs</th></tr></thead><tbody>\(cellRows)</tbody></table></div></section>
        """
    }

    /// "<commit> (clean)" or "(uncommitted changes)", or "not a git checkout".
    static func checkout(_ env: RunEnvironment) -> String {
        guard let commit = env.gitCommit else { return "not a git checkout" }
        switch env.gitDirty {
        case true?: return "\(commit) (uncommitted changes)"
        case false?: return "\(commit) (clean)"
        case nil: return commit
        }
    }
}
