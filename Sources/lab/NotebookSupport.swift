import ArgumentParser
import Catalog
import Foundation
import LabCore
import Notebook
import Store
import Tensors

/// Options every notebook command shares.
struct NotebookOptions: ParsableArguments {
    @Argument(help: "The notebook (Markdown with ```lab cells).")
    var notebook: String

    @Option(help: "Store file (default: $LAB_STORE or .lab/store.sqlite in the project root).")
    var store: String?

    @Option(name: .customLong("param"), help: "Override a front-matter parameter: NAME=VALUE (repeatable).")
    var params: [String] = []

    /// The parsed `--param` overrides.
    func overrides() throws -> [String: String] {
        var out: [String: String] = [:]
        for p in params {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                throw LabError(.invalidInput, "--param \(p): write NAME=VALUE, e.g. --param count=50")
            }
            out[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        return out
    }

    /// Reads and parses the notebook; static problems become one error with exit code 2.
    func load() throws -> Notebook {
        guard let data = FileManager.default.contents(atPath: notebook) else {
            throw LabError(.invalidInput, "cannot read notebook \(notebook): check the path")
        }
        do {
            return try Notebook.parse(String(decoding: data, as: UTF8.self), path: notebook)
        } catch {
            throw NotebookFailure.diagnostics(error)
        }
    }

    /// The project root (see ``ProjectRoot``): where `Figures/`, `Results/`, `Reports/` and the
    /// default store go, whatever the current directory.
    var root: String { ProjectRoot.of(notebook: notebook) }

    /// The store path to use: `--store`, else `$LAB_STORE`, else `.lab/store.sqlite` in the project root.
    var storePath: String { store ?? StoreOptions.defaultPath(root: root) }

    /// Opens (creating its directory if needed) the store.
    func openStore() throws -> StoreDatabase {
        let dir = (storePath as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        return try StoreDatabase(path: storePath)
    }

    /// Runs the static checks (and the `--param` overrides) before anything touches the
    /// store, so a notebook with errors creates no store file.
    func check(_ nb: Notebook) throws -> [String: Value] {
        do {
            try Analysis(nb, catalog: Catalog.standard).validate()
            return try nb.parameterValues(overrides: try overrides())
        } catch let d as Diagnostics {
            throw NotebookFailure.diagnostics(d)
        }
    }

    /// A runner over the standard catalog; static problems become exit code 2.
    func runner(database: StoreDatabase, display: ProgressDisplay, notebook nb: Notebook) throws -> Runner {
        do {
            return try Runner(notebook: nb, catalog: Catalog.standard, database: database, display: display, environment: RunEnvironment.current())
        } catch let d as Diagnostics {
            throw NotebookFailure.diagnostics(d)
        }
    }
}

/// Failures of notebook commands with their documented exit codes.
enum NotebookFailure: Error {
    /// Static problems: printed compiler-style, exit 2.
    case diagnostics(Diagnostics)
    /// Cells failed or were blocked: exit `code` (see ``RunCommand/exitCode(of:)``).
    case cellsFailed(Int, code: Int32)
    /// Refused (stale render): exit 3.
    case refused(String)
}

/// Runs a notebook command body, mapping failures to output and exit codes.
func notebookCommand(_ body: () throws -> Void) throws {
    do {
        try reportingErrors(body)
    } catch NotebookFailure.diagnostics(let d) {
        printError(d.description)
        printError("\(d.items.count) error\(d.items.count == 1 ? "" : "s") found; nothing was run.")
        throw ExitCode(2)
    } catch NotebookFailure.cellsFailed(let n, let code) {
        printError("\(n) cell\(n == 1 ? "" : "s") failed or blocked.")
        throw ExitCode(code)
    } catch NotebookFailure.refused(let why) {
        printError("refused: \(why)")
        throw ExitCode(3)
    } catch let d as Diagnostics {
        printError(d.description)
        throw ExitCode(2)
    }
}

extension RunEnvironment {
    /// This process's environment: git commit and dirty flag, Swift, OS, CPU, BLAS.
    static func current() -> RunEnvironment {
        RunEnvironment(gitCommit: git(["rev-parse", "HEAD"]), gitDirty: git(["status", "--porcelain"]).map { !$0.isEmpty },
                       swiftVersion: Doctor.swiftVersion, os: ProcessInfo.processInfo.operatingSystemVersionString,
                       cpuModel: BLAS.cpuModel, blasCore: BLAS.coreName, blasThreads: BLAS.threads)
    }

    static func git(_ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
