import Foundation
import LabCore
import Plots
import Store

/// What to run and how (the options of `lab run`).
public struct RunOptions: Sendable {
    /// `--param NAME=VALUE` overrides, as text.
    public var overrides: [String: String] = [:]
    /// `--cell ID`: only this cell and what it needs.
    public var only: String?
    /// `--from ID`: this cell, everything downstream of it, and what those need.
    public var from: String?
    /// `--force ID`: re-run these cells' code even when cached; their memoised calls (trainings,
    /// datasets) still come from the store.
    public var force: Set<String> = []
    /// `--recompute ID`: re-run these cells and recompute the memoised calls they make (fresh
    /// trainings: their checkpoints are discarded first).
    public var recompute: Set<String> = []
    /// `--force-all`: recompute everything, memoised calls included.
    public var forceAll = false
    /// `--dry-run`: report what would run, run nothing, write nothing.
    public var dryRun = false
    /// Where figures and tables go (see ``Notebook/outputFolders(params:)``); nil writes none.
    public var exports: OutputFolders?
    /// The folder that `Figures/` and `Results/` are in (the project directory).
    public var exportBase = "."
    /// The command line, recorded with the run.
    public var argv: [String] = []

    /// Default options: run every stale cell.
    public init() {}
}

/// What happened to one cell.
public struct CellResult: Sendable {
    /// How the cell's result was obtained.
    public enum Outcome: String, Sendable {
        case hit, ran, resumed, failed, blocked
        /// Dry run: would run.
        case stale
        /// Not selected by `--cell`/`--from`.
        case skipped
    }

    /// The cell id.
    public var id: String
    /// The outcome.
    public var outcome: Outcome
    /// Wall seconds spent (lookups included).
    public var seconds: Double
    /// The cache key (nil when blocked or skipped).
    public var key: String?
    /// The shown output, if the cell ends with a bare expression.
    public var output: Value?
    /// The error, when it failed (or why it is blocked).
    public var error: LabError?
    /// Figure and table files written for this cell (files already current are not rewritten).
    public var figures: [String] = []
    /// Things the run repaired on the way, e.g. a damaged stored value it recomputed.
    public var notes: [String] = []
}

/// The result of `lab run`.
public struct RunReport: Sendable {
    /// The store's run id (nil for a dry run).
    public var runID: Int64?
    /// One entry per cell, in run order.
    public var cells: [CellResult]
    /// True when some cell failed or was blocked.
    public var failed: Bool { cells.contains { $0.outcome == .failed || $0.outcome == .blocked } }
}

/// Runs notebooks against a catalog and a store: stale cells in dependency order, cached cells
/// from the store, failures blocking only their dependents.
///
/// Cells run one at a time on one SQLite connection (the runner is the single writer in this
/// process); library calls inside a cell may use every core.
public final class Runner {
    let notebook: Notebook
    let catalog: any FunctionCatalog
    let database: StoreDatabase
    let display: ProgressDisplay
    let environment: RunEnvironment
    let analysis: Analysis
    var values: [String: Value] = [:]
    var digests: [String: String] = [:]
    /// Where the run is (cell, call, step, checkpoint), for a Ctrl-C handler to report.
    public let position = RunPosition()

    /// Prepares a run; throws the notebook's static diagnostics, if any.
    public init(notebook: Notebook, catalog: any FunctionCatalog, database: StoreDatabase, display: ProgressDisplay, environment: RunEnvironment) throws {
        self.notebook = notebook
        self.catalog = catalog
        self.database = database
        self.display = display
        self.environment = environment
        analysis = Analysis(notebook, catalog: catalog)
        try analysis.validate()
    }

    /// The cells to consider for `options`, in run order.
    func selection(_ options: RunOptions) throws -> Set<String> {
        for id in [options.only, options.from].compactMap({ $0 }) + options.force.sorted() + options.recompute.sorted() where notebook.cell(id) == nil {
            throw LabError(.invalidInput, "no cell `\(id)` in \(notebook.path)\(Suggest.hint(for: id, in: notebook.cells.map(\.id)))")
        }
        var wanted = Set(analysis.order)
        if let only = options.only { wanted = [only] }
        if let from = options.from { wanted = Set([from] + analysis.downstream(of: from)) }
        var closure = wanted
        var frontier = Array(wanted)
        while let c = frontier.popLast() {
            for u in analysis.upstream[c, default: []] where closure.insert(u).inserted { frontier.append(u) }
        }
        return closure
    }

