import LabCore
import Store

/// Whether a cell's stored result is current, and why not.
public struct CellStatus: Sendable, Hashable {
    /// The state of a cell.
    public enum State: String, Sendable {
        /// Its key is in the store: a run would take the cached result.
        case fresh
        /// A run would recompute it.
        case stale
        /// Its last run with the current key failed.
        case failed
        /// It has never run in this store.
        case neverRun = "never run"
        /// Its last run with the current key was stopped in it (Ctrl-C); `lab run` resumes it.
        case interrupted
    }

    /// The cell id.
    public var id: String
    /// The state.
    public var state: State
    /// Why (the changed key components, the failure, or the stale upstream).
    public var reasons: [String]
}

extension Runner {
    /// The status of every cell, without running anything.
    public func status(overrides: [String: String] = [:]) throws -> [CellStatus] {
        let params = try notebook.parameterValues(overrides: overrides)
        let paramsDigest = notebook.runParameters(params).digest
        var out: [CellStatus] = []
        var fresh = Set<String>()
        for id in analysis.order {
            let cell = notebook.cell(id)!
            if let up = analysis.upstream[id, default: []].sorted().first(where: { !fresh.contains($0) }) {
                out.append(CellStatus(id: id, state: .stale, reasons: ["upstream cell `\(up)` is not fresh"]))
                continue
            }
            let manifest = manifest(cell, params: params)
            if let entry = try database.lookup(manifest.key) {
                let damaged = try database.damagedOutputs(of: entry)
                guard damaged.isEmpty else {
                    let names = damaged.map { "`\($0 == Runner.outputName ? id : $0)`" }.joined(separator: ", ")
                    out.append(CellStatus(id: id, state: .stale, reasons: ["its stored value \(names) is damaged (digest mismatch); a run recomputes it"]))
                    continue
                }
                for (name, info) in entry.outputs where name != Runner.outputName { digests[name] = info.digest }
                fresh.insert(id)
                out.append(CellStatus(id: id, state: .fresh, reasons: []))
                continue
            }
            guard let (last, sameParams) = try latestExecution(of: id, paramsDigest: paramsDigest) else {
                out.append(CellStatus(id: id, state: .neverRun, reasons: []))
                continue
            }
            if last.cacheKey == manifest.key, last.outcome == .failed, last.error?.code == RunPosition.interruptedCode {
                out.append(CellStatus(id: id, state: .interrupted, reasons: [last.error?.message ?? "interrupted"]))
                continue
            }
            if last.cacheKey == manifest.key, last.outcome == .failed {
                out.append(CellStatus(id: id, state: .failed, reasons: [last.error.map { "\($0.location.map { "\($0): " } ?? "")\($0.message)" } ?? "failed"]))
                continue
            }
            var reasons = KeyManifest.parse(last.manifest).map { manifest.changes(since: $0) } ?? ["its stored manifest is unreadable"]
            if reasons.isEmpty { reasons = ["its stored result was removed (lab cache gc?)"] }
            if !sameParams { reasons.append("(it never ran with these parameters; compared with its last run, #\(last.runID), which had others)") }
            out.append(CellStatus(id: id, state: .stale, reasons: reasons))
        }
        return out
    }

    /// Why `cell` would (or would not) recompute: its status with the changed key components.
    public func why(_ cell: String, overrides: [String: String] = [:]) throws -> CellStatus {
        guard notebook.cell(cell) != nil else {
            throw LabError(.invalidInput, "no cell `\(cell)` in \(notebook.path)\(Suggest.hint(for: cell, in: notebook.cells.map(\.id)))")
        }
        return try status(overrides: overrides).first { $0.id == cell }!
    }

    /// The most recent execution of a cell of this notebook in a run with the same parameter set
    /// (`sameParams` true), or, when it never ran with these parameters, its most recent
    /// execution with any (`sameParams` false).
    ///
    /// Comparing with a run of other parameters would report their differences as the reason a
    /// cell is stale, when the cell may have changed for another reason entirely.
    func latestExecution(of cell: String, paramsDigest: String) throws -> (execution: ExecutionRecord, sameParams: Bool)? {
        var fallback: ExecutionRecord?
        for run in try runsOfThisNotebook() {
            guard let e = try database.executions(ofRun: run.id).last(where: { $0.cellID == cell }) else { continue }
            if notebook.parameters(of: run)?.digest == paramsDigest { return (e, true) }
            if fallback == nil { fallback = e }
        }
        return fallback.map { ($0, false) }
    }
}
