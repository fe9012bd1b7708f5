import LabCore
import Store

/// A cell as the store has it now: its status, stored values and how they were computed.
public struct CellSnapshot: Sendable {
    /// The cell.
    public var cell: Cell
    /// Fresh, stale, failed or never run, with reasons.
    public var status: CellStatus
    /// The current cache key (nil when an upstream cell is not fresh).
    public var key: String?
    /// The cell's seed.
    public var seed: UInt64
    /// Stored bindings in source order (fresh cells only).
    public var bindings: [(name: String, value: Value)]
    /// The stored shown output (fresh cells only).
    public var output: Value?
    /// The execution that computed the stored result (ran or resumed), if known.
    public var computedBy: ExecutionRecord?
    /// The most recent execution with this key (a later cache hit, for instance).
    public var lastExecution: ExecutionRecord?
    /// Every recorded execution that worked on the stored result (ran, resumed, or failed
    /// part-way under the same key), oldest first: the report sums their time.
    public var computeHistory: [ExecutionRecord] = []
}

extension Runner {
    /// Every cell's status and stored result, without running anything (for reports).
    public func snapshot(overrides: [String: String] = [:]) throws -> [CellSnapshot] {
        let params = try notebook.parameterValues(overrides: overrides)
        let statuses = try status(overrides: overrides)
        var out: [CellSnapshot] = []
        for s in statuses {
            let cell = notebook.cell(s.id)!
            let seed = KeyManifest.derivedSeed(notebookSeed: notebook.seed, cellID: s.id)
            var snap = CellSnapshot(cell: cell, status: s, key: nil, seed: seed, bindings: [], output: nil, computedBy: nil, lastExecution: nil)
            let upstreamFresh = analysis.upstream[s.id, default: []].allSatisfy { u in statuses.first { $0.id == u }?.state == .fresh }
            if upstreamFresh {
                let key = manifest(cell, params: params).key
                snap.key = key
                snap.lastExecution = try database.latestExecution(forKey: key)
                if s.state == .fresh, let entry = try database.lookup(key) {
                    for b in cell.program.bindings {
                        if let info = entry.outputs[b.name] { snap.bindings.append((b.name, try loadValue(info.digest, name: b.name))) }
                    }
                    snap.output = try entry.outputs[Runner.outputName].map { try loadValue($0.digest, name: "the output of cell `\(s.id)`") }
                    snap.computeHistory = try computeHistory(of: s.id, key: key)
                    snap.computedBy = snap.computeHistory.last { $0.outcome == .ran || $0.outcome == .resumed }
                }
            }
            out.append(snap)
        }
        return out
    }

    /// The executions that computed a cell under `key` across this notebook's runs, oldest
    /// first, up to and including the last one that ran or resumed it.
    func computeHistory(of cell: String, key: String) throws -> [ExecutionRecord] {
        var history: [ExecutionRecord] = []
        for run in try runsOfThisNotebook() {
            history += try database.executions(ofRun: run.id).filter { $0.cellID == cell && $0.cacheKey == key && $0.outcome != .hit }
        }
        history.sort { $0.startedAt < $1.startedAt }
        guard let last = history.lastIndex(where: { $0.outcome == .ran || $0.outcome == .resumed }) else { return [] }
        // A fresh computation (ran) restarts the count; resumed work and failures before it add up.
        let start = history[..<last].lastIndex { $0.outcome == .ran } .map { $0 + 1 } ?? 0
        return history[last].outcome == .ran ? [history[last]] : Array(history[start...last])
    }

    /// The most recent run of this notebook in the store.
    public func latestRun() throws -> RunRecord? {
        try runsOfThisNotebook().first
    }

    /// The name this notebook's runs are recorded under (``ProjectRoot/notebookIdentity(_:currentDirectory:)``).
    var historyName: String { ProjectRoot.notebookIdentity(notebook.path) }

    /// This notebook's recent runs, newest first, whatever folder each was started from.
    func runsOfThisNotebook(limit: Int = 200) throws -> [RunRecord] {
        let name = historyName
        return Array(try database.recentRuns(limit: 5_000).filter { ProjectRoot.sameNotebook(recorded: $0.notebookPath, identity: name) }.prefix(limit))
    }
}