    /// Runs the notebook.
    public func run(_ options: RunOptions) throws -> RunReport {
        let params = try notebook.parameterValues(overrides: options.overrides)
        let selected = try selection(options)
        let text = notebook.lines.joined(separator: "\n")
        let runID = options.dryRun ? nil : try database.beginRun(notebookPath: historyName, notebookDigest: SHA256.hash(text).hex,
                                                                 argv: options.argv, environment: environment, parameters: notebook.runParameters(params))
        position.update { $0.runID = runID }
        var results: [CellResult] = []
        var failedCells = Set<String>()
        do {
            try runCells(selected, params: params, options: options, runID: runID, results: &results, failedCells: &failedCells)
        } catch {
            // A store or export failure between cells: the run record still ends, as failed. If even
            // that write fails, the original error (thrown below) is the one to report.
            if let runID { try? database.finishRun(runID, status: .failed) }
            throw error
        }
        if let runID { try database.finishRun(runID, status: failedCells.isEmpty ? .ok : .failed) }
        return RunReport(runID: runID, cells: results)
    }

    func runCells(_ selected: Set<String>, params: [String: Value], options: RunOptions, runID: Int64?,
                  results: inout [CellResult], failedCells: inout Set<String>) throws {
        for id in analysis.order {
            let cell = notebook.cell(id)!
            guard selected.contains(id) else {
                results.append(CellResult(id: id, outcome: .skipped, seconds: 0))
                continue
            }
            if let bad = analysis.upstream[id, default: []].first(where: failedCells.contains) {
                failedCells.insert(id)
                results.append(CellResult(id: id, outcome: .blocked, seconds: 0,
                                          error: LabError(.failure, "not run: it reads from cell `\(bad)`, which failed")))
                continue
            }
            let result = try runCell(cell, params: params, options: options, runID: runID)
            if result.outcome == .failed { failedCells.insert(id) }
            results.append(result)
        }
    }

