/// The machine and build a run happened on, kept with every run for provenance.
public struct RunEnvironment: Sendable, Hashable, Codable {
    /// `git rev-parse HEAD` of the project, if it is a git checkout.
    public var gitCommit: String?
    /// Whether the checkout had uncommitted changes.
    public var gitDirty: Bool?
    /// The Swift compiler version the binary was built with.
    public var swiftVersion: String
    /// Operating system name and version.
    public var os: String
    /// CPU model name.
    public var cpuModel: String
    /// OpenBLAS kernel family in use (e.g. `SkylakeX`).
    public var blasCore: String
    /// OpenBLAS threads per call.
    public var blasThreads: Int

    /// Creates an environment description.
    public init(gitCommit: String?, gitDirty: Bool?, swiftVersion: String, os: String, cpuModel: String, blasCore: String, blasThreads: Int) {
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.swiftVersion = swiftVersion
        self.os = os
        self.cpuModel = cpuModel
        self.blasCore = blasCore
        self.blasThreads = blasThreads
    }
}

/// How a run ended (or that it has not).
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still going, or killed before it could say otherwise.
    case running
    /// Every cell succeeded.
    case ok
    /// At least one cell failed.
    case failed
    /// Stopped by the user (SIGINT) after writing checkpoints.
    case interrupted
}

/// One invocation of the runner on one notebook.
public struct RunRecord: Sendable, Hashable {
    /// Store-assigned identifier, increasing.
    public var id: Int64
    /// Notebook path as given on the command line.
    public var notebookPath: String
    /// SHA-256 of the notebook file.
    public var notebookDigest: String
    /// Start time (seconds since 1970).
    public var startedAt: Double
    /// End time, or `nil` while running (or if the process died).
    public var finishedAt: Double?
    /// Final status.
    public var status: RunStatus
    /// The command line.
    public var argv: [String]
    /// Machine and build description.
    public var environment: RunEnvironment
    /// The parameter values, or `nil` for a run recorded before stores kept them (schema 1).
    public var parameters: RunParameters?

    /// Creates a run record (the store makes them; tests and tools may too).
    public init(id: Int64, notebookPath: String, notebookDigest: String, startedAt: Double, finishedAt: Double?, status: RunStatus,
                argv: [String], environment: RunEnvironment, parameters: RunParameters?) {
        self.id = id
        self.notebookPath = notebookPath
        self.notebookDigest = notebookDigest
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.argv = argv
        self.environment = environment
        self.parameters = parameters
    }
}

/// What happened to one cell in one run.
public enum ExecutionOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Served from the cache.
    case hit
    /// Computed from scratch.
    case ran
    /// Continued from a checkpoint.
    case resumed
    /// Failed; see ``ExecutionRecord/error``.
    case failed
}

/// A cell failure in structured form, stored as JSON with its execution.
public struct StoredError: Sendable, Hashable, Codable {
    /// ``LabError`` code name, e.g. `numerical`.
    public var code: String
    /// The message shown to the user.
    public var message: String
    /// `file:line:column`, if the error has a place.
    public var location: String?
    /// Phase in which it happened (parse, resolve, execute, encode, render).
    public var phase: String?

    /// Creates a stored error.
    public init(code: String, message: String, location: String? = nil, phase: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.phase = phase
    }
}

/// One execution of a cell within a run.
public struct ExecutionRecord: Sendable, Hashable {
    /// Store-assigned identifier (0 before recording).
    public var id: Int64
    /// The run it belongs to.
    public var runID: Int64
    /// The cell id in the notebook.
    public var cellID: String
    /// The cell's cache key.
    public var cacheKey: String
    /// The key manifest (canonical JSON) so `lab why` can diff keys component by component.
    public var manifest: String
    /// What happened.
    public var outcome: ExecutionOutcome
    /// Start time (seconds since 1970).
    public var startedAt: Double
    /// Wall duration in seconds.
    public var duration: Double
    /// The failure, for ``ExecutionOutcome/failed``.
    public var error: StoredError?

    /// Creates a record to pass to ``StoreDatabase/recordExecution(_:)``.
    public init(id: Int64 = 0, runID: Int64, cellID: String, cacheKey: String, manifest: String, outcome: ExecutionOutcome, startedAt: Double, duration: Double, error: StoredError? = nil) {
        self.id = id
        self.runID = runID
        self.cellID = cellID
        self.cacheKey = cacheKey
        self.manifest = manifest
        self.outcome = outcome
        self.startedAt = startedAt
        self.duration = duration
        self.error = error
    }
}