    /// The folder of the notebook file: file patterns in calls are relative to it.
    var notebookDirectory: String {
        let folder = (notebook.path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The key manifest of a cell, given the digests of the names it reads.
    func manifest(_ cell: Cell, params: [String: Value]) -> KeyManifest {
        var functions: [String: Int] = [:]
        for f in analysis.functionsCalled[cell.id, default: []] { functions[f] = catalog.signature(named: f)?.version ?? 0 }
        var inputs: [String: String] = [:]
        for n in analysis.namesRead[cell.id, default: []] { inputs[n] = digests[n] ?? "missing" }
        var paramDigests: [String: String] = [:]
        for p in analysis.paramsRead[cell.id, default: []] { paramDigests[p] = params[p]?.digest.hex ?? "missing" }
        var manifest = KeyManifest(scheme: KeyManifest.currentScheme, cell: cell.id, ast: cell.program.canonicalText, inputs: inputs,
                                   functions: functions, params: paramDigests, seed: KeyManifest.derivedSeed(notebookSeed: notebook.seed, cellID: cell.id))
        let patterns = analysis.filesRead[cell.id, default: []]
        if !patterns.isEmpty {
            manifest.files = patterns.reduce(into: [:]) { all, p in all.merge(FileGlob.digests(p, relativeTo: notebookDirectory)) { a, _ in a } }
        }
        return manifest
    }

    static let outputName = "_output"

    /// A failure to write a cell's files, which is not a failure of the cell.
    struct ExportFailure: Error {
        var error: any Error
    }

    func runCell(_ cell: Cell, params: [String: Value], options: RunOptions, runID: Int64?) throws -> CellResult {
        let start = Date()
        let manifest = manifest(cell, params: params)
        let key = manifest.key
        position.update {
            $0.cell = cell.id; $0.call = nil; $0.progress = nil; $0.checkpointStep = nil
            $0.cellKey = key; $0.cellManifest = manifest.canonicalJSON; $0.cellStartedAt = start.timeIntervalSince1970
        }
        let recompute = options.forceAll || options.recompute.contains(cell.id)
        let forced = recompute || options.force.contains(cell.id)
        var notes: [String] = []
        if !forced, let entry = try database.lookup(key) {
            let damaged = try database.damagedOutputs(of: entry)
            if damaged.isEmpty {
                for (name, info) in entry.outputs where name != Runner.outputName { digests[name] = info.digest }
                let output = try entry.outputs[Runner.outputName].map { try loadValue($0.digest, name: "the output of cell `\(cell.id)`") }
                var result = CellResult(id: cell.id, outcome: .hit, seconds: 0, key: key, output: output)
                if !options.dryRun {
                    result.figures = try exportFiles(cell, key: key, entry: entry, output: output, options: options, ranNow: false)
                    result.seconds = Date().timeIntervalSince(start)
                    _ = try database.recordExecution(ExecutionRecord(runID: runID!, cellID: cell.id, cacheKey: key, manifest: manifest.canonicalJSON,
                                                                     outcome: .hit, startedAt: start.timeIntervalSince1970, duration: result.seconds))
                }
                return result
            }
            // Never use damaged bytes: drop them (and the entries using them), then recompute.
            if !options.dryRun {
                for digest in damaged.compactMap({ entry.outputs[$0]?.digest }) { try database.removeDamagedBlob(digest) }
            }
            notes = damaged.map { "the stored value `\($0 == Runner.outputName ? cell.id : $0)` was damaged (digest mismatch); recomputed" }
        }
        if options.dryRun { return CellResult(id: cell.id, outcome: .stale, seconds: 0, key: key) }

        var resumed = false
        do {
            var inputs: [String: Value] = [:]
            for n in analysis.namesRead[cell.id, default: []] {
                guard let d = digests[n] else { throw LabError(.failure, "`\(n)` has no value (its cell did not run)") }
                inputs[n] = try values[n] ?? loadValue(d, name: n)
            }
            let cellSeed = manifest.seed
            var callIndex = 0
            var callsOf: [String: Int] = [:]
            var lengths: [SourceRange: Int] = [:]
            var evaluator = Evaluator(notebook: notebook, catalog: catalog, params: params) { [self] signature, args, _ in
                callIndex += 1
                callsOf[signature.name, default: 0] += 1
                let args = CallSeed.filling(args, of: signature, seed: CallSeed.derive(cellSeed: cellSeed, position: callIndex))
                let label = Runner.progressLabel(cell: cell, function: signature.name, ordinal: callsOf[signature.name]!, lengths: lengths)
                let (value, wasResumed) = try invoke(signature, args, cell: cell, label: label, recompute: recompute, fallbackKey: "\(key)#\(callIndex)",
                                                     fallbackSeed: cellSeed &+ UInt64(callIndex))
                if wasResumed { resumed = true }
                return value
            }
            evaluator.comprehensionStarted = { range, n in lengths[range] = n }
            let outcome = try evaluator.run(cell, inputs: inputs)
            display.clear()
            var payloads: [String: BlobPayload] = [:]
            for (name, value) in outcome.bindings {
                payloads[name] = Runner.payload(value)
                values[name] = value
            }
            if let out = outcome.output { payloads[Runner.outputName] = Runner.payload(out) }
            let seconds = Date().timeIntervalSince(start)
            let execution = try database.recordExecution(ExecutionRecord(
                runID: runID!, cellID: cell.id, cacheKey: key, manifest: manifest.canonicalJSON,
                outcome: resumed ? .resumed : .ran, startedAt: start.timeIntervalSince1970, duration: seconds))
            let entry = try database.record(key: key, outputs: payloads, execution: execution)
            for (name, info) in entry.outputs where name != Runner.outputName { digests[name] = info.digest }
            var result = CellResult(id: cell.id, outcome: resumed ? .resumed : .ran, seconds: seconds, key: key, output: outcome.output)
            result.notes = notes
            do {
                result.figures = try exportFiles(cell, key: key, entry: entry, output: outcome.output, options: options, ranNow: true)
            } catch {
                throw ExportFailure(error: error)
            }
            return result
        } catch let failure as ExportFailure {
            // The value is stored; writing its files failed (full disk, unusable folder): that stops the run.
            throw failure.error
        } catch let thrown {
            // Any error inside a cell (not only a LabError) fails that cell; the run goes on.
            let error = thrown as? LabError ?? LabError(.failure, "cell `\(cell.id)` failed: \(thrown)")
            display.clear()
            let seconds = Date().timeIntervalSince(start)
            _ = try database.recordExecution(ExecutionRecord(
                runID: runID!, cellID: cell.id, cacheKey: key, manifest: manifest.canonicalJSON, outcome: .failed,
                startedAt: start.timeIntervalSince1970, duration: seconds,
                error: StoredError(code: error.code.name, message: error.message, location: error.location?.description, phase: "run")))
            return CellResult(id: cell.id, outcome: .failed, seconds: seconds, key: key, error: error)
        }
    }

    /// Calls a library function, from the store when it is memoised and already computed.
    ///
    /// With `recompute`, a memoised call is computed afresh: its checkpoints are discarded first,
    /// so a training starts from step 0 instead of resuming.
    func invoke(_ signature: FunctionSignature, _ args: [(name: String, value: Value)], cell: Cell, label: String, recompute: Bool,
                fallbackKey: String, fallbackSeed: UInt64) throws -> (Value, Bool) {
        let callKey = signature.memoised ? CallKey(signature, args) : nil
        let storeKey = callKey.map { "call:\($0.key)" }
        if let storeKey, !recompute, let entry = try database.lookup(storeKey), let info = entry.outputs["result"] {
            if try database.isIntact(info.digest) { return (try loadValue(info.digest, name: "the memoised result of \(signature.name)"), false) }
            try database.removeDamagedBlob(info.digest)  // recomputed below, never used
        }
        if let callKey, recompute { try database.removeCheckpoints(key: callKey.key) }
        let context = StoreCallContext(database: database, key: callKey?.key ?? fallbackKey, seed: callKey?.seed ?? fallbackSeed,
                                       display: display, label: label, position: position)
        context.directory = notebookDirectory
        let value = try catalog.call(signature.name, args, context: context)
        try context.flush()
        // A finished call keeps only its final checkpoint, or the latest `keep_checkpoints:` of them
        // (an interrupted one the same, see StoreCallContext.saveCheckpoint).
        try database.pruneCheckpoints(key: context.key, keepLatest: context.checkpointsKept)
        if let storeKey {
            let origin = CallOrigin(function: signature.name, arguments: args.map { CallOrigin.Argument(name: $0.name, value: Runner.argumentSummary($0.value)) },
                                    notebook: historyName, cell: cell.id)
            _ = try database.record(key: storeKey, outputs: ["result": Runner.payload(value)], origin: origin)
        }
        return (value, context.resumedFrom != nil)
    }

    /// The progress label of the `ordinal`-th call of `function` in `cell`: `cell › gadsg.train 2/6`
    /// when the cell calls it several times, counting the calls in comprehensions from the lengths
    /// of those already started (`lengths`); `2/?` while the count is unknown.
    static func progressLabel(cell: Cell, function: String, ordinal: Int, lengths: [SourceRange: Int] = [:]) -> String {
        let count = cell.program.expectedCallCount(of: function, lengths: lengths)
        if count == 1 && ordinal == 1 { return "\(cell.id) › \(function)" }
        return "\(cell.id) › \(function) \(ordinal)/\(count.map(String.init) ?? "?")"
    }

    /// A short one-line summary of an argument for ``CallOrigin`` (at most 60 characters).
    static func argumentSummary(_ value: Value) -> String {
        let text: String
        if case .table(let t) = value { text = "table(\(t.rowCount) rows)" } else { text = value.summary }
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    /// A value's stored form; its digest is computed once here and handed to the store.
    static func payload(_ value: Value) -> BlobPayload {
        let bytes = value.encoded()
        return BlobPayload(codec: Value.codec, bytes: bytes, knownDigest: SHA256.hash(bytes))
    }

    /// Decodes a stored value; `name` says which value it is in errors.
    func loadValue(_ digest: String, name: String? = nil) throws -> Value {
        try Value.decode(try storedBytes(digest, name: name), libraryTypes: catalog.libraryTypes)
    }

    /// The `value/1` bytes of a stored value, checked against their digest.
    func storedBytes(_ digest: String, name: String? = nil) throws -> [UInt8] {
        let what = name.map { "`\($0)` (value \(digest.prefix(12)))" } ?? "value \(digest.prefix(12))"
        let blob: Blob?
        do {
            blob = try database.blob(digest)
        } catch var error as LabError where error.code == .corrupt {
            error.message = "the stored \(what) is damaged: its bytes do not match their digest. `lab run \(notebook.path)` recomputes it; `lab cache verify --repair` removes every damaged entry."
            throw error
        }
        guard let blob else {
            throw LabError(.store, "the store lacks \(what) (collected by `lab cache gc`?); re-run with --force-all")
        }
        return blob.bytes
    }
}
